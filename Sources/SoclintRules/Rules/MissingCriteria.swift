import SoclintDiagnostics
import SoclintModel

struct MissingCriteria: Rule {
  static let description = RuleDescription(
    id: .missingCriteria, category: .completeness,
    summary: "An implemented control maps to no requirement",
    explanation: """
      A control that meets no requirement cannot be shown to an auditor: it covers no criterion
      and no control objective. Under `criteria`, list the requirements it meets by framework,
      such as `soc2: [CC6.1, CC6.2]`.
      """,
    failing: [
      Example.control(
        replacing: "criteria:\n  soc1: [CO-1]\n", with: "", messages: ["control AC-01 maps to no requirement"]
      ).replacing("id: AC-01", with: "id: ↓AC-01"),
      // A written key with nothing under it: the finding points at the key.
      Example.control(
        replacing: "criteria:\n  soc1: [CO-1]\n", with: "↓criteria: {}\n",
        messages: ["control AC-01 maps to no requirement"]),
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard control.criteria.allSatisfy({ $0.requirements.isEmpty }) else { return }
    let message = "control \(control.id.value) maps to no requirement"
    let help = ["list what it meets under 'criteria', such as 'soc2: [CC6.1]'"]
    report.append(
      finding(message, atKey: control.criteriaKey, pointer: "/criteria", of: control, help: help))
  }
}
