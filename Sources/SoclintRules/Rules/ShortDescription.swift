import SoclintDiagnostics
import SoclintModel

struct ShortDescription: Rule {
  static let description = RuleDescription(
    id: .shortDescription, category: .completeness,
    summary: "A control's description is under 30 characters or repeats its title",
    explanation: """
      The description is what an auditor tests against: what is done, by whom, in which system,
      and what happens to exceptions. A few words, or the title again, say none of that.
      """,
    failing: [
      Example.control(
        replacing:
          "description: >\n  Security reviews every production account against the HR roster each quarter\n  and removes access that is no longer needed.\n",
        with: "description: ↓Quarterly user access review\n",
        messages: ["the description of control AC-01 repeats its title"])
    ],
    passing: [Example(control: Example.goodControl)])

  /// The text without leading and trailing white space (block scalars end with a newline).
  static func trimmed(_ text: String) -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    guard let first = text.firstIndex(where: { !isSpace($0) }),
      let last = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return text[first...last]
  }

  func check(_ context: LintContext, report: inout [Finding]) {
    for control in context.activeControls {
      let c = control.id.value
      let description = ShortDescription.trimmed(control.description.value)
      let title = ShortDescription.trimmed(control.title.value)
      if description.utf8.count == title.utf8.count && description.lowercased() == title.lowercased() {
        report.append(
          finding(
            "the description of control \(c) repeats its title", at: control.description,
            help: ["say what is done, by whom, in which system, and what happens to exceptions"], subject: [c]
          ))
      } else if description.utf8.count < 30 * 4, description.unicodeScalars.count < 30 {
        report.append(
          finding(
            "the description of control \(c) is \(description.unicodeScalars.count) characters long, expected at least 30",
            at: control.description,
            help: ["say what is done, by whom, in which system, and what happens to exceptions"], subject: [c]
          ))
      }
    }
  }
}
