import SoclintYAML

/// A strict JSON (RFC 8259) reader that gives `Node` trees, so that JSON documents (the embedded
/// schemas, the JSON Schema test suite) are handled like YAML ones.
///
/// Objects become mappings whose keys are double-quoted string scalars, arrays sequences;
/// strings are `.string` scalars with style `.doubleQuoted`; a number is `.int` when it has
/// neither fraction nor exponent and fits in `Int`, `.float` otherwise. Marks are 1-based, columns
/// in Unicode scalars, like the YAML loader's; a node's end is the position after its last
/// character. Duplicate keys, a lone surrogate escape and nesting deeper than `maxDepth` are
/// errors; a leading UTF-8 byte order mark is skipped.
public enum JSONReader {
  /// How deeply arrays and objects may nest before the text is refused.
  public static let maxDepth = 512

  /// The node tree of one JSON text given as bytes; throws at the first thing that is not JSON.
  public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> Node {
    if let problem = Encoding.firstProblem(in: bytes) {
      throw JSONSyntaxError(
        message: problem.message, mark: Encoding.mark(atByte: problem.offset, in: bytes))
    }
    var parser = JSONParser(bytes: bytes)
    return try parser.parseDocument()
  }

  /// The node tree of one JSON text given as a string.
  public static func parse(_ text: String) throws(JSONSyntaxError) -> Node {
    try parse(Array(text.utf8))
  }
}

