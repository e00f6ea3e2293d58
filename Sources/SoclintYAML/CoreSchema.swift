/// Scalar resolution of the YAML 1.2 core schema.
///
/// libyaml only tokenises; resolution is ours. YAML 1.1's `yes`/`no`/`on`/`off` booleans and
/// sexagesimal numbers are deliberately not recognised: they stay strings.
public enum CoreSchema {
  /// A scalar's value from its text, style and tag: tagged `!!str` it is a string, tagged `!!null` null;
  /// otherwise a quoted scalar or one tagged `!` is a string, and a plain one is read by `resolvePlain`.
  package static func resolve(_ text: String, style: ScalarStyle, tag: String?) -> ScalarValue {
    if let tag, tag != "!" && tag != "?" {
      switch tag {
      case "tag:yaml.org,2002:str": return .string(text)
      case "tag:yaml.org,2002:null": return .null
      default: break
      }
    }
    if style.isQuoted || tag == "!" { return .string(text) }
    return resolvePlain(text)
  }

  /// Whether a scalar without a tag is a string whose value is its text, told from its style and
  /// its first byte alone: a quoted scalar always is, and a plain one whose first byte cannot
  /// start a null, a boolean or a number (most keys and values). Such a scalar needs no
  /// resolution; `resolve` gives `.string(text)` for it.
  package static func isTextItself(style: ScalarStyle, firstByte: UInt8?) -> Bool {
    if style.isQuoted { return true }
    guard let first = firstByte else { return false }
    switch first {
    case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"), UInt8(ascii: "t"), UInt8(ascii: "T"),
      UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
      UInt8(ascii: "+"), UInt8(ascii: "."):
      return false
    default:
      return true
    }
  }

  /// The value of a plain scalar's text: null (`~`, `null`, nothing), a boolean, an integer (decimal, `0o`,
  /// `0x`) or a float (`.inf` and `.nan` included); anything else is the string itself.
  package static func resolvePlain(_ text: String) -> ScalarValue {
    // Everything resolving to a non-string starts with one of these bytes; most text starts
    // with another, and is a string without copying its bytes.
    guard let first = text.utf8.first else { return .null }
    // Keys such as `title` or `frequency` start like `true` or `false`: their length tells them
    // apart before any comparison.
    let count = text.utf8.count
    switch first {
    case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
      if text == "~" || count == 4 && (text == "null" || text == "Null" || text == "NULL") { return .null }
    case UInt8(ascii: "t"), UInt8(ascii: "T"):
      if count == 4 && (text == "true" || text == "True" || text == "TRUE") { return .bool(true) }
    case UInt8(ascii: "f"), UInt8(ascii: "F"):
      if count == 5 && (text == "false" || text == "False" || text == "FALSE") { return .bool(false) }
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
      UInt8(ascii: "."):
      // Read in place: most such scalars are dates, and copying their bytes out cost an
      // allocation each.
      let n =
        text.utf8.withContiguousStorageIfAvailable { number($0, text) }
        ?? Array(text.utf8).withUnsafeBufferPointer { number($0, text) }
      if let n { return n }
    default: break
    }
    return .string(text)
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  private static func number(_ u: UnsafeBufferPointer<UInt8>, _ text: String) -> ScalarValue? {
    var i = 0
    var negative = false
    if u[0] == UInt8(ascii: "-") || u[0] == UInt8(ascii: "+") {
      negative = u[0] == UInt8(ascii: "-")
      i = 1
    }
    // Only text with a dot where the digits begin can be infinity or NaN: dates, the most
    // common text here, are not made into a second string to compare.
    if i < u.count && u[i] == UInt8(ascii: ".") {
      let rest = String(decoding: u[i...], as: UTF8.self)
      if rest == ".inf" || rest == ".Inf" || rest == ".INF" {
        return .float(negative ? -.infinity : .infinity)
      }
      if i == 0 && (text == ".nan" || text == ".NaN" || text == ".NAN") { return .float(.nan) }
    }
    if i == 0 && u.count > 2 && u[0] == UInt8(ascii: "0") {
      if u[1] == UInt8(ascii: "o"), u[2...].allSatisfy({ $0 >= 48 && $0 <= 55 }) {
        return Int(String(decoding: u[2...], as: UTF8.self), radix: 8).map(ScalarValue.int)
          ?? .string(text)
      }
      if u[1] == UInt8(ascii: "x"),
        u[2...].allSatisfy({ isDigit($0) || (97...102).contains($0) || (65...70).contains($0) })
      {
        return Int(String(decoding: u[2...], as: UTF8.self), radix: 16).map(ScalarValue.int)
          ?? .string(text)
      }
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    var j = i
    var intDigits = 0
    while j < u.count && isDigit(u[j]) {
      j += 1
      intDigits += 1
    }
    var isFloat = false
    if j < u.count && u[j] == UInt8(ascii: ".") {
      isFloat = true
      j += 1
      var fraction = 0
      while j < u.count && isDigit(u[j]) {
        j += 1
        fraction += 1
      }
      if intDigits == 0 && fraction == 0 { return nil }
    } else if intDigits == 0 {
      return nil
    }
    if j < u.count && (u[j] == UInt8(ascii: "e") || u[j] == UInt8(ascii: "E")) {
      isFloat = true
      j += 1
      if j < u.count && (u[j] == UInt8(ascii: "-") || u[j] == UInt8(ascii: "+")) { j += 1 }
      var exponent = 0
      while j < u.count && isDigit(u[j]) {
        j += 1
        exponent += 1
      }
      if exponent == 0 { return nil }
    }
    if j != u.count { return nil }
    if !isFloat, let v = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
      return .int(v)
    }
    return Double(text).map(ScalarValue.float)
  }
}
