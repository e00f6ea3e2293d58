import SoclintDiagnostics
import SoclintModel

struct EvidenceFrequencyMismatch: Rule {
  static let description = RuleDescription(
    id: .evidenceFrequencyMismatch, category: .staleness,
    summary: "Evidence is collected less often than its control operates",
    explanation: """
      A control that operates monthly needs evidence from every month; evidence collected
      quarterly leaves two months of every three with nothing to show. Collect the evidence at
      least as often as the control operates. Continuous and on-event durations are not compared.
      """,
    failing: [
      Example.control(
        replacing: "frequency: quarterly\ncriteria", with: "frequency: monthly\ncriteria",
        messages: [
          "evidence 'review-ticket' of control AC-01 is collected quarterly, less often than the control operates (monthly)"
        ]
      ).replacing("    frequency: quarterly\n", with: "    frequency: ↓quarterly\n")
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard let operates = control.frequency.value.nominalDays else { return }
    for e in control.evidence {
      guard let collected = e.frequency.value.nominalDays, collected > operates + 1e-9 else { continue }
      report.append(
        finding(
          "evidence '\(e.id.value)' of control \(control.id.value) is collected \(e.frequency.value), less often than the control operates (\(control.frequency.value))",
          at: e.frequency,
          help: ["collect it \(control.frequency.value) or more often, or split the evidence"],
          subject: [control.id.value, e.id.value]))
    }
  }
}
