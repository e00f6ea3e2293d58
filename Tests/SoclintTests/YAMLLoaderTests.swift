import SoclintYAML
import Testing

@Suite struct YAMLLoaderTests {
  let loader = YAMLLoader()

  func root(_ text: String) throws -> Node {
    let file = loader.load(text)
    #expect(file.problems.isEmpty, "\(file.problems)")
    return try #require(file.documents.first?.root)
  }

  @Test func marksAreOneBasedAndCountCharacters() throws {
    let r = try root("title: Café\nowner: ålice\n")
    let owner = try #require(r["owner"])
    #expect(owner.start == Mark(line: 2, column: 8))
    #expect(owner.end == Mark(line: 2, column: 13))
    let title = try #require(r["title"])
    #expect(title.end == Mark(line: 1, column: 12))
  }

  @Test func coreSchemaKeepsYAML11BooleansAsStrings() throws {
    let r = try root(
      "a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\ng: null\nh: ~\ni: 12\nj: 1.5\nk: '12'\nl: 2026-09-30\nm: 0x1F\nn: 0o17\no: .inf\np:\n"
    )
    #expect(r["a"]?.scalar?.value == .string("yes"))
    #expect(r["b"]?.scalar?.value == .string("no"))
    #expect(r["c"]?.scalar?.value == .string("on"))
    #expect(r["d"]?.scalar?.value == .string("off"))
    #expect(r["e"]?.scalar?.value == .bool(true))
    #expect(r["f"]?.scalar?.value == .bool(false))
    #expect(r["g"]?.scalar?.value == .null)
    #expect(r["h"]?.scalar?.value == .null)
    #expect(r["i"]?.scalar?.value == .int(12))
    #expect(r["j"]?.scalar?.value == .float(1.5))
    #expect(r["k"]?.scalar?.value == .string("12"))
    #expect(r["l"]?.scalar?.value == .string("2026-09-30"))
    #expect(r["m"]?.scalar?.value == .int(31))
    #expect(r["n"]?.scalar?.value == .int(15))
    #expect(r["o"]?.scalar?.value == .float(.infinity))
    #expect(r["p"]?.scalar?.value == .null)
  }

  @Test func explicitStringTagWins() throws {
    let r = try root("a: !!str 12\nb: !!str true\n")
    #expect(r["a"]?.scalar?.value == .string("12"))
    #expect(r["b"]?.scalar?.value == .string("true"))
  }

  @Test func mergeKeysAndAliasesShareTheAnchoredNode() throws {
    let r = try root("base: &b\n  x: 1\n  y: 2\nitem:\n  <<: *b\n  y: 3\n")
    let item = try #require(r["item"])
    #expect(item["x"]?.scalar?.value == .int(1))
    #expect(item["y"]?.scalar?.value == .int(3))
    #expect(item["<<"] == nil)
    // The merged value is the anchored node: findings point at line 2.
    #expect(item["x"]?.start.line == 2)
  }

  @Test func mergeOfASequenceOfMappings() throws {
    let r = try root("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n")
    #expect(r["c"]?["x"]?.scalar?.value == .int(1))
    #expect(r["c"]?["y"]?.scalar?.value == .int(2))
  }

  @Test func duplicateKeysAreReportedAtTheSecondWithTheFirst() {
    let file = loader.load("a: 1\nb: 2\na: 3\n")
    #expect(file.problems.count == 1)
    let p = file.problems[0]
    #expect(p.kind == .duplicateKey(key: "a"))
    #expect(p.mark == Mark(line: 3, column: 1))
    #expect(p.related == Mark(line: 1, column: 1))
    #expect(!p.isFatal)
    #expect(file.documents.first?.root["a"]?.scalar?.value == .int(1))
  }

  @Test func duplicateKeysInLargeMappings() {
    var text = ""
    for i in 0..<40 { text += "k\(i): \(i)\n" }
    text += "k7: again\n"
    let file = loader.load(text)
    #expect(file.problems.map(\.kind) == [.duplicateKey(key: "k7")])
    #expect(file.problems.first?.related == Mark(line: 8, column: 1))
  }

