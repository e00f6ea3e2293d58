import SoclintDiagnostics
import SoclintModel

struct ImplementedDuringPeriod: Rule {
  static let description = RuleDescription(
    id: .implementedDuringPeriod, category: .audit,
    summary: "Under a Type II audit, a control began to operate after the period's start",
    explanation: """
      A control that began to operate part-way through the observation period (`implemented_on`
      after the audit's `start`) cannot show that it operated for the whole period. The auditor
      will test it from that day only, and the report will say so. Its windows that end before
      that day are not required. Tell the auditor early, or agree a shorter period for it.
      """,
    failing: [
      Example(
        [
          (".soclint.yaml", Example.type2Configuration),
          (
            "Controls/example.yaml",
            Example.goodControl.replacingFirst(
              "last_reviewed: 2026-06-15\n", with: "implemented_on: ↓2026-03-16\nlast_reviewed: 2026-06-15\n"
            )
            .replacingFirst(
              "    last_collected: 2026-09-30\n",
              with: "    collected: [2026-04-09, 2026-07-08, 2026-10-06]\n")
          ),
        ],
        messages: [
          "control AC-01 began to operate on 2026-03-16, 74 days after the audit period started on 2026-01-01"
        ])
    ],
    passing: [
      Example([
        (".soclint.yaml", Example.type2Configuration),
        (
          "Controls/example.yaml",
          Example.goodControl.replacingFirst(
            "last_reviewed: 2026-06-15\n", with: "implemented_on: 2025-11-03\nlast_reviewed: 2026-06-15\n"
          )
          .replacingFirst(
            "    last_collected: 2026-09-30\n",
            with: "    collected: [2026-01-14, 2026-04-09, 2026-07-08, 2026-10-06]\n")
        ),
      ])
    ])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard let period = context.auditPeriod else { return }
    guard let on = control.implementedOn, on.value > period.start else { return }
    let uncovered = min(period.start.days(until: on.value), period.length)
    let message =
      on.value > period.end
      ? "control \(control.id.value) began to operate on \(on.value), after the audit period ended on \(period.end): it covers none of its \(period.length) days"
      : "control \(control.id.value) began to operate on \(on.value), \(uncovered) day\(uncovered == 1 ? "" : "s") after the audit period started on \(period.start)"
    report.append(
      finding(
        message, at: on,
        help: [
          "the auditor tests it from that day only; tell them early, or agree a shorter period for this control"
        ],
        subject: [control.id.value]))
  }
}
