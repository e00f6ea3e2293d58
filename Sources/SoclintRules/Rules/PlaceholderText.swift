import SoclintDiagnostics
import SoclintModel

struct PlaceholderText: Rule {
  static let description = RuleDescription(
    id: .placeholderText, category: .completeness,
    summary:
      "A title, description, evidence source, owner name or policy title holds placeholder text (TODO, TBD, <fill in>)",
    explanation: """
      Placeholders are promises to write something later, and an auditor reads them as a control
      nobody has designed yet. The rule looks for the words TODO, TBD, FIXME and XXX, for ???,
      "lorem ipsum" and for angle-bracket fill-ins such as `<describe here>`, as whole words in
      any case. Write what is actually done.
      """,
    failing: [
      Example.control(
        replacing: "source: Jira project SEC", with: "source: ↓TBD",
        messages: ["the source of evidence 'review-ticket' of control AC-01 holds the placeholder 'TBD'"]),
      Example.policy(
        replacing: "title: Access Control Policy", with: "title: ↓<policy name>",
        messages: ["the title of policy POL-ACCESS holds the placeholder '<policy name>'"]),
    ],
    passing: [Example(control: Example.goodControl)])

  /// The placeholder the text holds, if any. Scans bytes: every placeholder is ASCII, and
  /// this runs on every text field of every control.
  static func placeholder(in text: String) -> String? {
    // Over the string's own UTF-8 storage: most texts hold no placeholder, and copying each
    // into an array first cost more than the scan.
    var text = text
    return text.withUTF8 { placeholder(inBytes: $0) }
  }

  private static func placeholder(inBytes b: UnsafeBufferPointer<UInt8>) -> String? {
    byteKinds.withUnsafeBufferPointer { kinds in placeholder(inBytes: b, kinds: kinds) }
  }

  /// What each byte may start: a word (letters, digits and every byte of a non-ASCII
  /// character), `???` or `<fill-in>`; 0 for none. One table lookup a byte, and whole words
  /// skipped at once: the rule reads every title and description of the project.
  private static let byteKinds: [UInt8] = (0..<256).map { c in
    if (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c >= 0x80 { return word }
    return c == 63 ? question : c == 60 ? angle : 0
  }
  private static let word: UInt8 = 1
  private static let question: UInt8 = 2
  private static let angle: UInt8 = 3

  private static func placeholder(
    inBytes b: UnsafeBufferPointer<UInt8>, kinds: UnsafeBufferPointer<UInt8>
  ) -> String? {
    func slice(_ i: Int, _ n: Int) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + n)]), as: UTF8.self)
    }
    func isWord(_ i: Int) -> Bool { kinds[Int(b[i])] == PlaceholderText.word }
    var i = 0
    while i < b.count {
      switch kinds[Int(b[i])] {
      case 0:
        i += 1
      case PlaceholderText.question:
        if i + 3 <= b.count && b[i + 1] == UInt8(ascii: "?") && b[i + 2] == UInt8(ascii: "?") { return "???" }
        i += 1
      case PlaceholderText.angle:
        // An angle-bracket fill-in: `<` then some text without brackets, then `>`.
        var j = i + 1
        while j < b.count && b[j] != UInt8(ascii: ">") && b[j] != UInt8(ascii: "<") && b[j] != 10 { j += 1 }
        if j < b.count && b[j] == UInt8(ascii: ">") && j > i + 1 { return slice(i, j - i + 1) }
        i += 1
      default:
        // The start of a word: every other byte of a word is skipped with it.
        var end = i + 1
        while end < b.count && isWord(end) { end += 1 }
        let length = end - i
        // Every placeholder word starts with t, f, x or l (TODO, TBD, FIXME, XXX, lorem): most
        // words are told by their first byte alone.
        let first = b[i] | 0x20
        if length >= 3 && length <= 5
          && (first == UInt8(ascii: "t") || first == UInt8(ascii: "f") || first == UInt8(ascii: "x")
            || first == UInt8(ascii: "l"))
        {
          switch folded(b, i, length) {
          case todo, tbd, fixme, xxx: return slice(i, length)
          case lorem:
            var k = end
            while k < b.count && (b[k] == 32 || b[k] == 9 || b[k] == 10) { k += 1 }
            if k + 5 <= b.count && folded(b, k, 5) == ipsum && (k + 5 == b.count || !isWord(k + 5)) {
              return slice(i, k + 5 - i)
            }
          default: break
          }
        }
        i = end
      }
    }
    return nil
  }

  /// The `count` bytes (at most eight) at `i` as one integer, the first in the lowest byte, each
  /// ASCII capital as its small letter: a word of a placeholder is then one comparison. Setting
  /// the bit 0x20 of every byte lowers A to Z and leaves digits and small letters as they are;
  /// the bytes of a non-ASCII character keep their high bit, so no such word compares equal.
  private static func folded(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ count: Int) -> UInt64 {
    var value: UInt64 = 0
    for k in 0..<count { value |= UInt64(b[i + k] | 0x20) << (8 * UInt64(k)) }
    return value
  }

  /// `folded` of each placeholder word, as written in lower case.
  // The words as `folded` packs them, little end first, written out: constants computed from
  // their letters were each read through a lazy global's check at every word that could be one.
  private static var todo: UInt64 { 0x6f_64_6f_74 }
  private static var tbd: UInt64 { 0x64_62_74 }
  private static var fixme: UInt64 { 0x65_6d_78_69_66 }
  private static var xxx: UInt64 { 0x78_78_78 }
  private static var lorem: UInt64 { 0x6d_65_72_6f_6c }
  private static var ipsum: UInt64 { 0x6d_75_73_70_69 }

  static let eachControl: ControlSelection? = .active

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    let c = control.id.value
    look(control.title, "the title of control \(c)", &report)
    look(control.description, "the description of control \(c)", &report)
    for e in control.evidence {
      look(e.description, "the description of evidence '\(e.id.value)' of control \(c)", &report)
      look(e.source, "the source of evidence '\(e.id.value)' of control \(c)", &report)
    }
  }

  func check(_ context: LintContext, report: inout [Finding]) {
    for policy in context.project.policies where policy.status != .retired {
      look(policy.title, "the title of policy \(policy.id.value)", &report)
    }
    for owner in context.project.owners {
      look(owner.name, "the name of owner '\(owner.id.value)'", &report)
    }
    for catalog in context.project.catalogs {
      let f = catalog.framework.value
      look(catalog.title, "the title of catalog '\(f)'", &report)
      for r in catalog.requirements {
        if let title = r.titleLocated {
          look(title, "the title of requirement \(r.id.value) of catalog '\(f)'", &report)
        }
      }
    }
  }

  /// `what` is built only for a finding: most values are fine, and the message costs.
  private func look(_ text: Located<String>, _ describe: @autoclosure () -> String, _ report: inout [Finding])
  {
    guard let p = PlaceholderText.placeholder(in: text.value) else { return }
    let what = describe()
    report.append(
      finding(
        "\(what) holds the placeholder '\(p)'", at: text,
        help: ["write what is actually done, or suppress with a reason if the wording is agreed"],
        subject: [what, p]))
  }
}
