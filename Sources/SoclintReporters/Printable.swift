/// Text from the files soclint reads (a requirement id, a scalar quoted in a message, a file
/// name) goes into terminals and CI logs. Control characters, line separators and bidirectional
/// overrides in it could move the cursor, colour the log, split a diagnostic over lines or
/// reorder what a reviewer reads ("trojan source"), so the text formats show them escaped.
public enum Printable {
  /// `s` with every unsafe scalar written as `\u{XXXX}`; with `keepingLineBreaks`, CR and LF
  /// stay (for formats that escape them their own way, such as GitHub's workflow commands).
  public static func escaped(_ s: String, keepingLineBreaks: Bool = false) -> String {
    func escape(_ u: Unicode.Scalar) -> Bool {
      isUnsafe(u) && !(keepingLineBreaks && (u == "\n" || u == "\r"))
    }
    // Nearly every message and path is printable ASCII: told by its bytes, without decoding
    // the scalars (a seventh of rendering thousands of findings).
    if s.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) == true {
      return s
    }
    guard s.unicodeScalars.contains(where: escape) else { return s }
    var out = ""
    for u in s.unicodeScalars {
      if escape(u) {
        out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// C0 and C1 controls (tab included), DEL, line and paragraph separators, bidirectional
  /// embeddings, overrides and isolates, and the byte order mark.
  public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
      return true
    default:
      return false
    }
  }
}
