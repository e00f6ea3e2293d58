/// The `format` values this validator asserts. Others are annotations and not checked.
enum StringFormat: Sendable {
  /// RFC 3339 full-date: YYYY-MM-DD, a real day of the proleptic Gregorian calendar.
  case date
  /// An RFC 5321 mailbox: a dot-atom or quoted local part, then a host name or an address
  /// literal.
  case email

  init?(name: String) {
    switch name {
    case "date": self = .date
    case "email": self = .email
    default: return nil
    }
  }

  var name: String {
    switch self {
    case .date: return "date"
    case .email: return "email"
    }
  }

  func accepts(_ string: String) -> Bool {
    switch self {
    case .date:
      // Read in place: a copy of the bytes and a table of month lengths were two allocations
      // for every date of every document.
      return string.utf8.withContiguousStorageIfAvailable { StringFormat.isDate($0) }
        ?? StringFormat.isDate(Array(string.utf8))
    case .email: return StringFormat.isEmail(Array(string.utf8))
    }
  }

  // MARK: date

  private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

  private static func number<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes, _ range: Range<Int>) -> Int?
  where Bytes.Index == Int {
    var value = 0
    for i in range {
      guard isDigit(b[i]) else { return nil }
      value = value * 10 + Int(b[i] - 0x30)
    }
    return value
  }

  static func isDate<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes) -> Bool where Bytes.Index == Int {
    guard b.count == 10, b[b.startIndex + 4] == UInt8(ascii: "-"), b[b.startIndex + 7] == UInt8(ascii: "-"),
      let year = number(b, b.startIndex..<b.startIndex + 4),
      let month = number(b, b.startIndex + 5..<b.startIndex + 7),
      let day = number(b, b.startIndex + 8..<b.startIndex + 10),
      (1...12).contains(month), day >= 1
    else { return false }
    let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    switch month {
    case 2: return day <= (isLeap ? 29 : 28)
    case 4, 6, 9, 11: return day <= 30
    default: return day <= 31
    }
  }

  // MARK: email

  private static func isAlphanumeric(_ c: UInt8) -> Bool {
    isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
  }

  /// RFC 5322 atext.
  private static func isAtext(_ c: UInt8) -> Bool {
    isAlphanumeric(c) || "!#$%&'*+-/=?^_`{|}~".utf8.contains(c)
  }

  static func isEmail(_ b: [UInt8]) -> Bool {
    guard let at = b.lastIndex(of: UInt8(ascii: "@")), at > 0, at < b.count - 1 else { return false }
    let local = Array(b[..<at])
    let domain = Array(b[(at + 1)...])
    return local.count <= 64 && isLocalPart(local) && isDomain(domain)
  }

  private static func isLocalPart(_ b: [UInt8]) -> Bool {
    if b.first == UInt8(ascii: "\"") {
      // quoted-string: printable ASCII and spaces, with \ escaping any printable character.
      guard b.count >= 2, b.last == UInt8(ascii: "\"") else { return false }
      var i = 1
      while i < b.count - 1 {
        let c = b[i]
        if c == UInt8(ascii: "\\") {
          guard i + 1 < b.count - 1, b[i + 1] >= 0x20, b[i + 1] <= 0x7E else { return false }
          i += 2
          continue
        }
        guard c >= 0x20, c <= 0x7E, c != UInt8(ascii: "\"") else { return false }
        i += 1
      }
      return true
    }
    // dot-atom: atoms of atext separated by single dots.
    return b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy {
      !$0.isEmpty && $0.allSatisfy(isAtext)
    }
  }

  private static func isDomain(_ b: [UInt8]) -> Bool {
    if b.first == UInt8(ascii: "[") {
      guard b.last == UInt8(ascii: "]") else { return false }
      let literal = Array(b[1..<(b.count - 1)])
      let ipv6Prefix = Array("IPv6:".utf8)
      if literal.starts(with: ipv6Prefix) { return isIPv6(Array(literal[ipv6Prefix.count...])) }
      return isIPv4(literal)
    }
    // A host name: labels of letters, digits and hyphens, not starting or ending with a hyphen.
    guard b.count <= 253 else { return false }
    return b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy {
      label in
      !label.isEmpty && label.count <= 63 && label.first != UInt8(ascii: "-")
        && label.last != UInt8(ascii: "-")
        && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
  }

  /// Dotted-quad IPv4: four decimal numbers 0...255 without leading zeros.
  static func isIPv4(_ b: [UInt8]) -> Bool {
    let parts = b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return parts.count == 4
      && parts.allSatisfy { part in
        guard (1...3).contains(part.count), part.allSatisfy(isDigit),
          part.count == 1 || part.first != UInt8(ascii: "0")
        else { return false }
        return Int(String(decoding: part, as: UTF8.self))! <= 255
      }
  }

  /// RFC 4291 text form: eight groups of 1 to 4 hex digits, "::" once for a run of zero groups,
  /// and an IPv4 address in place of the last two groups.
  static func isIPv6(_ b: [UInt8]) -> Bool {
    let text = String(decoding: b, as: UTF8.self)
    let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
    guard halves.count <= 2 else { return false }
    func groups(_ part: String, allowIPv4: Bool) -> Int? {
      if part.isEmpty { return 0 }
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      var count = 0
      for (i, piece) in pieces.enumerated() {
        if allowIPv4 && i == pieces.count - 1 && piece.contains(".") {
          guard isIPv4(Array(piece.utf8)) else { return nil }
          count += 2
        } else {
          guard (1...4).contains(piece.utf8.count), piece.utf8.allSatisfy({ $0 < 0x80 && $0.isHexDigit })
          else { return nil }
          count += 1
        }
      }
      return count
    }
    if halves.count == 1 {
      return groups(halves[0], allowIPv4: true) == 8
    }
    guard let head = groups(halves[0], allowIPv4: false), let tail = groups(halves[1], allowIPv4: true)
    else { return false }
    return head + tail <= 7
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
  }
}
