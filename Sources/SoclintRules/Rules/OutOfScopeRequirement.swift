import SoclintDiagnostics
import SoclintModel

struct OutOfScopeRequirement: Rule {
  static let description = RuleDescription(
    id: .outOfScopeRequirement, category: .coverage,
    summary: "A control maps a requirement outside the configuration's scope",
    explanation: """
      The mapping is not wrong, but it counts for nothing in this examination: the framework is
      not under `frameworks`, or the requirement's category is not in its `categories`. It is
      worth knowing when scoping changes, so it is reported as information.
      """,
    failing: [
      Example.control(
        replacing: "  soc1: [CO-1]", with: "  soc1: [CO-1]\n  soc2: [↓C1.1]",
        messages: [
          "control AC-01 maps C1.1, which is out of scope: soc2 is not under 'frameworks' in the configuration"
        ])
    ],
    passing: [Example(control: Example.goodControl)])

  static let readsMappedIDs = true

  func check(_ context: LintContext, report: inout [Finding]) {
    guard !context.project.catalogsIncomplete else { return }
    // A requirement's scope is the same for every control that maps it: judged once each, by
    // the framework's position among those mapped (thousands of ids, a few dozen requirements).
    var judged: [[LintContext.Scope?]] = []
    func scope(of mapped: LintContext.MappedID, at index: Int) -> LintContext.Scope {
      let slot = Int(mapped.framework)
      while judged.count <= slot { judged.append([]) }
      if let known = judged[slot].isEmpty ? nil : judged[slot][index] { return known }
      let framework = context.framework(of: mapped)
      if judged[slot].isEmpty { judged[slot] = Array(repeating: nil, count: framework.requirements.count) }
      let found = context.scope(of: framework.requirements[index], in: framework)
      judged[slot][index] = found
      return found
    }
    for mapped in context.mappedIDs {
      guard let index = mapped.requirementIndex else { continue }
      let why: String
      switch scope(of: mapped, at: index) {
      case .inScope, .excluded: continue
      case .frameworkNotInScope:
        why = "\(context.framework(of: mapped).id) is not under 'frameworks' in the configuration"
      case .categoryNotInScope(let category):
        why =
          "its category \(category ?? "(none)") is not among the categories of \(context.framework(of: mapped).id)"
      }
      let (control, framework, id) = (
        context.control(of: mapped), context.framework(of: mapped), context.id(of: mapped)
      )
      report.append(
        finding(
          "control \(control.id.value) maps \(id.value), which is out of scope: \(why)", at: id,
          subject: [control.id.value, framework.id, id.value]))
    }
  }
}
