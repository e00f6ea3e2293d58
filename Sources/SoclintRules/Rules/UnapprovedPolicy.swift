import SoclintDiagnostics
import SoclintModel

struct UnapprovedPolicy: Rule {
  static let description = RuleDescription(
    id: .unapprovedPolicy, category: .policies,
    summary: "An implemented control carries out a draft or retired policy",
    explanation: """
      A control in operation carries out a policy in force. When the policy it names is still a
      draft, the control enforces rules nobody has approved; when it is retired, the control
      points at rules that no longer apply. Approve the policy, or point the control at the
      policy that replaced it.
      """,
    failing: [
      Example.policy(
        replacing: "approver: bob\n", with: "status: draft\n",
        messages: ["policy POL-ACCESS of control AC-01 is a draft, not approved"]
      ).replacing("approved_on: 2026-03-02\n", with: "", in: Example.policyPath)
        .replacing("policies: [POL-ACCESS]", with: "policies: [↓POL-ACCESS]")
    ],
    passing: [Example(Example.policyFiles)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    for id in control.policies {
      guard let policy = context.policies[id.value], !policy.isApproved else { continue }
      let state = policy.status == .draft ? "a draft, not approved" : "retired"
      let notes =
        policy.statusNode.map {
          [
            Note(
              "policy \(id.value) is \(state == "retired" ? "retired" : "a draft") here",
              at: policy.file.range(of: $0))
          ]
        } ?? []
      report.append(
        finding(
          "policy \(id.value) of control \(control.id.value) is \(state)", at: id, notes: notes,
          help: [
            policy.status == .draft
              ? "have the policy approved, or name the approved policy the control carries out"
              : "name the policy that replaced it"
          ],
          subject: [control.id.value, id.value]))
    }
  }
}
