/// FORMAT.md's globs over project-relative paths: `*` and `?` within one segment, `[abc]` a
/// set (`[!a]` its complement, `[a-z]` a range), `**` any number of whole segments, none
/// included.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
  public let pattern: String
  private let segments: [[UInt8]]

  public init(_ pattern: String) {
    self.pattern = pattern
    self.segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
  }

  public var description: String { pattern }

  /// The leading segments without wildcards: the folder a walk can start from.
  public var literalPrefix: [String] {
    var out: [String] = []
    for s in segments.dropLast() {
      if s.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") })
      {
        break
      }
      out.append(String(decoding: s, as: UTF8.self))
    }
    return out
  }

  public func matches(_ path: String) -> Bool {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    return Glob.match(segments[...], parts[...])
  }

  private static let doubleStar: [UInt8] = [42, 42]

  private static func match(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<[UInt8]>) -> Bool {
    guard let first = pattern.first else { return path.isEmpty }
    if first == doubleStar {
      let rest = pattern.dropFirst()
      var p = path
      while true {
        if match(rest, p) { return true }
        if p.isEmpty { return false }
        p = p.dropFirst()
      }
    }
    guard let segment = path.first, matchSegment(first[...], segment[...]) else { return false }
    return match(pattern.dropFirst(), path.dropFirst())
  }

  /// Matches one segment; works on bytes, which is exact for ASCII wildcards and compares
  /// other characters by their UTF-8 encoding.
  static func matchSegment(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
    var pi = p.startIndex
    var si = s.startIndex
    var starP: Int? = nil
    var starS = 0
    while si < s.endIndex {
      if pi < p.endIndex {
        let c = p[pi]
        if c == UInt8(ascii: "*") {
          starP = pi
          starS = si
          pi += 1
          continue
        }
        if c == UInt8(ascii: "?") {
          // One character: skip a whole UTF-8 sequence.
          pi += 1
          si += 1
          while si < s.endIndex && s[si] & 0xC0 == 0x80 { si += 1 }
          continue
        }
        if c == UInt8(ascii: "["), let (matched, next) = matchSet(p, pi, s[si]) {
          if matched {
            pi = next
            si += 1
            continue
          }
        } else if c == s[si] {
          pi += 1
          si += 1
          continue
        }
      }
      guard let star = starP else { return false }
      pi = star + 1
      starS += 1
      si = starS
    }
    while pi < p.endIndex && p[pi] == UInt8(ascii: "*") { pi += 1 }
    return pi == p.endIndex
  }

  private static func matchSet(_ p: ArraySlice<UInt8>, _ open: Int, _ c: UInt8) -> (Bool, Int)? {
    var i = open + 1
    var negate = false
    if i < p.endIndex && (p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^")) {
      negate = true
      i += 1
    }
    var matched = false
    var first = true
    while i < p.endIndex {
      if p[i] == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
      first = false
      if i + 2 < p.endIndex && p[i + 1] == UInt8(ascii: "-") && p[i + 2] != UInt8(ascii: "]") {
        if c >= p[i] && c <= p[i + 2] { matched = true }
        i += 3
      } else {
        if c == p[i] { matched = true }
        i += 1
      }
    }
    return nil  // no closing bracket: a literal '['
  }
}
