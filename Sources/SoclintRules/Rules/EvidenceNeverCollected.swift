import SoclintDiagnostics
import SoclintModel

struct EvidenceNeverCollected: Rule {
  static let description = RuleDescription(
    id: .evidenceNeverCollected, category: .staleness,
    summary: "An evidence item of an implemented control has no last_collected date",
    explanation: """
      Evidence without a collection date has, as far as anyone can show, never been collected,
      so the control cannot be shown to operate. Collect it and record the day in
      `last_collected`.
      """,
    failing: [
      Example.control(
        replacing: "    last_collected: 2026-09-30\n", with: "",
        messages: ["evidence 'review-ticket' of control AC-01 has never been collected"]
      ).replacing("  - id: review-ticket", with: "  - id: ↓review-ticket")
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    for e in control.evidence where context.freshness(of: e) == .undated {
      report.append(
        finding(
          "evidence '\(e.id.value)' of control \(control.id.value) has never been collected", at: e.id,
          help: [
            "collect it and add 'last_collected: YYYY-MM-DD', or list every collection under 'collected'"
          ],
          subject: [control.id.value, e.id.value]))
    }
  }
}
