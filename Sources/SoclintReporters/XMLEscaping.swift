/// Escaping for XML 1.0 text and attribute values.
///
/// Characters XML 1.0 cannot hold at all (C0 controls other than tab, line feed and carriage
/// return; U+FFFE and U+FFFF) are dropped: not even a character reference may name them, and
/// one of them would make the whole report unreadable to a CI system.
public enum XMLEscaping {
  /// Element content: `&`, `<` and `>` (the last so that `]]>` cannot occur) as entities;
  /// quotes need none here. A carriage return as a reference, since parsers turn a literal one
  /// into a line feed.
  public static func text(_ s: String) -> String {
    escape(s, attribute: false)
  }

  /// An attribute value: as text, both quotes as entities (whichever delimits it), and tab and
  /// line breaks as references, since attribute-value normalisation would turn literal ones
  /// into spaces.
  public static func attribute(_ s: String) -> String {
    escape(s, attribute: true)
  }

  /// XML 1.0's Char production.
  public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: return true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
  }

  private static func escape(_ s: String, attribute: Bool) -> String {
    var out = ""
    for scalar in s.unicodeScalars where isAllowed(scalar) {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "'" where attribute: out += "&apos;"
      case "\r": out += "&#13;"
      case "\n" where attribute: out += "&#10;"
      case "\t" where attribute: out += "&#9;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
