/// RFC 4180 CSV as spreadsheets read it: records end with CRLF, a field holding a comma, a quote,
/// a CR or a LF is quoted with its quotes doubled, and the file starts with a UTF-8 byte order
/// mark so that Excel reads accents as UTF-8.
struct CSV {
  private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

  init(header: [String]) {
    append(header)
  }

  mutating func append(_ fields: [String]) {
    for (i, field) in fields.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes += CSV.field(field)
    }
    bytes += [13, 10]
  }

  static func field(_ text: String) -> [UInt8] {
    let utf8 = Array(text.utf8)
    guard utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 13 || $0 == 10 }) else { return utf8 }
    var out: [UInt8] = [34]
    for b in utf8 {
      out.append(b)
      if b == 34 { out.append(34) }
    }
    out.append(34)
    return out
  }
}