  /// YAML compares keys by their characters, without normalising them, as `Node.pair(_:)` and the
  /// schema do: "é" precomposed and "e" with a combining accent are two keys, in a small mapping
  /// (searched pair by pair) and in a large one (indexed).
  @Test func keysThatOnlyNormaliseAlikeAreTwoKeys() {
    let precomposed = "\u{E9}"
    let decomposed = "e\u{301}"
    for filler in [0, 20] {
      var text = "\(precomposed): 1\n"
      for i in 0..<filler { text += "k\(i): \(i)\n" }
      text += "\(decomposed): 2\n\(precomposed): 3\n"
      let file = loader.load(text)
      #expect(file.problems.map(\.kind) == [.duplicateKey(key: precomposed)], "\(filler)")
      #expect(file.problems.first?.related == Mark(line: 1, column: 1), "\(filler)")
      let root = file.documents.first?.root
      #expect(root?.pair(decomposed)?.value.scalar?.value == .int(2), "\(filler)")
      #expect(root?.pair(precomposed)?.value.scalar?.value == .int(1), "\(filler)")
    }
  }

  /// A key that is a string without tag or anchor keeps no node (`Node.Pair.keyNode`); the node
  /// `key` makes of it has the text, style, value and marks the loader's own node would have.
  @Test func keysWithoutNodesReadAsTheirNodes() throws {
    let text = """
      plain: 1
      'single': 2
      "dou ble": 3
      ? |
        literal
      : 4
      <<x: 5
      &a anchored: 6
      !!str tagged: 7
      10: 8
      true: 9
      ~: 10
      [a, b]: 11
      """
    let pairs = try #require(try root(text).mapping)
    struct Key: Equatable {
      let text: String, style: ScalarStyle, value: ScalarValue, start: Mark, end: Mark, kept: Bool
    }
    let keys = pairs.map { pair in
      Key(
        text: pair.key.scalar?.text ?? "-", style: pair.key.scalar?.style ?? .plain,
        value: pair.key.scalar?.value ?? .null, start: pair.key.start, end: pair.key.end,
        kept: pair.keyNode != nil)
    }
    func m(_ line: Int, _ column: Int) -> Mark { Mark(line: line, column: column) }
    let expected = [
      Key(text: "plain", style: .plain, value: .string("plain"), start: m(1, 1), end: m(1, 6), kept: false),
      Key(
        text: "single", style: .singleQuoted, value: .string("single"), start: m(2, 1), end: m(2, 9),
        kept: false),
      Key(
        text: "dou ble", style: .doubleQuoted, value: .string("dou ble"), start: m(3, 1), end: m(3, 10),
        kept: false),
      Key(
        text: "literal\n", style: .literal, value: .string("literal\n"), start: m(4, 3), end: m(6, 1),
        kept: false),
      Key(text: "<<x", style: .plain, value: .string("<<x"), start: m(7, 1), end: m(7, 4), kept: false),
      Key(
        text: "anchored", style: .plain, value: .string("anchored"), start: m(8, 1), end: m(8, 12), kept: true
      ),
      Key(text: "tagged", style: .plain, value: .string("tagged"), start: m(9, 1), end: m(9, 13), kept: true),
      Key(text: "10", style: .plain, value: .int(10), start: m(10, 1), end: m(10, 3), kept: true),
      Key(text: "true", style: .plain, value: .bool(true), start: m(11, 1), end: m(11, 5), kept: true),
      Key(text: "~", style: .plain, value: .null, start: m(12, 1), end: m(12, 2), kept: true),
      Key(text: "-", style: .plain, value: .null, start: m(13, 1), end: m(13, 7), kept: true),
    ]
    #expect(keys == expected)
    #expect(pairs.map(\.keyStart) == expected.map(\.start))
    #expect(pairs.map(\.keyEnd) == expected.map(\.end))
  }

  @Test func severalDocuments() {
    let file = loader.load("kind: owners\n---\nkind: control\n---\n")
    #expect(file.documents.count == 3)
    #expect(file.documents[2].isEmpty)
  }

  @Test func syntaxErrorsCarryLibyamlsProblemAndContext() throws {
    let file = loader.load("a: [1, 2\nb: 3\n")
    let p = try #require(file.fatalProblem)
    #expect(p.kind == .syntax)
    #expect(p.message.contains("flow sequence"))
    #expect(p.related == Mark(line: 1, column: 4))
  }

  @Test func undefinedAliasIsASyntaxError() throws {
    let p = try #require(loader.load("a: *nowhere\n").fatalProblem)
    #expect(p.kind == .syntax)
    #expect(p.message == "found undefined alias 'nowhere'")
    #expect(p.mark == Mark(line: 1, column: 4))
  }

