import SoclintDiagnostics
import SoclintModel

struct InconsistentHistory: Rule {
  static let description = RuleDescription(
    id: .inconsistentHistory, category: .audit,
    summary: "A collection history is out of order, repeats a date, or disagrees with last_collected",
    explanation: """
      `collected` lists every collection of an evidence item, oldest first, each date once. A
      date that is not later than the one before it is out of order or repeated: usually a typo
      in the year or month, or a line pasted twice. When `last_collected` is also given it must be
      the latest collected date; better still, leave it out, since the latest date of the history
      is the last collection.
      """,
    failing: [
      Example.control(
        replacing: "    last_collected: 2026-09-30\n",
        with: "    collected: [2026-03-30, ↓2026-03-02, 2026-09-30]\n",
        messages: [
          "collected date 2026-03-02 of evidence 'review-ticket' of control AC-01 is not later than the one before it, 2026-03-30"
        ]),
      Example.control(
        replacing: "    last_collected: 2026-09-30\n",
        with: "    last_collected: ↓2026-06-30\n    collected: [2026-06-30, 2026-09-30]\n",
        messages: [
          "last_collected 2026-06-30 of evidence 'review-ticket' of control AC-01 is not its latest collected date, 2026-09-30"
        ]),
    ],
    passing: [
      Example.control(
        replacing: "    last_collected: 2026-09-30\n",
        with: "    collected: [2026-03-30, 2026-06-29, 2026-09-30]\n")
    ])

  static let eachControl: ControlSelection? = .active

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    for e in control.evidence {
      var previous: Day?
      for c in e.collected {
        defer { previous = c.date.value }
        guard let before = previous, c.date.value <= before else { continue }
        report.append(
          finding(
            "collected date \(c.date.value) of evidence '\(e.id.value)' of control \(control.id.value) is not later than the one before it, \(before)",
            at: c.date,
            help: [
              c.date.value == before
                ? "remove the repeated date: each collection is listed once"
                : "list collections oldest first"
            ],
            subject: [control.id.value, e.id.value, c.date.value.description]))
      }
      guard let field = e.lastCollectedField, let latest = e.collected.map(\.date.value).max(),
        field.value != latest
      else { continue }
      report.append(
        finding(
          "last_collected \(field.value) of evidence '\(e.id.value)' of control \(control.id.value) is not its latest collected date, \(latest)",
          at: field,
          help: [
            "write last_collected: \(latest), or leave it out: the latest collected date is the last collection"
          ],
          subject: [control.id.value, e.id.value]))
    }
  }
}
