import SoclintDiagnostics
import SoclintModel

struct MissingReview: Rule {
  static let description = RuleDescription(
    id: .missingReview, category: .completeness,
    summary: "An implemented control has no last_reviewed date",
    explanation: """
      Controls drift: systems change, people leave. Auditors expect each control's design to be
      reviewed on a schedule (annual by default). Record when it was last reviewed in
      `last_reviewed`.
      """,
    failing: [
      Example.control(
        replacing: "last_reviewed: 2026-06-15\n", with: "",
        messages: ["control AC-01 has no last_reviewed date"]
      ).replacing("id: AC-01", with: "id: ↓AC-01")
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard control.lastReviewed == nil else { return }
    report.append(
      finding(
        "control \(control.id.value) has no last_reviewed date", at: control.id,
        help: ["add 'last_reviewed: YYYY-MM-DD', the day its design was last reviewed"],
        subject: [control.id.value]))
  }
}
