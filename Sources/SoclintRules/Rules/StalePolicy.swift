import SoclintDiagnostics
import SoclintModel

struct StalePolicy: Rule {
  static let description = RuleDescription(
    id: .stalePolicy, category: .policies,
    summary: "An approved policy's review is overdue (approved_on plus review_interval)",
    explanation: """
      A policy is reviewed and approved again every `review_interval` (the configuration's
      default is annual): auditors expect to see that management still stands behind the text.
      Past `approved_on` plus that interval (plus grace days), the review is overdue. Review the
      policy, have it approved again, and set `approved_on` to that day.
      """,
    failing: [
      Example.policy(
        replacing: "approved_on: 2026-03-02", with: "approved_on: ↓2025-03-02",
        messages: [
          "the review of policy POL-ACCESS is overdue: approved 2025-03-02, due 2026-03-02 (annual), 263 days overdue"
        ])
    ],
    passing: [Example(Example.policyFiles)])

  func check(_ context: LintContext, report: inout [Finding]) {
    for policy in context.project.policies {
      guard let approved = policy.approvedOn,
        case .stale(let due, let overdue)? = context.policyFreshness(of: policy)
      else { continue }
      let interval = policy.reviewInterval?.value ?? context.configuration.reviewInterval
      report.append(
        finding(
          "the review of policy \(policy.id.value) is overdue: approved \(approved.value), due \(due) (\(interval)), \(overdue) day\(overdue == 1 ? "" : "s") overdue",
          at: approved, help: ["review the policy, have it approved again and set 'approved_on' to that day"],
          subject: [policy.id.value, approved.value.description]))
    }
  }
}