private struct JSONParser {
  let bytes: [UInt8]
  var offset = 0
  // Marks are computed from the last known position on the current line, so that a long
  // single-line (minified) text stays linear.
  private var line = 1
  private var lineStart = 0
  private var columnOffset = 0
  private var column = 1
  private var depth = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      offset = 3
      lineStart = 3
      columnOffset = 3
    }
  }

  mutating func parseDocument() throws(JSONSyntaxError) -> Node {
    skipWhitespace()
    let value = try parseValue()
    skipWhitespace()
    if offset < bytes.count { throw error("unexpected text after the JSON value") }
    return value
  }

  private mutating func mark() -> Mark {
    if columnOffset < lineStart || columnOffset > offset {
      columnOffset = lineStart
      column = 1
    }
    while columnOffset < offset {
      if bytes[columnOffset] & 0xC0 != 0x80 { column += 1 }
      columnOffset += 1
    }
    return Mark(line: line, column: column)
  }

  private mutating func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(message: message, mark: mark())
  }

  private mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x09: offset += 1
      case 0x0A:
        offset += 1
        line += 1
        lineStart = offset
      case 0x0D:
        offset += 1
        if offset < bytes.count && bytes[offset] == 0x0A { offset += 1 }
        line += 1
        lineStart = offset
      default: return
      }
    }
  }

  private mutating func parseValue() throws(JSONSyntaxError) -> Node {
    guard offset < bytes.count else { throw error("expected a JSON value, found the end of the text") }
    switch bytes[offset] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""):
      let start = mark()
      let text = try parseString()
      return JSONParser.string(text, start: start, end: mark())
    case UInt8(ascii: "t"): return try parseLiteral("true")
    case UInt8(ascii: "f"): return try parseLiteral("false")
    case UInt8(ascii: "n"): return try parseLiteral("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("expected a JSON value")
    }
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONReader.maxDepth {
      throw error("JSON nested deeper than \(JSONReader.maxDepth) levels")
    }
  }

  /// A string scalar, as the YAML loader makes a double-quoted one.
  private static func string(_ text: String, start: Mark, end: Mark) -> Node {
    Node(
      content: .scalar(Node.Scalar(text: text, style: .doubleQuoted, value: .string(text))), start: start,
      end: end)
  }

  /// A number or a literal, resolved as the YAML 1.2 core schema resolves a plain scalar (it
  /// agrees with JSON on them).
  private static func plain(_ text: String, start: Mark, end: Mark) -> Node {
    Node(
      content: .scalar(Node.Scalar(text: text, style: .plain, value: CoreSchema.resolvePlain(text))),
      start: start,
      end: end)
  }

  private mutating func parseObject() throws(JSONSyntaxError) -> Node {
    try enter()
    let start = mark()
    offset += 1
    var members: [Node.Pair] = []
    // Keys are compared with those before them while the object is small, and indexed once it
    // is not, so that a schema's many small objects hash nothing.
    var seen: Set<ExactString>? = nil
    skipWhitespace()
    if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
      offset += 1
      depth -= 1
      return Node(content: .mapping(members), start: start, end: mark())
    }
    while true {
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
        throw error("expected a string key in the object")
      }
      let keyStart = mark()
      let name = try parseString()
      let keyEnd = mark()
      if JSONParser.isRepeated(name, in: members, index: &seen) {
        throw JSONSyntaxError(message: "duplicate key \"\(name)\" in the object", mark: keyStart)
      }
      let key = JSONParser.string(name, start: keyStart, end: keyEnd)
      skipWhitespace()
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
        throw error("expected ':' after the object key")
      }
      offset += 1
      skipWhitespace()
      let value = try parseValue()
      members.append(Node.Pair(key: key, value: value))
      skipWhitespace()
      guard offset < bytes.count else { throw error("unterminated object") }
      if bytes[offset] == UInt8(ascii: ",") {
        offset += 1
        skipWhitespace()
        continue
      }
      guard bytes[offset] == UInt8(ascii: "}") else { throw error("expected ',' or '}' in the object") }
      offset += 1
      depth -= 1
      return Node(content: .mapping(members), start: start, end: mark())
    }
  }

  /// Whether an object's members already have the key `name`.
  private static func isRepeated(
    _ name: String, in members: [Node.Pair], index: inout Set<ExactString>?
  ) -> Bool {
    if index == nil && members.count >= 16 {
      index = Set(members.compactMap { $0.keyText.map(ExactString.init) })
    }
    if index != nil { return !index!.insert(ExactString(name)).inserted }
    return members.withUnsafeBufferPointer { Node.Pair.firstIndex(ofKey: name, in: $0) != nil }
  }

  private mutating func parseArray() throws(JSONSyntaxError) -> Node {
    try enter()
    let start = mark()
    offset += 1
    var items: [Node] = []
    skipWhitespace()
    if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
      offset += 1
      depth -= 1
      return Node(content: .sequence(items), start: start, end: mark())
    }
    while true {
      items.append(try parseValue())
      skipWhitespace()
      guard offset < bytes.count else { throw error("unterminated array") }
      if bytes[offset] == UInt8(ascii: ",") {
        offset += 1
        skipWhitespace()
        continue
      }
      guard bytes[offset] == UInt8(ascii: "]") else { throw error("expected ',' or ']' in the array") }
      offset += 1
      depth -= 1
      return Node(content: .sequence(items), start: start, end: mark())
    }
  }

  private mutating func parseLiteral(_ word: String) throws(JSONSyntaxError) -> Node {
    let start = mark()
    let utf8 = Array(word.utf8)
    guard offset + utf8.count <= bytes.count, Array(bytes[offset..<offset + utf8.count]) == utf8 else {
      throw error("expected a JSON value")
    }
    offset += utf8.count
    return JSONParser.plain(word, start: start, end: mark())
  }

  private func isDigit(_ at: Int) -> Bool {
    at < bytes.count && bytes[at] >= UInt8(ascii: "0") && bytes[at] <= UInt8(ascii: "9")
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
  private mutating func parseNumber() throws(JSONSyntaxError) -> Node {
    let start = mark()
    let first = offset
    if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
    guard isDigit(offset) else { throw error("expected a digit in the number") }
    if bytes[offset] == UInt8(ascii: "0") {
      offset += 1
      if isDigit(offset) { throw error("a number must not have leading zeros") }
    } else {
      while isDigit(offset) { offset += 1 }
    }
    if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
      offset += 1
      guard isDigit(offset) else { throw error("expected a digit after the decimal point") }
      while isDigit(offset) { offset += 1 }
    }
    if offset < bytes.count && (bytes[offset] | 0x20) == UInt8(ascii: "e") {
      offset += 1
      if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) {
        offset += 1
      }
      guard isDigit(offset) else { throw error("expected a digit in the exponent") }
      while isDigit(offset) { offset += 1 }
    }
    let text = String(decoding: bytes[first..<offset], as: UTF8.self)
    return JSONParser.plain(text, start: start, end: mark())
  }

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    offset += 1
    var run = offset
    // Most strings hold no escape: they are made from their bytes in place.
    while offset < bytes.count {
      let c = bytes[offset]
      if c == UInt8(ascii: "\"") {
        offset += 1
        return String(decoding: bytes[run..<offset - 1], as: UTF8.self)
      }
      if c == UInt8(ascii: "\\") || c < 0x20 { break }
      offset += 1
    }
    var decoded: [UInt8] = []
    while true {
      guard offset < bytes.count else { throw error("unterminated string") }
      let c = bytes[offset]
      if c == UInt8(ascii: "\"") {
        decoded.append(contentsOf: bytes[run..<offset])
        offset += 1
        return String(decoding: decoded, as: UTF8.self)
      }
      if c < 0x20 { throw error("control character in a string; it must be escaped") }
      if c != UInt8(ascii: "\\") {
        offset += 1
        continue
      }
      decoded.append(contentsOf: bytes[run..<offset])
      offset += 1
      guard offset < bytes.count else { throw error("unterminated string") }
      let escape = bytes[offset]
      offset += 1
      switch escape {
      case UInt8(ascii: "\""): decoded.append(0x22)
      case UInt8(ascii: "\\"): decoded.append(0x5C)
      case UInt8(ascii: "/"): decoded.append(0x2F)
      case UInt8(ascii: "b"): decoded.append(0x08)
      case UInt8(ascii: "f"): decoded.append(0x0C)
      case UInt8(ascii: "n"): decoded.append(0x0A)
      case UInt8(ascii: "r"): decoded.append(0x0D)
      case UInt8(ascii: "t"): decoded.append(0x09)
      case UInt8(ascii: "u"):
        var code = try parseHex4()
        if (0xD800...0xDBFF).contains(code) {
          guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
            bytes[offset + 1] == UInt8(ascii: "u")
          else { throw error("a high surrogate escape must be followed by a low surrogate escape") }
          offset += 2
          let low = try parseHex4()
          guard (0xDC00...0xDFFF).contains(low) else {
            throw error("a high surrogate escape must be followed by a low surrogate escape")
          }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
          throw error("a low surrogate escape without a high surrogate before it")
        }
        decoded.append(contentsOf: UTF8.encode(Unicode.Scalar(code)!)!)
      default:
        offset -= 2
        throw error("invalid escape in a string")
      }
      run = offset
    }
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    var code: UInt32 = 0
    for _ in 0..<4 {
      guard offset < bytes.count else { throw error("expected four hex digits after \\u") }
      let c = bytes[offset]
      let digit: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw error("expected four hex digits after \\u")
      }
      code = code << 4 | digit
      offset += 1
    }
    return code
  }
}
