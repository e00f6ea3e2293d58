import SoclintDiagnostics
import SoclintModel

struct DuplicateID: Rule {
  static let description = RuleDescription(
    id: .duplicateID, category: .names,
    summary:
      "Two controls, policies, owners, catalogs, requirements of a catalog or evidence items of a control share an id",
    explanation: """
      Ids are how controls, owners and requirements refer to each other, and how auditors refer
      to a control in their workpapers: each must name exactly one thing. Control and owner ids
      are unique in the project, evidence ids within their control, requirement ids within their
      catalog, and a catalog's id is its framework (the id `soc2` is built in). Controls and
      policies share one namespace: a policy may not reuse a control's id. The finding points
      at the second declaration, with a note at the first. Rename one of them.
      """,
    failing: [
      Example(
        [
          ("Controls/a.yaml", Example.goodControl),
          (
            "Controls/b.yaml",
            Example.goodControl.replacingFirst("title: Quarterly", with: "title: Monthly")
              .replacingFirst("id: AC-01", with: "id: ↓AC-01")
          ),
        ], messages: ["control AC-01 is declared twice"]),
      Example.policy(
        replacing: "id: POL-ACCESS", with: "id: ↓AC-01",
        messages: [
          "policy AC-01 has the id of control AC-01; controls and policies share one namespace of ids"
        ]
      ).replacing("policies: [POL-ACCESS]\n", with: ""),
    ],
    passing: [Example(control: Example.goodControl)])

  func check(_ context: LintContext, report: inout [Finding]) {
    func duplicates<T>(_ items: [(Located<String>, T)], _ describe: (String) -> String) {
      var first: [String: Located<String>] = [:]
      for (id, _) in items {
        if let earlier = first[id.value] {
          report.append(
            finding(
              "\(describe(id.value)) is declared twice", at: id,
              notes: [Note("\(describe(id.value)) is first declared here", at: earlier.range)],
              help: ["give each one its own id"], subject: [id.value]))
        } else {
          first[id.value] = id
        }
      }
    }
    controlsAndPolicies(context, report: &report)
    duplicates(context.project.owners.map { ($0.id, ()) }) { "owner '\($0)'" }
    for control in context.project.controls {
      duplicates(control.evidence.map { ($0.id, ()) }) { "evidence '\($0)' of control \(control.id.value)" }
    }
    for catalog in context.project.catalogs {
      if let builtIn = BuiltInFramework.named(catalog.framework.value) {
        report.append(
          finding(
            "catalog \(builtIn.id) clashes with the built-in \(builtIn.displayName) criteria",
            at: catalog.framework,
            help: [
              "\(builtIn.id) is built in; give your own catalog another framework id, such as \(builtIn.id)-extra"
            ],
            subject: [builtIn.id]))
      }
      duplicates(catalog.requirements.map { ($0.id, ()) }) {
        "requirement '\($0)' of catalog \(catalog.framework.value)"
      }
    }
    duplicates(context.project.catalogs.map { ($0.framework, ()) }) { "catalog \($0)" }
  }

  /// Controls and policies share one namespace, in reading order (path, then document).
  func controlsAndPolicies(_ context: LintContext, report: inout [Finding]) {
    typealias Declared = (id: Located<String>, what: String, path: String, document: Int)
    let declared: [Declared] =
      context.project.controls.map { ($0.id, "control", $0.file.path, $0.document) }
      + context.project.policies.map { ($0.id, "policy", $0.file.path, $0.documentIndex) }
    let ordered = declared.sorted { a, b in
      a.path != b.path ? a.path.utf8.lexicographicallyPrecedes(b.path.utf8) : a.document < b.document
    }
    var first: [String: Declared] = [:]
    for item in ordered {
      let name = "\(item.what) \(item.id.value)"
      guard let earlier = first[item.id.value] else {
        first[item.id.value] = item
        continue
      }
      let earlierName = "\(earlier.what) \(earlier.id.value)"
      let message =
        earlier.what == item.what
        ? "\(name) is declared twice"
        : "\(name) has the id of \(earlierName); controls and policies share one namespace of ids"
      report.append(
        finding(
          message, at: item.id, notes: [Note("\(earlierName) is first declared here", at: earlier.id.range)],
          help: ["give each one its own id"], subject: [item.id.value]))
    }
  }
}
