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

  func check(_ context: LintContext, report: inout [Finding]) {
    guard !context.project.catalogsIncomplete else { return }
    // A requirement's scope is the same for every control that maps it: judged once each, for
    // the few frameworks controls map (thousands of ids, a few dozen requirements).
    var judged: [(framework: Framework, scopes: [LintContext.Scope?])] = []
    func scope(of index: Int, in framework: Framework) -> LintContext.Scope {
      let slot = judged.firstIndex { $0.framework === framework } ?? judged.count
      if slot == judged.count {
        judged.append((framework, [LintContext.Scope?](repeating: nil, count: framework.requirements.count)))
      }
      if let known = judged[slot].scopes[index] { return known }
      let found = context.scope(of: framework.requirements[index], in: framework)
      judged[slot].scopes[index] = found
      return found
    }
    for mapped in context.mappedIDs {
      let (control, framework, id) = (mapped.control, mapped.framework, mapped.id)
      guard let index = mapped.requirementIndex else { continue }
      let why: String
      switch scope(of: index, in: framework) {
      case .inScope, .excluded: continue
      case .frameworkNotInScope: why = "\(framework.id) is not under 'frameworks' in the configuration"
      case .categoryNotInScope(let category):
        why = "its category \(category ?? "(none)") is not among the categories of \(framework.id)"
      }
      report.append(
        finding(
          "control \(control.id.value) maps \(id.value), which is out of scope: \(why)", at: id,
          subject: [control.id.value, framework.id, id.value]))
    }
  }
}
