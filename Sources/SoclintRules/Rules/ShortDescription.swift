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
    trimmedASCII(text) ?? trimmedByCharacters(text)
  }

  /// `trimmed`, character by character: the definition, for any text.
  static func trimmedByCharacters(_ text: String) -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    guard let first = text.firstIndex(where: { !isSpace($0) }),
      let last = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return text[first...last]
  }

  /// `trimmed` by bytes, when the characters it keeps at either end are ASCII other than a
  /// carriage return; nil otherwise. Spaces, tabs and newlines are then characters of one byte
  /// each (no mark beyond ASCII follows them, no carriage return precedes a newline), so only
  /// the white space at the ends is read. Walking characters from both ends costs grapheme
  /// breaking, and this rule asks it of two texts of every control.
  static func trimmedASCII(_ text: String) -> Substring? {
    var text = text
    let bounds = text.withUTF8 { bytes -> (Int, Int)? in
      func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 10 || byte == 9 }
      func isPlain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 13 }
      var first = 0
      var end = bytes.count
      while first < end, isSpace(bytes[first]) { first += 1 }
      if first == end { return (first, end) }
      while isSpace(bytes[end - 1]) { end -= 1 }
      return isPlain(bytes[first]) && isPlain(bytes[end - 1]) ? (first, end) : nil
    }
    guard let (first, end) = bounds else { return nil }
    let utf8 = text.utf8
    return text[utf8.index(utf8.startIndex, offsetBy: first)..<utf8.index(utf8.startIndex, offsetBy: end)]
  }

  static let eachControl: ControlSelection? = .active

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
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
