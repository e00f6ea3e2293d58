/// Parses the ECMA-262 subset `SimpleRegex` runs; gives nil for anything else, including
/// syntax errors (ICU then decides).
struct SimpleRegexParser {
  indirect enum Node {
    case set(ScalarSet)
    case atStart
    case atEnd
    case sequence([Node])
    case alternation([Node])
    case repetition(Node, min: Int, max: Int?)
  }

  private struct Unsupported: Error {}

  private let scalars: [Unicode.Scalar]
  private var i = 0

  init(_ pattern: String) {
    scalars = Array(pattern.unicodeScalars)
  }

  mutating func parse() -> Node? {
    guard let node = try? parseAlternation(), i == scalars.count else { return nil }
    return node
  }

  private var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

  private mutating func parseAlternation() throws(Unsupported) -> Node {
    var branches = [try parseSequence()]
    while peek == "|" {
      i += 1
      branches.append(try parseSequence())
    }
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  private mutating func parseSequence() throws(Unsupported) -> Node {
    var items: [Node] = []
    while let c = peek, c != "|", c != ")" {
      let atom = try parseAtom()
      if let (min, max) = try parseQuantifier() {
        switch atom {
        case .atStart, .atEnd: throw Unsupported()
        default: items.append(.repetition(atom, min: min, max: max))
        }
      } else {
        items.append(atom)
      }
    }
    return .sequence(items)
  }

  private mutating func parseAtom() throws(Unsupported) -> Node {
    let c = scalars[i]
    i += 1
    switch c {
    case "^": return .atStart
    case "$": return .atEnd
    case ".": return .set(.dot)
    case "(":
      if peek == "?" {
        // Only the non-capturing group; lookaround and named groups go to ICU.
        guard i + 1 < scalars.count, scalars[i + 1] == ":" else { throw Unsupported() }
        i += 2
      }
      let inner = try parseAlternation()
      guard peek == ")" else { throw Unsupported() }
      i += 1
      return inner
    case "[": return .set(try parseClass())
    case "\\": return .set(try parseEscape(inClass: false))
    case "*", "+", "?", "{", "}", "]", ")": throw Unsupported()
    default: return .set(ScalarSet(c.value))
    }
  }

  /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy (`?`), which does not change
  /// whether there is a match.
  private mutating func parseQuantifier() throws(Unsupported) -> (Int, Int?)? {
    guard let c = peek else { return nil }
    var bounds: (Int, Int?)
    switch c {
    case "*": bounds = (0, nil)
    case "+": bounds = (1, nil)
    case "?": bounds = (0, 1)
    case "{":
      i += 1
      let min = try parseNumber()
      var max: Int? = min
      if peek == "," {
        i += 1
        max = peek == "}" ? nil : try parseNumber()
      }
      guard peek == "}", max.map({ $0 >= min }) ?? true else { throw Unsupported() }
      bounds = (min, max)
    default: return nil
    }
    i += 1
    if peek == "?" { i += 1 }
    return bounds
  }

  private mutating func parseNumber() throws(Unsupported) -> Int {
    var value = 0
    var digits = 0
    while let c = peek, ("0"..."9").contains(c) {
      value = value * 10 + Int(c.value - 0x30)
      digits += 1
      i += 1
      if value > 1000 { throw Unsupported() }
    }
    guard digits > 0 else { throw Unsupported() }
    return value
  }

  private mutating func parseClass() throws(Unsupported) -> ScalarSet {
    var negated = false
    if peek == "^" {
      negated = true
      i += 1
    }
    var set = ScalarSet.empty
    while true {
      guard let c = peek else { throw Unsupported() }
      if c == "]" {
        i += 1
        break
      }
      let low = try parseClassAtom()
      if peek == "-", i + 1 < scalars.count, scalars[i + 1] != "]" {
        i += 1
        let high = try parseClassAtom()
        guard case .scalar(let a) = low, case .scalar(let b) = high, a <= b else { throw Unsupported() }
        set = set.union(ScalarSet([a...b]))
      } else {
        switch low {
        case .scalar(let a): set = set.union(ScalarSet(a))
        case .set(let s): set = set.union(s)
        }
      }
    }
    return negated ? set.complement : set
  }

  private enum ClassAtom {
    case scalar(UInt32)
    case set(ScalarSet)
  }

  private mutating func parseClassAtom() throws(Unsupported) -> ClassAtom {
    let c = scalars[i]
    i += 1
    guard c == "\\" else {
      // A "[" inside a class is literal in ECMA-262 but starts a nested set in ICU-like
      // syntaxes; it stays literal here.
      return .scalar(c.value)
    }
    let set = try parseEscape(inClass: true)
    if set.ranges.count == 1, set.ranges[0].lowerBound == set.ranges[0].upperBound {
      return .scalar(set.ranges[0].lowerBound)
    }
    return .set(set)
  }

  private mutating func parseEscape(inClass: Bool) throws(Unsupported) -> ScalarSet {
    guard let c = peek else { throw Unsupported() }
    i += 1
    switch c {
    case "d": return .digit
    case "D": return ScalarSet.digit.complement
    case "w": return .word
    case "W": return ScalarSet.word.complement
    case "s": return .space
    case "S": return ScalarSet.space.complement
    case "t": return ScalarSet(0x09)
    case "n": return ScalarSet(0x0A)
    case "v": return ScalarSet(0x0B)
    case "f": return ScalarSet(0x0C)
    case "r": return ScalarSet(0x0D)
    case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/", "-":
      return ScalarSet(c.value)
    case "0":
      // \0 is NUL; \01 would be a legacy octal escape.
      if let next = peek, ("0"..."9").contains(next) { throw Unsupported() }
      return ScalarSet(0)
    case "x": return ScalarSet(try parseHex(digits: 2))
    case "u":
      if peek == "{" {
        i += 1
        var value: UInt32 = 0
        var digits = 0
        while let d = peek, d != "}" {
          guard let digit = SimpleRegexParser.hexValue(d), value <= 0x10FFFF else { throw Unsupported() }
          value = value << 4 | digit
          digits += 1
          i += 1
        }
        guard peek == "}", digits > 0, Unicode.Scalar(value) != nil else { throw Unsupported() }
        i += 1
        return ScalarSet(value)
      }
      var value = try parseHex(digits: 4)
      if (0xD800...0xDBFF).contains(value) {
        // A surrogate pair written as two escapes is one character.
        guard i + 1 < scalars.count, scalars[i] == "\\", scalars[i + 1] == "u" else { throw Unsupported() }
        i += 2
        let low = try parseHex(digits: 4)
        guard (0xDC00...0xDFFF).contains(low) else { throw Unsupported() }
        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
      }
      guard Unicode.Scalar(value) != nil else { throw Unsupported() }
      return ScalarSet(value)
    default: throw Unsupported()
    }
  }

  private mutating func parseHex(digits: Int) throws(Unsupported) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<digits {
      guard let c = peek, let digit = SimpleRegexParser.hexValue(c) else { throw Unsupported() }
      value = value << 4 | digit
      i += 1
    }
    return value
  }

  private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
    switch c {
    case "0"..."9": return c.value - 0x30
    case "a"..."f": return c.value - 0x61 + 10
    case "A"..."F": return c.value - 0x41 + 10
    default: return nil
    }
  }
}
