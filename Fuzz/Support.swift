// Shared by the fuzz targets (compiled into each; see Scripts/fuzz).
//
// A target lints a small project whose folder is written once per process: the loader reads
// the configuration and discovers files on disk, and one file's bytes can be handed to it in
// memory (`ProjectLoader.Options.override`, what `soclint lint --stdin-filename` uses), so each
// input costs no file-system writes.

import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules

enum FuzzSupport {
  /// The day staleness is judged on when the configuration has no `as_of`: fixed, so that an
  /// input found today still reproduces tomorrow.
  static let today = Day(year: 2026, month: 11, day: 20)

  /// The configuration of a project of one control file (the project and cache targets). The
  /// built-in SOC 2 criteria are in scope so the coverage rules have something to judge;
  /// uncovered-requirement is off only so that its ~30 findings about the empty project do not
  /// go through every reporter on every input (the rule itself still runs).
  static let oneControlConfiguration = """
    version: 1
    frameworks:
      soc2:
        categories: [security]
    as_of: 2026-11-20
    rules:
      uncovered-requirement: off

    """

  /// Compiled once: the embedded schemas do not depend on the input.
  static let loader: ProjectLoader = {
    do {
      return try ProjectLoader.standard()
    } catch {
      fatalError("fuzz harness: the embedded schemas do not compile: \(error)")
    }
  }()

  /// Lints a project as `soclint lint` does, on one thread (as `--jobs 1`): libFuzzer and
  /// LeakSanitizer see one thread, and a reproducer replays the same way every time.
  static func lint(
    configPath: String, override: (path: String, bytes: [UInt8]), cache: ModelCache? = nil
  ) -> LintResult {
    var options = ProjectLoader.Options(configPath: configPath)
    options.jobs = 1
    options.override = override
    options.modelCache = cache
    let project: Project
    do {
      project = try loader.load(options)
    } catch {
      // Only a configuration that cannot be read at all throws: the harness's folder is gone.
      fatalError("fuzz harness: cannot load the project at \(configPath): \(error)")
    }
    // A fixed history instead of a git process per input: policy-changed-after-approval still
    // runs, for any document the input names that exists (the configuration does).
    var linter = Linter(jobs: 1)
    linter.history = .given(
      DocumentHistory(changes: [
        ".soclint.yaml": [
          DocumentChange(commit: "f022ed1", day: Day(year: 2026, month: 6, day: 1), author: "Fuzz")
        ]
      ]))
    return linter.lint(project, asOf: nil, today: today)
  }

  /// How many findings the reporters render. Each finding is rendered on its own, so the first
  /// ones exercise the reporters as well as all would; but one 64 KiB input can make 7,000
  /// findings (a key a line), and rendering them all under ASan takes seconds: libFuzzer's 1 s
  /// timeout would report the sanitizer's cost, not soclint's (a release build lints and renders
  /// that input in 0.4 s, and its time grows with the input's size).
  static let maxRendered = 256

  static func rendered(_ result: LintResult) -> [Finding] { Array(result.findings.prefix(maxRendered)) }

  /// Renders the findings with the text reporter and its summary line, as the CLI prints them.
  /// Returns a byte count only so the work cannot be thought unused.
  @discardableResult
  static func renderText(_ result: LintResult) -> Int {
    let context = ReportContext(result: result)
    let text = TextReporter().render(result, findings: rendered(result), context: context)
    let summary = TextReporter.summary(result, findings: result.findings)
    return text.utf8.count &+ summary.utf8.count
  }
}

/// A project folder created once per process under `$SOCLINT_FUZZ_TMP` (Scripts/fuzz points it
/// into .build-fuzz/ and wipes it) or the system's temporary folder, removed at a normal exit.
final class FuzzProject: Sendable {
  let root: String

  init(files: [(path: String, text: String)], folders: [String] = []) {
    let base = ProcessInfo.processInfo.environment["SOCLINT_FUZZ_TMP"] ?? NSTemporaryDirectory()
    try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    var template = Array((base + "/project-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard let made else { fatalError("fuzz harness: cannot create a folder under \(base)") }
    // Resolved, as the loader resolves the root: override paths must be spelled the same way.
    root = FileSystem.realPath(String(cString: made)) ?? String(cString: made)
    for folder in folders {
      try! FileManager.default.createDirectory(
        atPath: root + "/" + folder, withIntermediateDirectories: true)
    }
    for file in files {
      let path = root + "/" + file.path
      try! FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try! file.text.write(toFile: path, atomically: false, encoding: .utf8)
    }
    FuzzProject.register(root)
  }

  var configPath: String { root + "/" + ProjectLoader.configName }

  // The folders to remove at exit; written once, at start-up, before any input runs.
  nonisolated(unsafe) private static var created: [String] = []

  private static func register(_ root: String) {
    if created.isEmpty {
      atexit {
        for root in FuzzProject.created { try? FileManager.default.removeItem(atPath: root) }
      }
    }
    created.append(root)
  }
}

extension Array where Element == UInt8 {
  /// The fuzzer's input; libFuzzer may pass a null pointer with size 0.
  init(fuzzInput data: UnsafePointer<UInt8>?, _ size: Int) {
    self = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
  }
}
