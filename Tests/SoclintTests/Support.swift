import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules
import Testing

/// Paths and helpers the tests share.
enum Support {
  /// The package root, from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

  /// Reference data written outside the project (the JSON Schema Test Suite, the SARIF schema),
  /// vendored with their licences.
  static let conformance = packageRoot.appendingPathComponent("Tests/Conformance")

  /// The examples' as-of date is pinned in their configuration; this only matters when it is not.
  static let today = Day(year: 2026, month: 11, day: 20)

  /// A new empty folder under the system's temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "soclint-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes files (project-relative path, text) into a new folder.
  static func write(_ files: [(path: String, text: String)]) throws -> URL {
    let root = try temporaryFolder()
    for file in files {
      let url = root.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(file.text.utf8).write(to: url)
    }
    return root
  }

  static let loader: ProjectLoader = try! ProjectLoader.standard()

  /// The example and every fixture that is a project (has a configuration).
  static func projectRoots() throws -> [URL] {
    try [packageRoot.appendingPathComponent("Controls")]
      + FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)
      .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent(".soclint.yaml").path) }
  }

  /// Lints a project folder in process.
  static func lint(_ root: URL, jobs: Int = 2) throws -> LintResult {
    var options = ProjectLoader.Options(configPath: root.appendingPathComponent(".soclint.yaml").path)
    options.jobs = jobs
    let project = try loader.load(options)
    return Linter(jobs: jobs).lint(project, asOf: nil, today: today)
  }

  /// Writes an example into a new folder; with a history, the folder is a git repository with
  /// one commit per entry, dated as it says (committer and author date, at noon UTC).
  static func write(_ example: Example) throws -> URL {
    guard !example.history.isEmpty else { return try write(example.project) }
    let root = try temporaryFolder()
    try git(["init", "-q"], in: root)
    for (i, commit) in example.history.enumerated() {
      for file in example.project(at: commit) {
        let url = root.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.text.utf8).write(to: url)
      }
      try git(["add", "-A"], in: root)
      let date = "\(commit.day)T12:00:00Z"
      let email = commit.author.lowercased().split(separator: " ").joined(separator: ".") + "@example.com"
      try git(
        [
          "-c", "user.name=\(commit.author)", "-c", "user.email=\(email)", "commit", "-q", "-m",
          "commit \(i + 1)",
        ],
        in: root, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
    }
    return root
  }

  /// Lints an example written to a temporary project (a git repository when it has a
  /// history), then removes it.
  static func lint(_ example: Example) throws -> LintResult {
    let root = try write(example)
    defer { try? FileManager.default.removeItem(at: root) }
    return try lint(root)
  }

  /// Lints files written to a temporary project, then removes it.
  static func lint(_ files: [(path: String, text: String)]) throws -> LintResult {
    let root = try write(files)
    defer { try? FileManager.default.removeItem(at: root) }
    return try lint(root)
  }

  /// The soclint binary built beside the test bundle.
  static var binary: URL {
    let bundle = Bundle.main.bundleURL
    for dir in [bundle, bundle.deletingLastPathComponent()] {
      let candidate = dir.appendingPathComponent("soclint")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return packageRoot.appendingPathComponent(".build/debug/soclint")
  }

  struct Run: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// Runs the soclint binary in a folder. The wait happens on a thread of its own, not on the
  /// test pool's: on two cores the pool has two threads, and a test blocked on a child process
  /// would hold up every in-process test behind it.
  static func run(
    _ arguments: [String], in directory: URL, stdin: Data? = nil, environment: [String: String] = [:]
  ) async throws -> Run {
    try await offPool { try runBlocking(arguments, in: directory, stdin: stdin, environment: environment) }
  }

  /// Runs blocking work (a child process, a wait) on a new thread and resumes when it is done.
  static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
      }
    }
  }

  static func runBlocking(
    _ arguments: [String], in directory: URL, stdin: Data? = nil, environment: [String: String] = [:]
  ) throws -> Run {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env.removeValue(forKey: "GITHUB_STEP_SUMMARY")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting, so a large output cannot block the child.
    let group = DispatchGroup()
    let errBox = DataBox()
    group.enter()
    DispatchQueue.global().async {
      errBox.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// Written by one reader thread, read after the group is waited on.
final class DataBox: @unchecked Sendable {
  var data = Data()
}

/// Python's `jsonschema`, an independent validator some tests compare soclint with. A developer
/// without it gets those tests skipped with the reason; CI installs it and sets
/// SOCLINT_REQUIRE_PYTHON=1, which runs them whatever, so a missing module fails there.
enum Python {
  static let required = ProcessInfo.processInfo.environment["SOCLINT_REQUIRE_PYTHON"] == "1"

  static let hasJSONSchema: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import jsonschema"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  static var enabled: Bool { required || hasJSONSchema }

  /// Whether python3 can import every module named.
  static func has(_ modules: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import \(modules)"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  /// The export read-back tests: icalendar and compliance-trestle, from PyPI.
  static let hasExportReaders = required || has("icalendar, trestle.oscal.component")

  /// Runs a script of Tests/Python with arguments and decodes what it prints as JSON.
  static func json(_ script: String, _ arguments: [String]) throws -> Any {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", Support.packageRoot.appendingPathComponent("Tests/Python/\(script)").path] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    struct ScriptFailed: Error, CustomStringConvertible { let description: String }
    guard process.terminationStatus == 0 else { throw ScriptFailed(description: message) }
    return try JSONSerialization.jsonObject(with: data)
  }

  static let reason: Comment =
    "needs python3 with jsonschema (pip install jsonschema); .ci/run installs it and requires these tests"
}

extension Support {
  /// Runs git in `directory` with a fixed identity (which `-c user.name=...` in `arguments` may
  /// replace); `date` (YYYY-MM-DD) dates a commit, as author and committer. A failure throws.
  static func git(
    _ arguments: [String], in directory: URL, date: String? = nil, environment: [String: String] = [:]
  ) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.email=t@example.com", "-c", "user.name=T"] + arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    if let date {
      env["GIT_AUTHOR_DATE"] = "\(date)T12:00:00Z"
      env["GIT_COMMITTER_DATE"] = "\(date)T12:00:00Z"
    }
    for (k, v) in environment { env[k] = v }
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    struct GitFailed: Error {}
    if process.terminationStatus != 0 { throw GitFailed() }
  }
}
