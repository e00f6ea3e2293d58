import Foundation
import SoclintDiagnostics
import SoclintModel

struct ShortDescription: Rule {
  static let description = RuleDescription(
    id: "short-description", severity: .warning, category: .completeness,
    summary: "A control's description is under 30 characters or repeats its title",
    explanation: """
      The description is what an auditor tests against: what is done, by whom, in which system,
      and what happens to exceptions. A few words, or the title again, say none of that.
      """,
    failing: [
      Example.control(
        replacing:
          "description: >\n  Security reviews every production account against the HR roster each quarter\n  and removes access that is no longer needed.\n",
        with: "description: Quarterly user access review\n")
    ],
    passing: [Example(control: Example.goodControl)])

  func check(_ context: LintContext, report: inout [Finding]) {
    for control in context.activeControls {
      let text = control.description.value.trimmingCharacters(in: .whitespacesAndNewlines)
      let c = control.id.value
      if text.lowercased() == control.title.value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        report.append(
          finding(
            "the description of control \(c) repeats its title", at: control.description,
            help: ["say what is done, by whom, in which system, and what happens to exceptions"], subject: [c]))
      } else if text.unicodeScalars.count < 30 {
        report.append(
          finding(
            "the description of control \(c) is \(text.unicodeScalars.count) characters long, expected at least 30",
            at: control.description,
            help: ["say what is done, by whom, in which system, and what happens to exceptions"], subject: [c]))
      }
    }
  }
}
