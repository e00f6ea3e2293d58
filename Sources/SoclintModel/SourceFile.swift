import Foundation
import SoclintDiagnostics
import SoclintYAML
import Synchronization

/// A file of the project as read: its project-relative path and its text, kept for snippets
/// and for the suppression comments that libyaml drops.
///
/// A file read from disk keeps the bytes it was read into and makes its text only when asked:
/// most files of a project are never shown, and making the text of each was a copy and a
/// UTF-8 check of every byte read, about 3% of a run over 10,000 controls.
public final class SourceFile: Sendable, Hashable, CustomReflectable {
  /// The project-relative path, with `/` separators.
  public let path: String
  /// Where scalars spanning several lines are (block scalars, multi-line quoted and plain
  /// ones), in order: a `#` inside one is text, not a comment, and cannot suppress anything.
  public let multilineScalars: [YAMLFile.Span]
  /// Whether the text holds a `#`, without which it holds no comment. Found when the file is
  /// made, on the reading thread and while the text is still in its cache: asked later of
  /// every file on one thread (for suppression comments), it was a pass over all the project's
  /// text from memory.
  public let mayHoldComment: Bool

  /// What the file was made from: the bytes read (UTF-8, without a byte order mark) or a text.
  private enum Source {
    case bytes([UInt8])
    case text(String)
  }
  private let source: Source

  /// What is found on first use: the text made from the bytes, and where lines start.
  /// Findings are formatted from several threads, so it is guarded by a lock, kept in the
  /// object rather than in one of its own.
  private struct Derived {
    var text: String?
    var lineStarts: [Int]?
  }
  private let derived = Mutex(Derived())

  /// A file from its path and text, with the multi-line scalars its YAML reading found.
  public init(path: String, text: String, multilineScalars: [YAMLFile.Span] = []) {
    self.path = path
    self.source = .text(text)
    self.multilineScalars = multilineScalars
    mayHoldComment = SourceFile.text(text, containsASCII: "#")
  }

  /// A file from its path and the bytes read from it, without a byte order mark; its text is
  /// made from them when asked (invalid UTF-8 repaired, as `String(decoding:as:)` does).
  public init(path: String, utf8: [UInt8], multilineScalars: [YAMLFile.Span] = []) {
    self.path = path
    self.source = .bytes(utf8)
    self.multilineScalars = multilineScalars
    mayHoldComment = utf8.withUnsafeBufferPointer { SourceFile.bytes($0, containASCII: "#") }
  }

  /// The whole text, without a leading byte order mark.
  public var text: String {
    switch source {
    case .text(let text): return text
    case .bytes(let bytes):
      return derived.withLock { d in
        if let text = d.text { return text }
        let text = String(decoding: bytes, as: UTF8.self)
        d.text = text
        return text
      }
    }
  }

  /// Calls `body` with the file's UTF-8 bytes: those read, or the text's.
  private func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    switch source {
    case .bytes(let bytes): return bytes.withUnsafeBufferPointer(body)
    case .text(var text): return text.withUTF8(body)
    }
  }

  /// The lines of `text` without their line breaks (LF or CRLF). Computed on demand: only files
  /// with a finding or a suppression comment need them, and most files have neither.
  public var lines: [Substring] {
    let count = lineStarts().count
    return (1...count).map { line($0)! }
  }

  /// Line `number` (1-based) without its line break, or nil past the end. The offsets of the
  /// lines are found once, on the first call, so a file of many findings costs one pass; the
  /// line is made from its own bytes, not from the whole text.
  public func line(_ number: Int) -> Substring? {
    let starts = lineStarts()
    guard number >= 1, number <= starts.count else { return nil }
    let start = starts[number - 1]
    return withUTF8 { bytes in
      var end = number < starts.count ? starts[number] - 1 : bytes.count
      // A CRLF line ends before its carriage return, told by its byte.
      if end > start && bytes[end - 1] == 13 { end -= 1 }
      // Sliced by bytes at a line feed, which no other character's UTF-8 holds.
      return Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }
  }

  /// The UTF-8 offset of the start of every line, found on first use. memchr, not a loop over
  /// the bytes: the snippets of thousands of findings need the lines of thousands of files.
  private func lineStarts() -> [Int] {
    derived.withLock { d in
      if let starts = d.lineStarts { return starts }
      var starts = [0]
      withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return }
        // Room for lines of 24 bytes on average, as YAML's are: growing the list line by line
        // was a third of finding the lines.
        starts.reserveCapacity(bytes.count / 24 + 2)
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, 10, bytes.count - from) {
          from = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
          starts.append(from)
        }
      }
      d.lineStarts = starts
      return starts
    }
  }

  /// Whether the text holds `needle` (ASCII), by bytes: cheap enough to ask of every file.
  public func contains(ascii needle: String) -> Bool {
    withUTF8 { SourceFile.bytes($0, containASCII: needle) }
  }

  /// Whether `text` holds `needle` (ASCII), by bytes (see `contains(ascii:)`).
  public static func text(_ text: String, containsASCII needle: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes($0, containASCII: needle) } ?? text.contains(needle)
  }

  /// Whether `hay` holds `needle` (ASCII).
  public static func bytes(_ hay: UnsafeBufferPointer<UInt8>, containASCII needle: String) -> Bool {
    let n = Array(needle.utf8)
    guard let last = n.last else { return true }
    // The suppression scan asks this of every file of the project on one thread. memchr finds
    // each place of the needle's last byte (`:` of `soclint:`, a few times a line) many bytes a
    // cycle; only there are the bytes before it compared. A byte-by-byte loop over 10,000 files
    // was a tenth of a cached run, Horspool's search still a thirtieth.
    guard let base = hay.baseAddress, hay.count >= n.count else { return false }
    var from = n.count - 1
    while from < hay.count, let hit = memchr(base + from, Int32(last), hay.count - from) {
      let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if n.withUnsafeBufferPointer({ memcmp(base + end + 1 - n.count, $0.baseAddress!, n.count - 1) }) == 0 {
        return true
      }
      from = end + 1
    }
    return false
  }

  /// What a dump shows: the path, the text and what was found in it, whether the file was made
  /// from bytes or from a text (a file read flat and one read into nodes dump the same).
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "path": path, "text": text, "multilineScalars": multilineScalars, "mayHoldComment": mayHoldComment,
      ])
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
