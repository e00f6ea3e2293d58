import SoclintDiagnostics
import SoclintModel

struct StaleEvidence: Rule {
  static let description = RuleDescription(
    id: .staleEvidence, category: .staleness,
    summary: "Evidence was not collected again within its frequency (plus grace days)",
    explanation: """
      Evidence falls due one period after it was last collected (`last_collected` plus the
      evidence's `frequency`, plus the configuration's `grace_days`; months are calendar months,
      clamped to the month's end). After that, an auditor sampling this period finds nothing.
      Collect it again and update `last_collected`, or, for an agreed exception, suppress the
      finding with a reason and an `until` date.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30", with: "last_collected: ↓2026-06-30",
        messages: [
          "evidence 'review-ticket' of control AC-01 is stale: collected 2026-06-30, due 2026-09-30 (quarterly), 51 days overdue"
        ])
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    for e in control.evidence {
      guard case .stale(let due, let overdue) = context.freshness(of: e), let collected = e.lastCollected
      else {
        continue
      }
      report.append(
        finding(
          "evidence '\(e.id.value)' of control \(control.id.value) is stale: collected \(collected.value), due \(due) (\(e.frequency.value)), \(overdue) day\(overdue == 1 ? "" : "s") overdue",
          at: collected, help: ["collect it again and set 'last_collected' to that day"],
          subject: [control.id.value, e.id.value, collected.value.description]))
    }
  }
}
