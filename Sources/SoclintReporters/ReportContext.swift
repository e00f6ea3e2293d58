import SoclintDiagnostics
import SoclintModel
import SoclintRules

/// What every reporter needs besides the findings: how to show paths, the source text for
/// snippets, colour, and the tool's identity.
public struct ReportContext: Sendable {
  public static let toolName = "soclint"
  public static let toolVersion = "0.1.0"
  public static let informationURI = "https://github.com/soclint/soclint"

  /// Turns a project-relative path into the path shown: relative to the current directory when
  /// the file is under it, else to the project root.
  public var displayPath: @Sendable (String) -> String
  public var color: Bool
  /// Files by project-relative path, for snippets.
  public var sources: [String: SourceFile]

  public init(
    displayPath: @escaping @Sendable (String) -> String = { $0 }, color: Bool = false,
    sources: [String: SourceFile] = [:]
  ) {
    self.displayPath = displayPath
    self.color = color
    self.sources = sources
  }

  public init(
    result: LintResult, displayPath: @escaping @Sendable (String) -> String = { $0 }, color: Bool = false
  ) {
    var sources: [String: SourceFile] = [:]
    for f in result.project.files { sources[f.path] = f }
    self.init(displayPath: displayPath, color: color, sources: sources)
  }
}

/// Renders a lint result in one output format. Reporters never print: they return the bytes to
/// write, so the CLI decides where they go and writes them atomically.
public protocol Reporter: Sendable {
  func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String
}
