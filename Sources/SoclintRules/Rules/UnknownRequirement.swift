import SoclintDiagnostics
import SoclintModel

struct UnknownRequirement: Rule {
  static let description = RuleDescription(
    id: .unknownRequirement, category: .names,
    summary: "A control maps, or the configuration excludes, a requirement its framework does not have",
    explanation: """
      A mapping to a requirement that does not exist covers nothing, so the criterion it was meant
      for may be uncovered without anyone noticing. SOC 2 ids are exactly as the Trust Services
      Criteria write them (CC6.1, A1.2, PI1.3); a catalog's ids are those it declares.
      """,
    failing: [
      Example.control(
        replacing: "  soc1: [CO-1]", with: "  soc1: [↓CO-9]",
        messages: ["requirement 'CO-9' in control AC-01 is not in soc1"])
    ],
    passing: [Example(control: Example.goodControl)])

  static let readsMappedIDs = true

  func check(_ context: LintContext, report: inout [Finding]) {
    guard !context.project.catalogsIncomplete else { return }
    for mapped in context.mappedIDs where mapped.requirementIndex == nil {
      let (framework, id) = (context.framework(of: mapped), context.id(of: mapped))
      report.append(
        finding(
          "requirement '\(id.value)' in control \(context.control(of: mapped).id.value) is not in \(framework.id)",
          at: id,
          help: framework.helpForUnknown(id.value).map { [$0] } ?? [], subject: [framework.id, id.value]))
    }
    for scope in context.configuration.scopes {
      guard let framework = context.frameworks[scope.framework.value] else { continue }
      for exclusion in scope.exclusions where framework.requirement(exclusion.requirement.value) == nil {
        let id = exclusion.requirement
        report.append(
          finding(
            "excluded requirement '\(id.value)' is not in \(framework.id)", at: id,
            help: framework.helpForUnknown(id.value).map { [$0] } ?? [], subject: [framework.id, id.value]))
      }
    }
  }
}
