import Testing

@testable import SoclintRules

/// short-description trims by bytes when the characters it keeps at the ends are ASCII; that
/// must be the character-by-character definition on every text it takes, and it must take no
/// other.
@Suite struct ShortDescriptionTrimTests {
  /// Every text of up to five characters over white space and two letters, and longer ones
  /// built from the same pieces.
  @Test func byteTrimAgreesWithTheDefinition() {
    let pieces = [" ", "\n", "\t", "a", "b"]
    var texts = [""]
    var frontier = [""]
    for _ in 0..<5 {
      frontier = frontier.flatMap { prefix in pieces.map { prefix + $0 } }
      texts += frontier
    }
    texts += ["  Security reviews access quarterly.\n", "\n\n", "x\n\t ", " \t\nx"]
    // Inside the text, anything goes.
    texts += ["a\r\nb", " xé\u{301}y ", "x\u{600} y\n", "a \u{301} b"]
    var checked = 0
    for text in texts {
      guard let fast = ShortDescription.trimmedASCII(text) else {
        Issue.record("\(text.debugDescription) has ASCII at both ends")
        continue
      }
      #expect(fast == ShortDescription.trimmedByCharacters(text), "\(text.debugDescription)")
      checked += 1
    }
    #expect(checked == texts.count)
  }

  /// A carriage return at an end (with the newline after it, one character) or a byte beyond
  /// ASCII there (a space may carry a combining mark) leaves the text to the definition.
  @Test func otherTextsTakeTheDefinition() {
    for text in ["a\r\n", "\r", " a\u{301} ", "é ", " \u{301}", "a \r\n", "\u{600} a", "a\u{301}\n"] {
      #expect(ShortDescription.trimmedASCII(text) == nil, "\(text.debugDescription)")
      #expect(ShortDescription.trimmed(text) == ShortDescription.trimmedByCharacters(text))
    }
    #expect(ShortDescription.trimmed("a\r\n") == "a\r\n")
    #expect(ShortDescription.trimmed(" \u{301}x") == " \u{301}x")
  }
}
