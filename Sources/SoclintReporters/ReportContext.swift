import SoclintDiagnostics
import SoclintModel
import SoclintRules

/// What every reporter needs besides the findings: how to show paths, the source text for
/// snippets, colour, and the tool's identity.
public struct ReportContext: Sendable {
  /// The tool's name, as every machine format gives it.
  public static let toolName = "soclint"
  /// soclint's version, as every machine format gives it.
  public static let toolVersion = "0.1.0"
  /// Where to read about soclint (SARIF's `informationUri`).
  public static let informationURI = "https://github.com/soclint/soclint"

  /// Turns a project-relative path into the path shown: relative to the current directory when
  /// the file is under it, else to the project root.
  public var displayPath: @Sendable (String) -> String
  /// Whether to colour the text formats with ANSI escapes.
  public var color: Bool
  /// Files by project-relative path, for snippets.
  public var sources: [String: SourceFile]

  /// A context from its parts; by default paths show project-relative, without colour or snippets.
  public init(
    displayPath: @escaping @Sendable (String) -> String = { $0 }, color: Bool = false,
    sources: [String: SourceFile] = [:]
  ) {
    self.displayPath = displayPath
    self.color = color
    self.sources = sources
  }

  /// A context whose sources are every file the lint run read.
  public init(
    result: LintResult, displayPath: @escaping @Sendable (String) -> String = { $0 }, color: Bool = false
  ) {
    var sources: [String: SourceFile] = [:]
    sources.reserveCapacity(result.project.files.count)
    for f in result.project.files { sources[f.path] = f }
    self.init(displayPath: displayPath, color: color, sources: sources)
  }
}

/// Renders a lint result in one output format. Reporters never print: they return the bytes to
/// write, so the CLI decides where they go and writes them atomically.
public protocol Reporter: Sendable {
  /// The whole output for `findings`: those of `result` left to show, in the order given.
  func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String
}
