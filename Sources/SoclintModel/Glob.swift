#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// FORMAT.md's globs over project-relative paths: `*` and `?` within one segment, `[abc]` a
/// set (`[!a]` its complement, `[a-z]` a range), `**` any number of whole segments, none
/// included; a pattern ending in `/` matches everything under that folder.
///
/// Matching works on Unicode scalars, so `?` and `[é]` take one character whatever its UTF-8
/// length, and runs in time proportional to the pattern's segments times the path's: a pull
/// request cannot make it exponential with a chain of `**`.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
  /// The glob as written.
  public let pattern: String
  private let segments: [Segment]
  /// The folders and the file-name ending of a glob of the form `folder/.../**/*ending` (the
  /// default `include` is two of them), which `matches` tests with a split and two comparisons
  /// instead of the table: discovery asks every file of the project against every glob.
  private let folderAndEnding: (folders: [[UInt8]], ending: [UInt8])?

  public static func == (a: Glob, b: Glob) -> Bool { a.pattern == b.pattern }
  public func hash(into h: inout Hasher) { h.combine(pattern) }

  private enum Segment: Sendable, Hashable {
    /// `**`: any number of whole segments.
    case any
    case name([Unicode.Scalar])
  }

  /// The glob of `pattern`; every text is one (a `[` without its `]` is a literal).
  public init(_ pattern: String) {
    self.pattern = pattern
    var segments: [Segment] = []
    for part in pattern.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "**" {
        // `**/**` means no more than `**`.
        if segments.last != .any { segments.append(.any) }
      } else {
        segments.append(.name(Array(part.unicodeScalars)))
      }
    }
    // `Controls/drafts/` is everything under that folder, as in .gitignore: one segment or more.
    if pattern.hasSuffix("/") && !segments.isEmpty {
      segments.append(.name(["*"]))
      segments.append(.any)
    }
    self.segments = segments
    self.folderAndEnding = Glob.folderAndEnding(of: segments)
  }

  private static func folderAndEnding(of segments: [Segment]) -> (folders: [[UInt8]], ending: [UInt8])? {
    let wildcards = "*?[".unicodeScalars
    guard segments.count >= 2, segments[segments.count - 2] == .any,
      case .name(let last) = segments[segments.count - 1], last.first == "*",
      !last.dropFirst().contains(where: { wildcards.contains($0) })
    else { return nil }
    var folders: [[UInt8]] = []
    for segment in segments.dropLast(2) {
      guard case .name(let scalars) = segment, !scalars.contains(where: { wildcards.contains($0) }) else {
        return nil
      }
      folders.append(Array(String(String.UnicodeScalarView(scalars)).utf8))
    }
    return (folders, Array(String(String.UnicodeScalarView(last.dropFirst())).utf8))
  }

  /// The glob as written.
  public var description: String { pattern }

  /// The leading segments without wildcards: the folder a walk can start from.
  public var literalPrefix: [String] {
    var out: [String] = []
    for segment in segments.dropLast() {
      guard case .name(let scalars) = segment, !scalars.contains(where: { "*?[".unicodeScalars.contains($0) })
      else { break }
      out.append(String(String.UnicodeScalarView(scalars)))
    }
    return out
  }

  /// Whether a project-relative path, with `/` separators, matches the glob.
  public func matches(_ path: String) -> Bool {
    guard let (folders, ending) = folderAndEnding else { return matchesByTable(path) }
    // The folders, any number of parts, then a last part ending with `ending`, as the table
    // would find: parts are what lies between slashes, empty ones left out. Equal UTF-8 is
    // equal scalars, and an ending's bytes can only match where a scalar starts.
    var path = path
    return path.withUTF8 { bytes in
      let slash = UInt8(ascii: "/")
      var i = 0
      for folder in folders {
        while i < bytes.count && bytes[i] == slash { i += 1 }
        var end = i
        while end < bytes.count && bytes[end] != slash { end += 1 }
        guard end - i == folder.count,
          folder.withUnsafeBufferPointer({ f in
            f.isEmpty || memcmp(bytes.baseAddress! + i, f.baseAddress!, f.count) == 0
          })
        else { return false }
        i = end
      }
      var end = bytes.count
      while end > i && bytes[end - 1] == slash { end -= 1 }
      var lastStart = end
      while lastStart > i && bytes[lastStart - 1] != slash { lastStart -= 1 }
      guard end > lastStart, end - lastStart >= ending.count else { return false }
      return ending.withUnsafeBufferPointer { e in
        e.isEmpty || memcmp(bytes.baseAddress! + end - e.count, e.baseAddress!, e.count) == 0
      }
    }
  }

  /// Whether `matches` takes the shortcut for `folder/.../**/*ending` globs.
  package var takesShortcut: Bool { folderAndEnding != nil }

  /// `matches` for any glob: a table of which segments match which parts.
  package func matchesByTable(_ path: String) -> Bool {
    // The path's scalars once, and each part as a range of them: discovery asks this of every
    // file of the project, so nothing is allocated per part.
    let scalars = Array(path.unicodeScalars)
    var parts: [Range<Int>] = []
    var partStart = 0
    for (i, c) in scalars.enumerated() where c == "/" {
      if i > partStart { parts.append(partStart..<i) }
      partStart = i + 1
    }
    if partStart < scalars.count { parts.append(partStart..<scalars.count) }
    // matched[j]: whether the pattern's segments from i on match the path's parts from j on,
    // filled from the last segment back; one row of the table at a time.
    var matched = [Bool](repeating: false, count: parts.count + 1)
    var row = matched
    matched[parts.count] = true
    for segment in segments.reversed() {
      switch segment {
      case .any:
        // `**` then the rest matches from j when the rest matches from j or from any later part.
        var later = false
        for j in stride(from: parts.count, through: 0, by: -1) {
          later = later || matched[j]
          row[j] = later
        }
      case .name(let pattern):
        row[parts.count] = false
        for j in 0..<parts.count {
          row[j] = matched[j + 1] && Glob.matchSegment(pattern[...], scalars[parts[j]])
        }
      }
      swap(&matched, &row)
    }
    return matched[0]
  }

  /// Matches one segment: `*` backtracks to the last star only, which is enough within one
  /// segment and keeps the match linear in practice.
  static func matchSegment(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
    var pi = p.startIndex
    var si = s.startIndex
    var starP: Int? = nil
    var starS = 0
    while si < s.endIndex {
      if pi < p.endIndex {
        let c = p[pi]
        if c == "*" {
          starP = pi
          starS = si
          pi += 1
          continue
        }
        if c == "?" {
          pi += 1
          si += 1
          continue
        }
        if c == "[", let (matched, next) = matchSet(p, pi, s[si]) {
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
    while pi < p.endIndex && p[pi] == "*" { pi += 1 }
    return pi == p.endIndex
  }

  private static func matchSet(
    _ p: ArraySlice<Unicode.Scalar>, _ open: Int, _ c: Unicode.Scalar
  ) -> (Bool, Int)? {
    var i = open + 1
    var negate = false
    if i < p.endIndex && (p[i] == "!" || p[i] == "^") {
      negate = true
      i += 1
    }
    var matched = false
    var first = true
    while i < p.endIndex {
      if p[i] == "]" && !first { return (matched != negate, i + 1) }
      first = false
      if i + 2 < p.endIndex && p[i + 1] == "-" && p[i + 2] != "]" {
        if c.value >= p[i].value && c.value <= p[i + 2].value { matched = true }
        i += 3
      } else {
        if c == p[i] { matched = true }
        i += 1
      }
    }
    return nil  // no closing bracket: a literal '['
  }
}
