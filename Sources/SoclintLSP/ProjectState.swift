import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules

/// One project the server knows, found from an open document by walking up to its
/// `.soclint.yaml`: its last judgement, the per-file results kept between judgements, and the
/// diagnostics that judgement gave each file.
final class ProjectState {
  /// The configuration's absolute path, its folder resolved.
  let configPath: String
  /// The resolved project root.
  let root: String
  /// Parsed files, reused when their bytes have not changed.
  let cache = FileResultCache()
  /// Whether something changed since the last judgement.
  var dirty = true
  /// The last judgement; nil before the first one or when the configuration cannot be read.
  private(set) var result: LintResult?
  /// The files of the last judgement, by project-relative path.
  private(set) var files: [String: SourceFile] = [:]
  /// Diagnostics of the last judgement, by absolute path; files without any are absent.
  var diagnostics: [String: [Diagnostic]] = [:]
  /// The findings behind them, by absolute path, for code actions.
  private(set) var findings: [String: [Finding]] = [:]
  private var cachedContext: LintContext?

  init(configPath: String) {
    self.configPath = configPath
    root = (configPath as NSString).deletingLastPathComponent
  }

  func record(_ result: LintResult?) {
    self.result = result
    cachedContext = nil
    files = [:]
    findings = [:]
    guard let result else { return }
    for file in result.project.files { files[file.path] = file }
    for finding in result.findings { findings[absolute(finding.range.path), default: []].append(finding) }
  }

  /// The indexes the rules share (owners, frameworks, scopes), built on the first question.
  var context: LintContext? {
    if let cachedContext { return cachedContext }
    guard let result, let configuration = result.project.configuration else { return nil }
    cachedContext = LintContext(project: result.project, configuration: configuration, asOf: result.asOf)
    return cachedContext
  }

  func absolute(_ relative: String) -> String { root + "/" + relative }

  /// The project-relative path of an absolute one inside the root.
  func relative(_ absolute: String) -> String? {
    guard absolute.hasPrefix(root + "/") else { return nil }
    return String(absolute.dropFirst(root.count + 1))
  }

  /// Whether the path is the configuration.
  func isConfiguration(_ absolute: String) -> Bool { absolute == configPath }
}

/// A document the editor has open: its text wins over the disk.
struct OpenDocument {
  let uri: String
  /// The absolute path with its folder resolved, for `file:` URIs.
  let path: String?
  var version: Int?
  var text: String
  /// The configuration path of its project, if it has one.
  var project: String?
}

/// file: URIs and paths.
enum FileURI {
  static func path(of uri: String) -> String? {
    guard let url = URL(string: uri), url.isFileURL else { return nil }
    let path = url.standardizedFileURL.path
    let dir = (path as NSString).deletingLastPathComponent
    guard let resolved = FileSystem.realPath(dir) else { return path }
    return (resolved == "/" ? "" : resolved) + "/" + (path as NSString).lastPathComponent
  }

  static func uri(of path: String) -> String {
    URL(fileURLWithPath: path).absoluteString
  }
}
