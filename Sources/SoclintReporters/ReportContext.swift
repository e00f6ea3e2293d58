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

  /// A context whose sources are the files the lint run's findings (silenced ones included)
  /// point into: the files snippets are made from.
  public init(
    result: LintResult, displayPath: @escaping @Sendable (String) -> String = { $0 }, color: Bool = false
  ) {
    self.init(
      displayPath: displayPath, color: color,
      sources: ReportContext.sources(
        result.project.files, pointedAtBy: [result.findings, result.suppressed.map(\.finding)]))
  }

  /// The files of `files` that the findings point into, by path.
  ///
  /// The project's files after the first (the configuration) are in path order, and so are
  /// the findings of each list: one walk of both finds the files without hashing every path of
  /// the project, comparing each file's path with the next one wanted. A dictionary of every file took 0.8 ms of a 10,000-file run on the one thread
  /// that works after the rules, for the few thousand files a snippet is shown of. When a
  /// finding's file is not met on the walk (a list out of order, or a file never read), every
  /// file is taken, as before.
  static func sources(_ files: [SourceFile], pointedAtBy lists: [[Finding]]) -> [String: SourceFile] {
    var wanted: [String] = []
    for findings in lists {
      var paths: [String] = []
      for f in findings where paths.last != f.range.path { paths.append(f.range.path) }
      wanted = merged(wanted, paths)
    }
    var sources: [String: SourceFile] = [:]
    sources.reserveCapacity(wanted.count + 1)
    var next = 0
    if let first = files.first {
      sources[first.path] = first
      // The configuration may sort anywhere among the findings' paths.
      if let at = wanted.firstIndex(of: first.path) { wanted.remove(at: at) }
    }
    // Paths compared for equality only, which tells most of them apart by their length.
    for f in files.dropFirst() where next < wanted.count && f.path == wanted[next] {
      sources[f.path] = f
      next += 1
    }
    if next < wanted.count {
      sources.removeAll()
      for f in files { sources[f.path] = f }
    }
    return sources
  }

  /// Two lists of paths in byte order, merged into one, a path in both once.
  private static func merged(_ a: [String], _ b: [String]) -> [String] {
    if a.isEmpty { return b }
    var out: [String] = []
    out.reserveCapacity(a.count + b.count)
    var (i, j) = (0, 0)
    while i < a.count && j < b.count {
      if a[i] == b[j] {
        out.append(a[i])
        i += 1
        j += 1
      } else if a[i].precedesInBytes(b[j]) {
        out.append(a[i])
        i += 1
      } else {
        out.append(b[j])
        j += 1
      }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
    return out
  }
}

/// Renders a lint result in one output format. Reporters never print: they return the bytes to
/// write, so the CLI decides where they go and writes them atomically.
public protocol Reporter: Sendable {
  /// The whole output for `findings`: those of `result` left to show, in the order given.
  func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String
}
