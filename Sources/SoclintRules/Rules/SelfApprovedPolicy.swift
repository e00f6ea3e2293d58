import SoclintDiagnostics
import SoclintModel

struct SelfApprovedPolicy: Rule {
  static let description = RuleDescription(
    id: .selfApprovedPolicy, category: .policies,
    summary: "A policy's approver is its owner",
    explanation: """
      Approval is a second person standing behind the text: the owner writes and maintains a
      policy, and someone with the authority to enforce it (often a member of management)
      approves it. An owner who approves their own policy is no approval an auditor accepts.
      Name another approver.
      """,
    failing: [
      Example.policy(
        replacing: "approver: bob", with: "approver: ↓alice",
        messages: ["policy POL-ACCESS is approved by its own owner 'alice'"])
    ],
    passing: [Example(Example.policyFiles)])

  func check(_ context: LintContext, report: inout [Finding]) {
    for policy in context.project.policies where policy.status != .retired {
      guard let approver = policy.approver, approver.value == policy.owner.value else { continue }
      report.append(
        finding(
          "policy \(policy.id.value) is approved by its own owner '\(approver.value)'", at: approver,
          notes: [Note("'\(policy.owner.value)' owns the policy here", at: policy.owner.range)],
          help: ["have someone other than the owner approve it"], subject: [policy.id.value, approver.value]))
    }
  }
}
