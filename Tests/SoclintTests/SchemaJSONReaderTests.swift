import SoclintSchema
import SoclintYAML
import Testing

/// The strict JSON reader that turns schema files and JSON test data into `Node`s.
struct SchemaJSONReaderTests {
  @Test func buildsNodesWithMarks() throws {
    let root = try JSONReader.parse(
      """
      {
        "a": [1, 2.5, "x\\u00e9y"],
        "é\\ud83d\\udca9": null, "t": true
      }
      """)
    #expect(root.start == Mark(line: 1, column: 1))
    #expect(root.end == Mark(line: 4, column: 2))
    let pairs = try #require(root.mapping)
    #expect(pairs.map { $0.key.string } == ["a", "é\u{1F4A9}", "t"])
    #expect(pairs[0].key.start == Mark(line: 2, column: 3))
    #expect(pairs[0].key.end == Mark(line: 2, column: 6))
    #expect(pairs[0].key.scalar?.style == .doubleQuoted)
    let items = try #require(pairs[0].value.sequence)
    #expect(pairs[0].value.start == Mark(line: 2, column: 8))
    #expect(
      items.map(\.start) == [Mark(line: 2, column: 9), Mark(line: 2, column: 12), Mark(line: 2, column: 17)])
    #expect(items[2].end == Mark(line: 2, column: 27))
    #expect(items[0].scalar?.value == .int(1))
    #expect(items[1].scalar?.value == .float(2.5))
    #expect(items[2].scalar?.value == .string("xéy"))
    #expect(items[2].scalar?.text == "xéy")
    // Columns count Unicode scalars of the text: "é" is one column, the two escapes twelve.
    #expect(pairs[1].value.start == Mark(line: 3, column: 20))
    #expect(pairs[1].value.scalar?.value == .null)
    #expect(pairs[2].value.scalar?.value == .bool(true))
    #expect(pairs[2].key.start == Mark(line: 3, column: 26))
    #expect(root["t"] === pairs[2].value)
  }

  @Test(arguments: [
    ("0", ScalarValue.int(0)), ("-0", .int(0)), ("-12", .int(-12)), ("1.0", .float(1)),
    ("1e2", .float(100)), ("1E-2", .float(0.01)), ("12345678901234567890", .float(1.2345678901234567e19)),
  ])
  func numbers(_ text: String, _ value: ScalarValue) throws {
    let node = try JSONReader.parse(text)
    #expect(node.scalar?.value == value)
    #expect(node.scalar?.text == text)
  }

  @Test func stringsKeepEveryCharacter() throws {
    // Characters YAML would escape, fold or refuse, and two canonically equivalent spellings
    // that must stay distinct.
    let strings = [
      "\u{0}", "tab\there", "line\nbreak\r\n", "\u{85}\u{2028}\u{2029}", "\u{FEFF}bom", "\u{7F}\u{9F}",
      "quote\" backslash\\ slash/", "\u{E9}", "e\u{301}", "\u{1F4A9}", "", " lead and trail ",
      "- not a list", "#not a comment", "null", "1",
    ]
    let json = "[" + strings.map(SchemaJSONReaderTests.jsonLiteral).joined(separator: ",") + "]"
    let items = try #require(try JSONReader.parse(json).sequence)
    #expect(items.count == strings.count)
    for (item, expected) in zip(items, strings) {
      guard case .string(let value)? = item.scalar?.value else {
        Issue.record("\(expected.debugDescription) did not read as a string")
        continue
      }
      #expect(Array(value.unicodeScalars) == Array(expected.unicodeScalars), "\(expected.debugDescription)")
    }
  }

  static func jsonLiteral(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value < 0x20 {
          out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  @Test(arguments: [
    ("[1,]", Mark(line: 1, column: 4)),
    ("{\"a\": 1,}", Mark(line: 1, column: 9)),
    ("01", Mark(line: 1, column: 2)),
    ("{\"a\": 1, \"a\": 2}", Mark(line: 1, column: 10)),
    ("\"\\ud800\"", Mark(line: 1, column: 8)),
    ("\"\\udc00\"", Mark(line: 1, column: 8)),
    ("\"a\tb\"", Mark(line: 1, column: 3)),
    ("\"\\x41\"", Mark(line: 1, column: 2)),
    ("NaN", Mark(line: 1, column: 1)),
    ("[1]\n x", Mark(line: 2, column: 2)),
    ("{'a': 1}", Mark(line: 1, column: 2)),
    ("", Mark(line: 1, column: 1)),
    ("\"é\" 1", Mark(line: 1, column: 5)),
  ])
  func rejectsInvalidJSON(_ text: String, _ mark: Mark) {
    do {
      _ = try JSONReader.parse(text)
      Issue.record("\(text.debugDescription) should be refused")
    } catch {
      #expect(error.mark == mark, "\(text.debugDescription): \(error)")
    }
  }

  /// A repeated key is found in a small object (compared with the keys before it) and in a large
  /// one (indexed); keys that only normalise alike are two keys, as JSON compares strings.
  @Test func repeatedKeysInSmallAndLargeObjects() throws {
    for filler in [0, 3, 15, 16, 40] {
      let members = (0..<filler).map { "\"k\($0)\": \($0)" }
      let unique = (["\"\u{E9}\": 1", "\"e\u{301}\": 2"] + members).joined(separator: ", ")
      let root = try JSONReader.parse("{" + unique + "}")
      #expect(root.mapping?.count == filler + 2, "\(filler)")
      #expect(root.pair("e\u{301}")?.value.scalar?.value == .int(2), "\(filler)")
      let repeated = "{" + unique + ", \"\u{E9}\": 3}"
      #expect(throws: JSONSyntaxError.self, "\(filler)") { try JSONReader.parse(repeated) }
    }
  }

  @Test func limitsNesting() throws {
    let deep =
      String(repeating: "[", count: JSONReader.maxDepth + 1)
      + String(repeating: "]", count: JSONReader.maxDepth + 1)
    #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(deep) }
    let fine =
      String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
    #expect(throws: Never.self) { try JSONReader.parse(fine) }
  }

  @Test func skipsAByteOrderMarkAndReadsCRLF() throws {
    let root = try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("{\r\n\"a\": 1}".utf8))
    #expect(root.start == Mark(line: 1, column: 1))
    #expect(root["a"]?.start == Mark(line: 2, column: 6))
  }
}
