import SoclintDiagnostics
import SoclintModel

struct StaleReview: Rule {
  static let description = RuleDescription(
    id: .staleReview, category: .staleness,
    summary: "A control's design review is overdue (last_reviewed plus review_interval)",
    explanation: """
      A control's design is reviewed every `review_interval` (the configuration's default is
      annual). Past `last_reviewed` plus that interval (plus grace days), the review is overdue.
      Review the control and update `last_reviewed`.
      """,
    failing: [
      Example.control(
        replacing: "last_reviewed: 2026-06-15", with: "last_reviewed: ↓2025-06-15",
        messages: [
          "the review of control AC-01 is overdue: last reviewed 2025-06-15, due 2026-06-15 (annual), 158 days overdue"
        ])
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard let reviewed = control.lastReviewed,
      case .stale(let due, let overdue) = context.reviewFreshness(of: control)
    else { return }
    let interval = control.reviewInterval?.value ?? context.configuration.reviewInterval
    report.append(
      finding(
        "the review of control \(control.id.value) is overdue: last reviewed \(reviewed.value), due \(due) (\(interval)), \(overdue) day\(overdue == 1 ? "" : "s") overdue",
        at: reviewed, help: ["review the control's design and set 'last_reviewed' to that day"],
        subject: [control.id.value, reviewed.value.description]))
  }
}
