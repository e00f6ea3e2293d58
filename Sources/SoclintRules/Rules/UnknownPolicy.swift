import SoclintDiagnostics
import SoclintModel

struct UnknownPolicy: Rule {
  static let description = RuleDescription(
    id: .unknownPolicy, category: .policies,
    summary: "A control names a policy that no policy document declares",
    explanation: """
      A control's `policies` say which policies it carries out, so that an auditor can follow a
      policy statement down to the controls that make it true. Each id must name a policy
      declared by a `kind: policy` document. Declare the policy, or fix the spelling (the help
      suggests the closest declared id).
      """,
    failing: [
      Example.policy(
        replacing: "policies: [POL-ACCESS]", with: "policies: [↓POL-ACESS]", in: "Controls/example.yaml",
        messages: ["policy POL-ACESS of control AC-01 is not declared"])
    ],
    passing: [Example(Example.policyFiles)])

  static let eachControl: ControlSelection? = .active

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    // A policy that could not be read would be reported here as undeclared by every control.
    guard !context.project.policiesIncomplete else { return }
    for id in control.policies where context.policies[id.value] == nil {
      let help =
        Suggest.closest(to: id.value, in: context.project.policies.map(\.id.value)).map {
          ["did you mean '\($0)'?"]
        }
        ?? ["declare \(id.value) in a policy document (kind: policy)"]
      report.append(
        finding(
          "policy \(id.value) of control \(control.id.value) is not declared", at: id, help: help,
          subject: [control.id.value, id.value]))
    }
  }
}
