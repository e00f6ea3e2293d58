import SoclintDiagnostics
import SoclintYAML

/// A file of the project as read: its project-relative path and its text, kept for snippets
/// and for the suppression comments that libyaml drops.
public final class SourceFile: Sendable, Hashable {
  public let path: String
  public let text: String
  /// The lines of `text` without their line breaks; computed once.
  public let lines: [Substring]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
  }

  public static func == (a: SourceFile, b: SourceFile) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

  public func range(of node: Node) -> SourceRange {
    SourceRange(
      path: path, line: node.start.line, column: node.start.column, endLine: node.end.line,
      endColumn: node.end.column)
  }

  public func range(at mark: Mark, end: Mark? = nil) -> SourceRange {
    SourceRange(path: path, line: mark.line, column: mark.column, endLine: end?.line, endColumn: end?.column)
  }

  public var start: SourceRange { SourceRange(path: path, line: 1, column: 1) }
}
