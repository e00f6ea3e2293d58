import Foundation
import SoclintYAML
import Testing

@testable import SoclintSchema

/// `pattern` regexes: the Foundation-free matcher for the common subset must agree with ICU
/// (after the ECMA-262 rewrite) on every pattern it accepts.
struct SchemaPatternTests {
  static let patterns = [
    "^[a-z][a-z0-9-]*$", "^([a-z][a-z0-9-]*|x-.*)$",
    "^(continuous|daily|weekly|monthly|quarterly|semiannual|annual|on-event|[1-9][0-9]*d)$",
    "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$", "^[a-z0-9][a-z0-9-]*$", "^[a-z][a-z0-9._-]*$",
    "a+", "^a*$", "f.*o", "[0-9]{2,}", "X_", "^.*bar$", "^\\d{4}-\\d{2}$", "\\w+@\\w+", "^\\s*$",
    "\\S", "[^abc]", "^[^]$", "^[]", "(a|ab)(c|bcd)(d*)", "^(a*)*$", "^a{2}$", "a{2,3}$", "^a{0,}b",
    "[\\]\\-]", "[-a]", "[a-]", "\\.", "^$", "colou?r", "^(?:ab)+$", "[\\d\\s]+", "^[\\D]+$",
    "^\\W$", "é+", "^.$", "^..$", "x*?y", "^a+?$", "^[\\w.-]+$", "\\t", "[\\\\/]", "^\\$\\^$",
    "^[^\\n]*$", "\\u{1F4A9}?", "\\uD83D\\uDCA9", "^\\u00e9$", "\\x41",
    // The rest of soclint's own schemas' patterns.
    "^[^\\u0000-\\u001F\\u007F]*$", "^[0-9a-f]{32}$", "^(/[^/]*)*$", "^[^/]+/[^/]+$",
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
  ]

  static let inputs = [
    "", "a", "abc", "AC-01", "ac-01", "AC-", "x-foo", "45d", "0d", "quarterly", "quarterlyx",
    "line\n", "abc\n", "bar\n", " \t", "\u{B}", "é", "e\u{301}", "\u{1F4A9}", "\u{1F4A9}\u{1F4A9}",
    "foo.bar", "aa", "aaa", "aaaa", "aab", "]", "-", "1234-56", "user@host", "\u{2028}",
    "\u{FEFF}", "\u{A0}", "abcd", "abcbcdd", "color", "colour", "abab", "ab", "xy", "x\ty",
    "a\\b", "$^", "\r", "٣", "__", "a.b-c_d",
  ]

