/// A JSON value whose objects keep their keys in the order given, written by hand so that the
/// machine formats come out byte for byte the same on every run and platform
/// (JSONSerialization neither keeps key order nor promises its number and escape spelling).
public enum JSONValue: Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An integer.
  case int(Int)
  /// A number written from its exact decimal text ("82.9"), so no binary rounding shows.
  case number(String)
  /// A string, escaped as `quoted` says.
  case string(String)
  /// An array, its items in order.
  case array([JSONValue])
  /// Keys in output order; a key is expected once.
  case object([(String, JSONValue)])

  /// An optional string, or null.
  public static func orNull(_ value: String?) -> JSONValue {
    value.map { .string($0) } ?? .null
  }

  /// A list of strings.
  public static func strings(_ values: [String]) -> JSONValue {
    .array(values.map { .string($0) })
  }

  /// An optional integer, or null.
  public static func orNull(_ value: Int?) -> JSONValue {
    value.map { .int($0) } ?? .null
  }

  /// The value pretty-printed with two spaces per level, as `json.dumps(indent=2)` does, with
  /// a final line break.
  public func rendered() -> String {
    var out = ""
    write(to: &out, indent: 0)
    out += "\n"
    return out
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .number(let text): out += text
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      let inner = String(repeating: "  ", count: indent + 1)
      for (i, item) in items.enumerated() {
        out += inner
        item.write(to: &out, indent: indent + 1)
        out += i == items.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: "  ", count: indent) + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      let inner = String(repeating: "  ", count: indent + 1)
      for (i, (key, value)) in pairs.enumerated() {
        out += inner
        JSONValue.writeString(key, to: &out)
        out += ": "
        value.write(to: &out, indent: indent + 1)
        out += i == pairs.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: "  ", count: indent) + "}"
    }
  }

  /// A JSON string literal: quote and backslash escaped, line feed, carriage return and tab as
  /// \n, \r and \t (as readers expect), every other control character (U+0000 to U+001F) as
  /// \u00XX; everything else, non-ASCII included, as itself in UTF-8 (RFC 8259 section 7
  /// requires no more).
  public static func quoted(_ s: String) -> String {
    var out = ""
    writeString(s, to: &out)
    return out
  }

  private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

  private static func writeString(_ s: String, to out: inout String) {
    out.unicodeScalars.append("\"")
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{00}"..."\u{1F}":
        let v = Int(scalar.value)
        out += "\\u00"
        out.unicodeScalars.append(hexDigits[v >> 4])
        out.unicodeScalars.append(hexDigits[v & 0xF])
      default: out.unicodeScalars.append(scalar)
      }
    }
    out.unicodeScalars.append("\"")
  }
}
