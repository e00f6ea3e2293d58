import SoclintDiagnostics
import SoclintModel

struct EvidenceDueSoon: Rule {
  static let description = RuleDescription(
    id: .evidenceDueSoon, category: .staleness,
    summary: "Evidence falls due within due_soon_days of the as-of date",
    explanation: """
      A reminder, not a failure: the evidence is fresh today but falls due within the
      configuration's `due_soon_days` (14 by default), counting a due date exactly that many days
      away. Plan its collection.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30", with: "last_collected: ↓2026-08-25",
        messages: ["evidence 'review-ticket' of control AC-01 is due on 2026-11-25, in 5 days"])
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    for e in control.evidence {
      guard case .dueSoon(let due, let left) = context.freshness(of: e), let collected = e.lastCollected
      else {
        continue
      }
      let when = left == 0 ? "today" : "in \(left) day\(left == 1 ? "" : "s")"
      report.append(
        finding(
          "evidence '\(e.id.value)' of control \(control.id.value) is due on \(due), \(when)",
          at: collected,
          subject: [control.id.value, e.id.value, due.description]))
    }
  }
}
