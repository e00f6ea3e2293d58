import SoclintDiagnostics
import SoclintModel

struct UncoveredRequirement: Rule {
  static let description = RuleDescription(
    id: .uncoveredRequirement, category: .coverage,
    summary: "An in-scope requirement is met by no implemented control",
    explanation: """
      Every requirement in scope (every criterion of the SOC 2 categories under `frameworks`,
      every objective of a SOC 1 catalog) must be met by at least one implemented control, or the
      report will carry an exception. Map an implemented control to it, implement a planned one
      (a note shows planned controls that map it), or, when a subservice organisation meets it,
      exclude it in the configuration with a reason. One finding per requirement, at the
      framework in the configuration.
      """,
    failing: [
      Example(
        [
          (
            "Controls/example.yaml",
            Example.goodControl.replacingFirst("  soc1: [CO-1]", with: "  soc1: []\n  soc2: [CC6.1]")
          ),
          (".soclint.yaml", Example.baseConfiguration.replacingFirst("  soc1: {}", with: "  ↓soc1: {}")),
        ],
        messages: [
          "requirement CO-1 of soc1 (Access to payroll systems is limited to authorised staff) is not met by any implemented control"
        ])
    ],
    passing: [Example(control: Example.goodControl)])

  static let readsMappedIDs = true

  func check(_ context: LintContext, report: inout [Finding]) {
    guard !context.project.catalogsIncomplete, !context.project.controlsIncomplete else { return }
    for scope in context.configuration.scopes {
      guard let framework = context.frameworks[scope.framework.value] else { continue }
      // From the index of mapped ids, which holds each id's requirement position: a dictionary
      // of every id's mappings, as `LintContext.mappings(of:)` builds for the coverage report,
      // cost a hash and an append for every id of every control. An id names the position of
      // the first requirement so written, as a lookup by id does.
      var met = [Bool](repeating: false, count: framework.requirements.count)
      var planned: [Int: [(control: Control, id: Located<String>)]] = [:]
      for mapped in context.mappedIDs(into: framework) {
        guard let position = mapped.requirementIndex else { continue }
        switch mapped.status {
        case .implemented: met[position] = true
        case .planned:
          planned[position, default: []].append((context.control(of: mapped), context.id(of: mapped)))
        case .retired: break
        }
      }
      for requirement in framework.requirements
      where context.scope(of: requirement, in: framework) == .inScope {
        guard let position = framework.requirementIndex(requirement.id), !met[position] else { continue }
        let notes = (planned[position] ?? []).map { (control, id) in
          Note(
            "control \(control.id.value) maps \(requirement.id) but is planned, not implemented", at: id.range
          )
        }
        let about = requirement.title.isEmpty ? "" : " (\(requirement.title))"
        report.append(
          finding(
            "requirement \(requirement.id) of \(framework.id)\(about) is not met by any implemented control",
            at: scope.framework, notes: notes,
            help: [
              "map an implemented control to \(requirement.id), or exclude it here with a reason if someone else meets it"
            ],
            subject: [framework.id, requirement.id]))
      }
    }
  }
}
