import SoclintDiagnostics
import SoclintModel

struct MissingEvidence: Rule {
  static let description = RuleDescription(
    id: .missingEvidence, category: .completeness,
    summary: "An implemented control lists no evidence",
    explanation: """
      An auditor tests a control by its evidence: a ticket, a log, an export, a report. A control
      with none cannot be shown to operate. List at least one evidence item with where it comes
      from and how often it is collected.
      """,
    failing: [
      Example(
        control: String(Example.goodControl[..<Example.goodControl.range(of: "evidence:")!.lowerBound])
          + "last_reviewed: 2026-06-15\n", messages: ["control AC-01 lists no evidence"]
      ).replacing("id: AC-01", with: "id: ↓AC-01")
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard control.evidence.isEmpty else { return }
    let message = "control \(control.id.value) lists no evidence"
    let help = ["list under 'evidence' what proves the control operates, with its source and frequency"]
    report.append(
      finding(message, atKey: control.evidenceKey, pointer: "/evidence", of: control, help: help))
  }
}
