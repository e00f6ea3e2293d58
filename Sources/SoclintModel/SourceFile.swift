import Foundation
import SoclintDiagnostics
import SoclintYAML

/// A file of the project as read: its project-relative path and its text, kept for snippets
/// and for the suppression comments that libyaml drops.
public final class SourceFile: Sendable, Hashable {
  /// The project-relative path, with `/` separators.
  public let path: String
  /// The whole text, without a leading byte order mark.
  public let text: String
  /// Where scalars spanning several lines are (block scalars, multi-line quoted and plain
  /// ones), in order: a `#` inside one is text, not a comment, and cannot suppress anything.
  public let multilineScalars: [YAMLFile.Span]
  /// Whether the text holds a `#`, without which it holds no comment. Found when the file is
  /// made, on the reading thread and while the text is still in its cache: asked later of
  /// every file on one thread (for suppression comments), it was a pass over all the project's
  /// text from memory.
  public let mayHoldComment: Bool

  /// A file from its path and text, with the multi-line scalars its YAML reading found.
  public init(path: String, text: String, multilineScalars: [YAMLFile.Span] = []) {
    self.path = path
    self.text = text
    self.multilineScalars = multilineScalars
    mayHoldComment = SourceFile.text(text, containsASCII: "#")
  }

  /// The lines of `text` without their line breaks (LF or CRLF). Computed on demand: only files
  /// with a finding or a suppression comment need them, and most files have neither.
  public var lines: [Substring] {
    let count = lineIndex.starts(of: text).count
    return (1...count).map { line($0)! }
  }

  /// Line `number` (1-based) without its line break, or nil past the end. The offsets of the
  /// lines are found once, on the first call, so a file of many findings costs one pass.
  public func line(_ number: Int) -> Substring? {
    let starts = lineIndex.starts(of: text)
    guard number >= 1, number <= starts.count else { return nil }
    let utf8 = text.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: starts[number - 1])
    let end =
      number < starts.count ? utf8.index(utf8.startIndex, offsetBy: starts[number] - 1) : utf8.endIndex
    // Sliced by scalars: "\r\n" is one Character, and the line ends between its two scalars.
    let line = Substring(text.unicodeScalars[start..<end])
    return line.hasSuffix("\r") ? line.dropLast() : line
  }

  private let lineIndex = LineIndex()

  /// Whether the text holds `needle` (ASCII), by bytes: cheap enough to ask of every file.
  public func contains(ascii needle: String) -> Bool {
    SourceFile.text(text, containsASCII: needle)
  }

  /// Whether `text` holds `needle` (ASCII), by bytes (see `contains(ascii:)`).
  public static func text(_ text: String, containsASCII needle: String) -> Bool {
    let n = Array(needle.utf8)
    guard let last = n.last else { return true }
    // The suppression scan asks this of every file of the project on one thread. memchr finds
    // each place of the needle's last byte (`:` of `soclint:`, a few times a line) many bytes a
    // cycle; only there are the bytes before it compared. A byte-by-byte loop over 10,000 files
    // was a tenth of a cached run, Horspool's search still a thirtieth.
    return text.utf8.withContiguousStorageIfAvailable { hay -> Bool in
      guard let base = hay.baseAddress, hay.count >= n.count else { return false }
      var from = n.count - 1
      while from < hay.count, let hit = memchr(base + from, Int32(last), hay.count - from) {
        let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        if n.withUnsafeBufferPointer({ memcmp(base + end + 1 - n.count, $0.baseAddress!, n.count - 1) }) == 0
        {
          return true
        }
        from = end + 1
      }
      return false
    } ?? text.contains(needle)
  }

  /// Whether `a` and `b` are the same object: each file is read once.
  public static func == (a: SourceFile, b: SourceFile) -> Bool { a === b }
  /// Hashes the object's identity, as `==` compares it.
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

  /// The range of `span` in this file, from its first character to just after its last.
  public func range(of span: YAMLFile.Span) -> SourceRange {
    SourceRange(
      path: path, line: span.start.line, column: span.start.column, endLine: span.end.line,
      endColumn: span.end.column)
  }

  /// The range of `node`'s text.
  public func range(of node: Node) -> SourceRange {
    SourceRange(
      path: path, line: node.start.line, column: node.start.column, endLine: node.end.line,
      endColumn: node.end.column)
  }

  /// The range from `mark` to `end`, or the point at `mark`.
  public func range(at mark: Mark, end: Mark? = nil) -> SourceRange {
    SourceRange(path: path, line: mark.line, column: mark.column, endLine: end?.line, endColumn: end?.column)
  }

  /// The point at line 1, column 1, for findings about the whole file.
  public var start: SourceRange { SourceRange(path: path, line: 1, column: 1) }
}

/// The UTF-8 offset of the start of every line of a text, computed on first use. Findings are
/// formatted from several threads, so the cache is guarded by a lock.
private final class LineIndex: @unchecked Sendable {
  private let lock = NSLock()
  private var cached: [Int]? = nil

  func starts(of text: String) -> [Int] {
    lock.lock()
    defer { lock.unlock() }
    if let cached { return cached }
    var starts = [0]
    // memchr, not a loop over `text.utf8`: the snippets of thousands of findings need the lines
    // of thousands of files.
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      var from = 0
      while from < bytes.count, let hit = memchr(base + from, 10, bytes.count - from) {
        from = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        starts.append(from)
      }
    }
    cached = starts
    return starts
  }
}
