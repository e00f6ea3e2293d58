import Testing

@testable import SoclintRules

/// The placeholder scan, which skips whole words with a table, finds what a plain reading of the
/// rule's definition finds, on texts built from the pieces that trip it.
@Suite struct PlaceholderScanTests {
  /// The rule's definition, written for clarity, not speed.
  static func reference(_ text: String) -> String? {
    let b = Array(text.utf8)
    func isWord(_ c: UInt8) -> Bool {
      (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c >= 0x80
    }
    func lowered(_ i: Int, _ n: Int) -> String {
      String(decoding: b[i..<i + n], as: UTF8.self).lowercased()
    }
    var i = 0
    while i < b.count {
      if i + 3 <= b.count && b[i..<i + 3].allSatisfy({ $0 == UInt8(ascii: "?") }) { return "???" }
      if b[i] == UInt8(ascii: "<"),
        let close = b[(i + 1)...].firstIndex(where: { [60, 62, 10].contains($0) }),
        b[close] == 62, close > i + 1
      {
        return String(decoding: b[i...close], as: UTF8.self)
      }
      if isWord(b[i]) && (i == 0 || !isWord(b[i - 1])) {
        let end = b[i...].firstIndex { !isWord($0) } ?? b.count
        let n = end - i
        if ["todo", "tbd", "fixme", "xxx"].contains(lowered(i, n)) && b[i..<end].allSatisfy({ $0 < 0x80 }) {
          return String(decoding: b[i..<end], as: UTF8.self)
        }
        if n == 5 && lowered(i, 5) == "lorem" {
          var k = end
          while k < b.count && [32, 9, 10].contains(b[k]) { k += 1 }
          let after = b[k...].firstIndex { !isWord($0) } ?? b.count
          if after - k == 5 && lowered(k, 5) == "ipsum" {
            return String(decoding: b[i..<after], as: UTF8.self)
          }
        }
        i = end
        continue
      }
      i += 1
    }
    return nil
  }

  @Test func scanAgreesWithTheDefinition() {
    let pieces = [
      "todo", "TODO", "ToDo", "tbd", "TBD", "fixme", "FIXME", "xxx", "XXXX", "lorem", "Lorem", "ipsum",
      "IPSUM",
      "ipsums", " ", "\n", "\t", "<", ">", "?", "??", "a", "é", "x", "1", "<fill in>", "-", "_", "TODOs", "@",
      "[",
    ]
    var rng = SystemRandomNumberGenerator()
    var found = 0
    for _ in 0..<20_000 {
      let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
        .joined()
      let expected = Self.reference(text)
      #expect(PlaceholderText.placeholder(in: text) == expected, "\(text.debugDescription)")
      if expected != nil { found += 1 }
    }
    #expect(found > 1_000)
  }
}