  @Test(arguments: SchemaPatternTests.patterns)
  func simpleMatcherAgreesWithICU(_ source: String) throws {
    let simple = try #require(SimpleRegex(source), "\(source) should run without ICU")
    let translated = try #require(SchemaPattern.icuPattern(source))
    let icu = try NSRegularExpression(pattern: translated)
    for input in SchemaPatternTests.inputs {
      #expect(
        simple.matches(input) == SchemaPattern.icuMatches(icu, input),
        "/\(source)/ on \(input.debugDescription)")
    }
  }

  /// The DFA must give the NFA's answer on every string of up to three characters over the
  /// pattern's own ASCII characters and a few others, and on longer random ones. Inputs beyond
  /// ASCII go to the NFA, and `simpleMatcherAgreesWithICU` holds both to ICU.
  @Test(arguments: SchemaPatternTests.patterns)
  func automatonAgreesWithTheNFA(_ source: String) throws {
    let regex = try #require(SimpleRegex(source))
    #expect(regex.hasAutomaton, "/\(source)/ should have a DFA")
    var alphabet = Set(source.utf8.filter { $0 < 0x80 })
    alphabet.formUnion(Array("a0Z-_ .\n\t/".utf8) + [0x1F, 0x7F, 0x00])
    let letters = alphabet.sorted()
    var inputs: [[UInt8]] = [[]]
    var frontier: [[UInt8]] = [[]]
    for _ in 0..<3 {
      frontier = frontier.flatMap { prefix in letters.map { prefix + [$0] } }
      inputs += frontier
    }
    var random = SplitMix64(seed: UInt64(truncatingIfNeeded: source.utf8.count &* 7919))
    for _ in 0..<2000 {
      let length = Int(random.next() % 40) + 4
      inputs.append((0..<length).map { _ in letters[Int(random.next() % UInt64(letters.count))] })
    }
    var disagreements: [String] = []
    for input in inputs {
      input.withUnsafeBufferPointer { bytes in
        if regex.matches(utf8: bytes) != regex.simulate(utf8: bytes), disagreements.count < 5 {
          disagreements.append(String(decoding: input, as: UTF8.self).debugDescription)
        }
      }
    }
    #expect(disagreements.isEmpty, "/\(source)/ disagrees on \(disagreements)")
  }

  /// Subset construction can grow exponentially; such a pattern keeps to the NFA.
  /// A pattern is compiled once a process, whichever schema writes it, and a source that does
  /// not compile is refused every time.
  @Test func patternsAreSharedBySource() throws {
    let source = "^[a-z]+-shared-[0-9]+$"
    let first = try #require(SchemaPattern.shared(source))
    #expect(SchemaPattern.shared(source) === first)
    #expect(SchemaPattern.shared(source + "x") !== first)
    #expect(first.matches("ab-shared-12") && !first.matches("ab-shared-"))
    #expect(SchemaPattern.shared("(unclosed") == nil && SchemaPattern.shared("(unclosed") == nil)
    let a = try JSONSchemaValidator(json: #"{"properties": {"a": {"pattern": "^[a-z]+-shared-[0-9]+$"}}}"#)
    let b = try JSONSchemaValidator(json: #"{"items": {"pattern": "^[a-z]+-shared-[0-9]+$"}}"#)
    #expect(a.isValid(YAMLLoader().load("a: ab-shared-1").documents[0].root))
    #expect(!b.isValid(YAMLLoader().load("[ab-shared-]").documents[0].root))
  }

  @Test func aPatternWithTooManyStatesHasNoAutomaton() throws {
    let regex = try #require(SimpleRegex("a[ab]{9}$"))
    #expect(!regex.hasAutomaton, "\(regex.automatonStates) states")
    #expect(regex.matches("xxabbbbbbbbb"))
    #expect(!regex.matches("xxabbbbbbbbbb"))
  }

  /// `^` and a literal run as a prefix test; it must agree with the automaton, and only such
  /// patterns may take that path.
  @Test(arguments: ["^x-", "^AC-01", "^a_b", "^x"])
  func literalPrefixesAgreeWithTheAutomaton(_ source: String) throws {
    #expect(SchemaPattern.literalPrefix(source) == Array(source.utf8.dropFirst()))
    let pattern = try #require(SchemaPattern(source))
    let simple = try #require(SimpleRegex(source))
    for input in SchemaPatternTests.inputs + ["x-", "x", "AC-01x", "a_b", "xx-", " x-"] {
      #expect(pattern.matches(input) == simple.matches(input), "/\(source)/ on \(input.debugDescription)")
    }
  }

  @Test(arguments: ["^", "x-", "^x-$", "^x.", "^x*", "^(x)", "^x\\-", "^é", "^x|y", "^[x]"])
  func otherPatternsAreNoLiteralPrefix(_ source: String) {
    #expect(SchemaPattern.literalPrefix(source) == nil)
  }

  @Test(arguments: ["^\\p{Letter}+$", "(?=a)a", "\\bword", "(a)\\1", "(?<n>a)b", "[\\p{L}_]"])
  func otherPatternsUseICU(_ source: String) throws {
    #expect(SimpleRegex(source) == nil)
    let pattern = try #require(SchemaPattern(source), "\(source) should compile with ICU")
    #expect(pattern.usesICU)
  }

  /// Nested quantifiers that make backtracking engines (ICU included) take exponential time run
  /// in linear time here.
  @Test(arguments: ["^(a*)*$", "^(a|a)+$", "^(a|)+$", "^(?:a?){20}a{20}$"])
  func pathologicalPatternsStayLinear(_ source: String) throws {
    let regex = try #require(SimpleRegex(source))
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      #expect(!regex.matches(String(repeating: "a", count: 5000) + "b"))
    }
    #expect(elapsed < .seconds(2))
    #expect(regex.matches(String(repeating: "a", count: 20)))
  }

  @Test func icuRewriteKeepsECMASemantics() throws {
    let letters = try #require(SchemaPattern("^\\p{Letter}+\\d$"))
    #expect(letters.matches("π1"))
    #expect(!letters.matches("π٣"))  // \d is ASCII only
    #expect(!letters.matches("π1\n"))  // $ is the end of the input only
    #expect(SchemaPattern("(?<=a") == nil)
  }
}

/// A seeded generator, so that a failing input can be found again.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
