import SoclintDiagnostics
import SoclintModel

struct PolicyDueSoon: Rule {
  static let description = RuleDescription(
    id: .policyDueSoon, category: .policies,
    summary: "An approved policy's review falls due within due_soon_days of the as-of date",
    explanation: """
      A reminder, not a failure: the policy's approval is current today, but its review falls
      due within the configuration's `due_soon_days` (14 by default), counting a due date exactly
      that many days away. Plan the review and the approval.
      """,
    failing: [
      Example.policy(
        replacing: "approved_on: 2026-03-02", with: "approved_on: ↓2025-11-25",
        messages: ["the review of policy POL-ACCESS is due on 2026-11-25 (annual), in 5 days"])
    ],
    passing: [Example(Example.policyFiles)])

  func check(_ context: LintContext, report: inout [Finding]) {
    for policy in context.project.policies {
      guard let approved = policy.approvedOn,
        case .dueSoon(let due, let left)? = context.policyFreshness(of: policy)
      else { continue }
      let interval = policy.reviewInterval?.value ?? context.configuration.reviewInterval
      let when = left == 0 ? "today" : "in \(left) day\(left == 1 ? "" : "s")"
      report.append(
        finding(
          "the review of policy \(policy.id.value) is due on \(due) (\(interval)), \(when)", at: approved,
          subject: [policy.id.value, due.description]))
    }
  }
}
