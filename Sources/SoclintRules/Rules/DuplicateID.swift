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
    func duplicates<C: RandomAccessCollection>(_ ids: C, _ describe: (String) -> String)
    where C.Element == Located<String> {
      func declaredTwice(_ id: Located<String>, after earlier: Located<String>) {
        report.append(
          finding(
            "\(describe(id.value)) is declared twice", at: id,
            notes: [Note("\(describe(id.value)) is first declared here", at: earlier.range)],
            help: ["give each one its own id"], subject: [id.value]))
      }
      guard ids.count > 1 else { return }
      // A control's few evidence items are compared pairwise: a dictionary for each of
      // thousands of controls costs more than the comparisons.
      guard ids.count > 16 else {
        for (i, id) in zip(ids.indices, ids) {
          if let earlier = ids[ids.startIndex..<i].first(where: { $0.value == id.value }) {
            declaredTwice(id, after: earlier)
          }
        }
        return
      }
      var first: [String: Located<String>] = [:]
      for id in ids {
        if let earlier = first[id.value] { declaredTwice(id, after: earlier) } else { first[id.value] = id }
      }
    }
    controlsAndPolicies(context, report: &report)
    duplicates(context.project.owners.lazy.map(\.id)) { "owner '\($0)'" }
    for control in context.project.controls {
      duplicates(control.evidence.lazy.map(\.id)) { "evidence '\($0)' of control \(control.id.value)" }
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
      duplicates(catalog.requirements.lazy.map(\.id)) {
        "requirement '\($0)' of catalog \(catalog.framework.value)"
      }
    }
    duplicates(context.project.catalogs.lazy.map(\.framework)) { "catalog \($0)" }
  }

  /// Controls and policies share one namespace, in reading order (path, then document).
  func controlsAndPolicies(_ context: LintContext, report: inout [Finding]) {
    typealias Declared = (id: Located<String>, what: String, path: String, document: Int)
    let declared: [Declared] =
      context.project.controls.map { ($0.id, "control", $0.file.path, $0.document) }
      + context.project.policies.map { ($0.id, "policy", $0.file.path, $0.documentIndex) }
    func precedes(_ a: Declared, _ b: Declared) -> Bool {
      a.path != b.path ? a.path.precedesInBytes(b.path) : a.document < b.document
    }
    // The loader gives controls and policies in path order, and policies usually sit after
    // controls: checking that costs one comparison a declaration, sorting ten thousand of
    // them several.
    let isOrdered = zip(declared, declared.dropFirst()).allSatisfy { !precedes($1, $0) }
    let ordered = isOrdered ? declared : declared.sorted(by: precedes)
    // Room for every id at once, and positions instead of declarations: a dictionary that grows
    // hashes every key again at each doubling, and moves whole declarations.
    var first: [String: Int] = [:]
    first.reserveCapacity(ordered.count)
    for (position, item) in ordered.enumerated() {
      guard let earlierPosition = first[item.id.value] else {
        first[item.id.value] = position
        continue
      }
      let earlier = ordered[earlierPosition]
      let name = "\(item.what) \(item.id.value)"
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
