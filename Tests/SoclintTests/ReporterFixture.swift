import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules

/// A small project with a finding of every severity, notes with and without a place, a YAML
/// syntax error, an owners list, a catalog and a file name that needs percent-encoding; linted
/// once and shared by the reporter tests.
enum ReporterFixture {
  static let files: [(path: String, text: String)] = [
    (".soclint.yaml", Example.baseConfiguration),
    // placeholder-text (warning) in an owner's name.
    (
      "Controls/owners.yaml",
      Example.baseOwners + "  - id: carol\n    name: TBD\n    email: carol@example.com\n"
    ),
    ("Controls/soc1.yaml", Example.baseCatalog),
    // unknown-owner (error, with help) and evidence-due-soon (info).
    (
      "Controls/access/AC-01.yaml",
      Example.goodControl.replacingOccurrences(of: "owner: alice", with: "owner: alcie")
        .replacingOccurrences(of: "last_collected: 2026-09-30", with: "last_collected: 2026-08-25")
    ),
    // duplicate-id (error, with a note at the first declaration).
    ("Controls/access/AC-01-copy.yaml", Example.goodControl),
    // missing-review (warning), in a file whose name holds a space.
    (
      "Controls/my control.yaml",
      Example.goodControl.replacingOccurrences(of: "id: AC-01", with: "id: AC-03")
        .replacingOccurrences(of: "last_reviewed: 2026-06-15\n", with: "")
    ),
    // unknown-field (error, with a note about no place: the coverage check it skipped).
    (
      "Controls/colour.yaml",
      Example.goodControl.replacingOccurrences(of: "id: AC-01", with: "id: AC-04") + "colour: red\n"
    ),
    // yaml-syntax (error) in no document.
    ("Controls/broken.yaml", "kind: control\nid: [AC-05\n"),
  ]

  struct Linted: Sendable {
    let result: LintResult
    let context: ReportContext
    let root: URL
  }

  /// The project, written to a temporary folder and linted once for all tests.
  static let linted: Linted = lint()

  /// Writes the project to a new temporary folder and lints it.
  static func lint() -> Linted {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "soclint-reporters-\(UUID().uuidString)")
    for file in files {
      let url = root.appendingPathComponent(file.path)
      try! FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try! Data(file.text.utf8).write(to: url)
    }
    let options = ProjectLoader.Options(configPath: root.appendingPathComponent(".soclint.yaml").path)
    let project = try! ProjectLoader.standard().load(options)
    let result = Linter().lint(project, asOf: nil, today: Day(year: 2026, month: 11, day: 20))
    return Linted(result: result, context: ReportContext(result: result), root: root)
  }

  static var result: LintResult { linted.result }
  static var context: ReportContext { linted.context }

  static func render(_ reporter: any Reporter, findings: [Finding]? = nil) -> String {
    reporter.render(result, findings: findings ?? result.findings, context: context)
  }

  /// The OASIS SARIF 2.1.0 schema, vendored in Tests/Conformance.
  static let sarifSchema = Support.conformance.appendingPathComponent("sarif/sarif-schema-2.1.0.json")

  static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Validates a JSON text against a JSON Schema file with Python's jsonschema (the validator
  /// class the schema's `$schema` names). Returns the errors, one a line; empty when valid.
  static func pythonValidate(_ json: String, schema: URL) async throws -> String {
    try await Support.offPool { try pythonValidateBlocking(json, schema: schema) }
  }

  static func pythonValidateBlocking(_ json: String, schema: URL) throws -> String {
    let instance = FileManager.default.temporaryDirectory.appendingPathComponent(
      "soclint-instance-\(UUID().uuidString).json")
    try Data(json.utf8).write(to: instance)
    defer { try? FileManager.default.removeItem(at: instance) }
    let script = """
      import json, sys
      from jsonschema import validators
      schema = json.load(open(sys.argv[1], encoding="utf-8"))
      instance = json.load(open(sys.argv[2], encoding="utf-8"))
      cls = validators.validator_for(schema)
      cls.check_schema(schema)
      for error in sorted(cls(schema).iter_errors(instance), key=str):
          print(error.json_path, error.message)
      """
    return try python(["-c", script, schema.path, instance.path])
  }

  /// Runs python3 and returns its standard output and error; a failure to start it throws.
  static func python(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 && output.isEmpty {
      return "python3 exited with \(process.terminationStatus)"
    }
    return output
  }

  /// Parses JSON text with Foundation.
  static func parse(_ json: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
  }
}
