import SoclintDiagnostics
import SoclintModel

struct DuplicateID: Rule {
  static let description = RuleDescription(
    id: .duplicateID, category: .names,
    summary:
      "Two controls, owners, catalogs, requirements of a catalog or evidence items of a control share an id",
    explanation: """
      Ids are how controls, owners and requirements refer to each other, and how auditors refer
      to a control in their workpapers: each must name exactly one thing. Control and owner ids
      are unique in the project, evidence ids within their control, requirement ids within their
      catalog, and a catalog's id is its framework (the id `soc2` is built in). The finding points
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
        ], messages: ["control AC-01 is declared twice"])
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
    duplicates(context.project.controls.map { ($0.id, ()) }) { "control \($0)" }
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
}
