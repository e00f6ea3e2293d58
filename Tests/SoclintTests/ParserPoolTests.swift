import CYAML
import Testing

@testable import SoclintYAML

/// A parser kept by `ParserPool` reads a file as a new one does, whatever it read before:
/// a file that ended early on an error (tokens left in its queue), one with `%TAG`
/// directives, one deep enough to grow its stacks, or none at all.
@Suite struct ParserPoolTests {
  /// Files that leave a parser in every state a reading can end in.
  static let inputs: [String] = [
    "a: 1\nb: [x, y]\n",
    // Stops on an error with tokens still queued after the one it failed at.
    "a: [1, 2\nb: {c: d, e: f}\n",
    "key: value\n  bad indent: here\nmore: tokens\n",
    // %TAG directives, whose handles and prefixes the parser owns.
    "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n%TAG !f! tag:other.org,2001:\n--- !e!thing\na: !f!x 1\n",
    // A directive and then an error before the document's end.
    "%TAG !e! tag:example.com,2000:\n--- !e!x\na: 'unterminated\n",
    // Deep enough that the indents, states and marks stacks grow past their first size.
    String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n",
    (0..<40).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined()
      + String(repeating: "  ", count: 40)
      + "end\n",
    // Anchors, aliases, block scalars, several documents.
    "--- &a\nx: |\n  line\n  line\ny: *a\n...\n--- second\n",
    "",
    "\u{FEFF}bom: true\n",
    "- \u{00E9}t\u{00E9}\n- \"esc\\u00e9\"\n",
  ]

  /// Everything a parser says about `input`: each event's type, marks and text, and the error
  /// it stopped on.
  static func transcript(_ parser: UnsafeMutablePointer<yaml_parser_t>, _ input: String) -> [String] {
    var bytes = Array(input.utf8)
    bytes.append(0)
    return bytes.withUnsafeBufferPointer { buffer -> [String] in
      yaml_parser_set_input_string(parser, buffer.baseAddress!, buffer.count - 1)
      yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
      var lines: [String] = []
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(parser, &event) == 1 else {
          let p = parser.pointee
          lines.append(
            "error \(p.error.rawValue) \(p.problem.map { String(cString: $0) } ?? "-")"
              + " at \(p.problem_mark.line):\(p.problem_mark.column)"
              + " \(p.context.map { String(cString: $0) } ?? "-")")
          return lines
        }
        lines.append(describe(event))
        let done = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        if done { return lines }
      }
    }
  }

  static func describe(_ event: yaml_event_t) -> String {
    var text =
      "\(event.type.rawValue) \(event.start_mark.line):\(event.start_mark.column)"
      + "-\(event.end_mark.line):\(event.end_mark.column)"
    func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String {
      p.map { String(cString: $0) } ?? "-"
    }
    switch event.type {
    case YAML_SCALAR_EVENT:
      let s = event.data.scalar
      let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
      text += " \(string(s.anchor)) \(string(s.tag)) \(s.style.rawValue) \(value)"
    case YAML_MAPPING_START_EVENT:
      text += " \(string(event.data.mapping_start.anchor)) \(string(event.data.mapping_start.tag))"
    case YAML_SEQUENCE_START_EVENT:
      text += " \(string(event.data.sequence_start.anchor)) \(string(event.data.sequence_start.tag))"
    case YAML_ALIAS_EVENT:
      text += " \(string(event.data.alias.anchor))"
    case YAML_DOCUMENT_START_EVENT:
      let d = event.data.document_start
      var tags: [String] = []
      var t = d.tag_directives.start
      while let current = t, current != d.tag_directives.end {
        tags.append("\(string(current.pointee.handle))=\(string(current.pointee.prefix))")
        t = current + 1
      }
      text += " \(d.implicit) \(tags)"
    default: break
    }
    return text
  }

  /// What a parser made for the one file says about it.
  static func fresh(_ input: String) -> [String] {
    var parser = yaml_parser_t()
    #expect(yaml_parser_initialize(&parser) == 1)
    defer { yaml_parser_delete(&parser) }
    return withUnsafeMutablePointer(to: &parser) { transcript($0, input) }
  }

  @Test(arguments: ParserPoolTests.inputs.indices)
  func aKeptParserReadsAsANewOne(after first: Int) {
    // A pool of its own, whose one parser every reading below takes from the one before.
    let pool = ParserPool()
    let expected = ParserPoolTests.inputs.map(ParserPoolTests.fresh)
    for (i, input) in ParserPoolTests.inputs.enumerated() {
      let before = pool.withParser { ParserPoolTests.transcript($0, ParserPoolTests.inputs[first]) }
      #expect(before == expected[first])
      let after = pool.withParser { ParserPoolTests.transcript($0, input) }
      #expect(after == expected[i], "\(input.debugDescription) after \(first)")
    }
    #expect(pool.idleCount == 1)
  }

  /// A parser whose stacks grew far (a file nested thousands deep) is freed when handed back;
  /// the next reading makes a new one, which reads as any other.
  @Test func aParserThatGrewFarIsNotKept() {
    let pool = ParserPool()
    let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
    let grown = pool.withParser { parser -> Int in
      _ = ParserPoolTests.transcript(parser, deep)
      return ParserPool.grownBytes(parser)
    }
    #expect((grown ?? 0) > ParserPool.keptGrowthLimit)
    #expect(pool.idleCount == 0)
    let small = pool.withParser { parser -> Int in
      #expect(ParserPoolTests.transcript(parser, "a: 1\n") == ParserPoolTests.fresh("a: 1\n"))
      return ParserPool.grownBytes(parser)
    }
    #expect((small ?? .max) <= ParserPool.keptGrowthLimit)
    #expect(pool.idleCount == 1)
  }
}
