/// Checks that bytes are UTF-8 without NUL, before libyaml sees them, so that the finding
/// points at the first bad byte rather than at libyaml's guess.
public enum Encoding {
  /// The first thing wrong with a file's bytes, for the invalid-file finding.
  public struct Problem: Sendable, Equatable {
    /// The 0-based offset of the bad byte: the NUL, or the first byte of the invalid sequence.
    public let offset: Int
    /// What is wrong, as a sentence for people.
    public let message: String
  }

  /// The bytes without a leading UTF-8 byte order mark. Editors do not count the mark as a
  /// column, and libyaml, told the encoding, would read it as content.
  public static func droppingByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
  }

  /// The first NUL byte or invalid UTF-8 sequence in `bytes`; nil when they are clean UTF-8 text.
  public static func firstProblem(in bytes: [UInt8]) -> Problem? {
    bytes.withUnsafeBufferPointer { firstProblem(in: $0) }
  }

  /// The first NUL byte or invalid UTF-8 sequence in a buffer; nil when it is clean UTF-8 text.
  public static func firstProblem(in b: UnsafeBufferPointer<UInt8>) -> Problem? {
    var i = 0
    let n = b.count
    guard let base = b.baseAddress else { return nil }
    while i < n {
      // Eight bytes at a time while they are ASCII without NUL, as nearly all of a YAML file is:
      // a byte by byte reading cost 7 % of a run without a cache.
      while i + 8 <= n {
        let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        let high: UInt64 = 0x8080_8080_8080_8080
        let hasZeroByte = (word &- 0x0101_0101_0101_0101) & ~word & high
        if (word & high) | hasZeroByte != 0 { break }
        i += 8
      }
      guard i < n else { break }
      let c = b[i]
      if c < 0x80 {
        if c == 0 { return Problem(offset: i, message: "file holds a NUL byte; it is not a text file") }
        i += 1
        continue
      }
      var need = 0
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch c {
      case 0xC2...0xDF: need = 1
      case 0xE0: need = 2; lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED: need = 2; upper = 0x9F
      case 0xF0: need = 3; lower = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4: need = 3; upper = 0x8F
      default: return invalid(at: i, byte: c)
      }
      if i + need >= n { return invalid(at: i, byte: c) }
      for k in 1...need {
        let d = b[i + k]
        if d < (k == 1 ? lower : 0x80) || d > (k == 1 ? upper : 0xBF) { return invalid(at: i, byte: c) }
      }
      i += need + 1
    }
    return nil
  }

  private static func invalid(at offset: Int, byte: UInt8) -> Problem {
    let hex = String(byte, radix: 16, uppercase: true)
    return Problem(
      offset: offset,
      message:
        "file is not valid UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) does not start a valid character"
    )
  }

  /// The mark of a byte offset: line and column (in Unicode scalars) of that byte.
  public static func mark(atByte offset: Int, in bytes: [UInt8]) -> Mark {
    var line = 1
    var column = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      let c = bytes[i]
      if c == 0x0A {
        line += 1
        column = 1
      } else if c == 0x0D {
        if i + 1 < bytes.count, bytes[i + 1] == 0x0A {
          // CRLF: the LF ends the line.
        } else {
          line += 1
          column = 1
        }
      } else if c & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return Mark(line: line, column: column)
  }
}
