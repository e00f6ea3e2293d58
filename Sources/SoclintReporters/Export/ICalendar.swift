import SoclintModel

/// RFC 5545 content lines: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
/// sequence) with a space starting each continuation, and TEXT values escaped.
struct ICalendar {
  private(set) var bytes: [UInt8] = []

  /// One content line, `NAME;PARAMS:VALUE`, folded.
  mutating func line(_ text: String) {
    var count = 0
    for scalar in text.unicodeScalars {
      let encoded = Array(String(scalar).utf8)
      if count + encoded.count > 75 {
        bytes += [13, 10, 32]
        count = 1
      }
      bytes += encoded
      count += encoded.count
    }
    bytes += [13, 10]
  }

  /// A TEXT value: backslash, semicolon, comma and line breaks escaped.
  static func text(_ value: String) -> String {
    var out = ""
    for c in value.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n": out += "\\n"
      case "\r": continue
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// A parameter value, quoted when it holds `:`, `;` or `,` (a quote cannot appear in one, so it
  /// becomes an apostrophe) and without control characters.
  static func parameter(_ value: String) -> String {
    let clean = String(
      String.UnicodeScalarView(
        value.unicodeScalars.map { $0 == "\"" ? "'" : $0 }.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    return clean.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"\(clean)\"" : clean
  }

  /// A DATE value: `20261121`.
  static func date(_ day: Day) -> String {
    day.description.replacingOccurrences(of: "-", with: "")
  }
}