  @Test func aliasBombStopsAtTheLimit() throws {
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      text +=
        "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
      previous = name
    }
    let p = try #require(loader.load(text).fatalProblem)
    #expect(p.kind == .resourceLimit)
    // e (line 5) is the first to pass 100,000: 10 aliases of d, each 11,111 nodes.
    #expect(p.mark.line == 5)
  }

  @Test func deepNestingStopsAtTheLimit() throws {
    let text = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
    let p = try #require(loader.load(text).fatalProblem)
    #expect(p.kind == .resourceLimit)
    #expect(p.mark == Mark(line: 1, column: 257))
    // Exactly at the limit is fine.
    let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
    #expect(loader.load(ok).problems.isEmpty)
  }

  @Test func invalidUTF8IsReportedAtTheFirstBadByte() throws {
    let bytes: [UInt8] = Array("a: 1\nb: caf".utf8) + [0xE9] + Array(" x\n".utf8)
    let p = try #require(loader.load(bytes).fatalProblem)
    #expect(p.kind == .encoding)
    #expect(p.mark == Mark(line: 2, column: 7))
  }

  @Test func overlongAndSurrogateEncodingsAreInvalid() {
    #expect(Encoding.firstProblem(in: [0xC0, 0xAF]) != nil)
    #expect(Encoding.firstProblem(in: [0xED, 0xA0, 0x80]) != nil)
    #expect(Encoding.firstProblem(in: [0xF4, 0x90, 0x80, 0x80]) != nil)
    #expect(Encoding.firstProblem(in: [0xE2, 0x82]) != nil)
    #expect(Encoding.firstProblem(in: Array("ok ✓ 😀".utf8)) == nil)
  }

  /// The offset of the first NUL or invalid sequence, by the standard library's UTF-8 parser.
  static func referenceProblemOffset(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if Unicode.UTF8.decode(encoded) == "\0" { return offset }
        offset += encoded.count
      case .error: return offset
      case .emptyInput: return nil
      }
    }
  }

  /// The check that reads eight ASCII bytes at a time finds the first problem where the standard
  /// library's parser does, wherever it falls against the eight-byte words.
  @Test func firstProblemAgreesWithTheStandardLibrary() {
    let pieces: [[UInt8]] = [
      Array("abcdefg".utf8), Array("x".utf8), Array("key: value\n".utf8), Array("é".utf8), Array("✓".utf8),
      Array("😀".utf8), [0], [0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xFF], [0x7F],
    ]
    var random = SplitMix64(seed: 8)
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...12, using: &random) {
        bytes += pieces[Int.random(in: 0..<(Bool.random(using: &random) ? 3 : pieces.count), using: &random)]
      }
      #expect(
        Encoding.firstProblem(in: bytes)?.offset == YAMLLoaderTests.referenceProblemOffset(bytes), "\(bytes)")
    }
  }

  /// Exact equality is equality of the UTF-8 bytes, for small and large strings, and strings
  /// cut from others, alike.
  @Test func exactEqualityIsByteEquality() {
    let long = String(repeating: "evidence-", count: 4)
    let texts = [
      "", "a", "id", "ID", "\u{E9}", "e\u{301}", "owner", "owners", long, long + "x", String(long.dropLast()),
      String(Substring(long + "tail").dropLast(4)), "\u{1F600}", "k\u{0}", "title",
    ]
    for a in texts {
      for b in texts {
        #expect(
          a.isExactlyEqual(to: b) == (Array(a.utf8) == Array(b.utf8)),
          "\(a.debugDescription) \(b.debugDescription)")
      }
    }
  }

  /// Plain scalars resolve by the YAML 1.2 core schema, near misses included.
  @Test(arguments: [
    ("", ScalarValue.null), ("~", .null), ("null", .null), ("NULL", .null), ("nul", .string("nul")),
    ("Nulls", .string("Nulls")), ("true", .bool(true)), ("TRUE", .bool(true)), ("truE", .string("truE")),
    ("title", .string("title")), ("False", .bool(false)), ("falsey", .string("falsey")),
    ("frequency", .string("frequency")), ("0", .int(0)), ("-1", .int(-1)), ("+2", .int(2)), ("012", .int(12)),
    ("0o17", .int(15)), ("0x1F", .int(31)), ("0x", .string("0x")), ("1.5", .float(1.5)), (".5", .float(0.5)),
    ("1.", .float(1)), (".", .string(".")), ("1e3", .float(1000)), ("1e", .string("1e")),
    ("-.inf", .float(-.infinity)), ("+.INF", .float(.infinity)), ("-.nan", .string("-.nan")),
    ("2026-09-30", .string("2026-09-30")), ("1_000", .string("1_000")),
    ("99999999999999999999", .float(1e20)),
  ])
  func plainScalarsResolveByTheCoreSchema(_ text: String, _ value: ScalarValue) {
    #expect(CoreSchema.resolvePlain(text) == value)
  }

  /// The shortcut that skips resolution is taken only where resolution gives the text itself.
  @Test func textItselfOnlyWhereResolutionSaysSo() {
    var texts = [
      "", "null", "Null", "~", "true", "False", "0", "-1", "+2", ".5", ".inf", "-.INF", ".nan", "0x1F",
    ]
    texts += ["owner", "AC-01", "évidence", "\u{1F600}", " x", "#", "<<", "1e3", "2026-01-31", "no", "yes"]
    for byte in UInt8(1)...UInt8(127) {
      let c = String(UnicodeScalar(byte))
      texts += [c, c + "x", c + "1", c + "ull", c + "rue", c + "alse"]
    }
    var taken = 0
    for style in [ScalarStyle.plain, .singleQuoted, .doubleQuoted, .literal, .folded] {
      for text in texts where CoreSchema.isTextItself(style: style, firstByte: text.utf8.first) {
        taken += 1
        #expect(
          CoreSchema.resolve(text, style: style, tag: nil) == .string(text),
          "\(style) \(text.debugDescription)")
      }
    }
    #expect(taken > 500)
  }

  @Test func nulByte() throws {
    let p = try #require(loader.load([0x61, 0x3A, 0x20, 0x00]).fatalProblem)
    #expect(p.kind == .encoding)
    #expect(p.mark == Mark(line: 1, column: 4))
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let file = loader.load([0xEF, 0xBB, 0xBF] + Array("kind: control\r\nid: AC-3\r\n".utf8))
    #expect(file.problems.isEmpty)
    let id = try #require(file.documents.first?.root["id"])
    #expect(id.start == Mark(line: 2, column: 5))
  }

  @Test func emptyInput() {
    let file = loader.load("")
    #expect(file.documents.isEmpty)
    #expect(file.problems.isEmpty)
  }

  /// Inputs that must never crash or hang.
  @Test(arguments: [
    "\t", "- - - -", "{", "}", "&a *a", "? ? ?", "!<tag> x", "'", "\"\\u", "a: &x\nb: *x", "%YAML 1.1\n---",
    "\u{FEFF}a: 1",
  ])
  func oddInputsDoNotCrash(_ text: String) {
    _ = loader.load(text)
  }

  /// The trees of a large project are most of soclint's memory while it reads: a scalar packs
  /// its text, value and style into 26 bytes, so that a node takes 72.
  @Test func nodesStaySmall() {
    #expect(MemoryLayout<Node.Scalar>.size <= 26)
    #expect(MemoryLayout<Mark>.size == 8)
  }

  /// A scalar keeps the value it was given, even a string other than its text.
  @Test func scalarValuesRoundTrip() {
    let values: [ScalarValue] = [
      .null, .bool(true), .bool(false), .int(-7), .float(2.5), .string("x"), .string("y"),
    ]
    for value in values {
      #expect(Node.Scalar(text: "x", style: .plain, value: value).value == value)
    }
    #expect(Node.Scalar(text: "x", style: .plain, value: .string("y")).value == .string("y"))
  }

  /// The model keeps nodes without their children; their marks, tag and anchor stay.
  @Test func detachedNodesKeepTheirPlace() throws {
    let r = try root("a: &x !!map\n  b: [1, 2]\nc: plain\n")
    let a = try #require(r["a"])
    let detached = a.detached
    #expect(detached.mapping?.isEmpty == true)
    #expect(
      (detached.start, detached.end, detached.tag, detached.anchor) == (a.start, a.end, a.tag, a.anchor))
    let c = try #require(r["c"])
    #expect(c.detached === c)
    #expect(try #require(a["b"]).detached.sequence?.isEmpty == true)
  }
}
