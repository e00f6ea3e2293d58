import Foundation
import SoclintRules
import Testing

/// Every fixture repository (and every rule's failing example) through the real binary: its
/// SARIF validates against the OASIS schema and its JSON against Schemas/findings.schema.json.
/// The reports are made in parallel and validated by one Python process, since starting Python
/// and jsonschema costs more than validating a report.
@Suite(.enabled(if: Python.enabled, Python.reason)) struct ReporterEveryFixtureTests {
  static let sarifSchema = ReporterFixture.sarifSchema
  static let findingsSchema = Support.packageRoot.appendingPathComponent("Schemas/findings.schema.json")

  /// One report to validate: what it is of, its schema and its text.
  struct Report: Sendable {
    let label: String
    let schema: URL
    let text: String
  }

  @Test func everyReportValidates() async throws {
    var projects: [(label: String, dir: URL)] = GoldenTests.fixtureNames.map {
      ($0, Support.fixtures.appendingPathComponent($0))
    }
    var made: [URL] = []
    defer { for dir in made { try? FileManager.default.removeItem(at: dir) } }
    for id in GoldenTests.ruleIDs {
      let example = try #require(SoclintRulesExamples.failing(id))
      let root = try Support.write(example)
      made.append(root)
      projects.append(("rule \(id)", root))
    }
    let reports = try await withThrowingTaskGroup(of: [Report].self) { group in
      for project in projects {
        group.addTask { try await Self.reports(of: project.dir, label: project.label) }
      }
      var all: [Report] = []
      for try await some in group { all += some }
      return all
    }
    #expect(reports.count == 2 * projects.count)
    for report in reports { #expect(!report.text.isEmpty, "\(report.label): no report") }
    let errors = try await Self.validate(reports)
    #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
  }

  static func reports(of dir: URL, label: String) async throws -> [Report] {
    let sarif = try await Support.run(["lint", "--format", "sarif", "--quiet"], in: dir)
    let json = try await Support.run(["lint", "--format", "json", "--quiet"], in: dir)
    return [
      Report(label: "\(label): SARIF", schema: sarifSchema, text: sarif.stdout),
      Report(label: "\(label): JSON", schema: findingsSchema, text: json.stdout),
    ]
  }

  /// Validates every report with Python's jsonschema, in one process; the errors, each with
  /// the report's label.
  static func validate(_ reports: [Report]) async throws -> [String] {
    let dir = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    var list: [[String: String]] = []
    for (i, report) in reports.enumerated() {
      let file = dir.appendingPathComponent("\(i).json")
      try Data(report.text.utf8).write(to: file)
      list.append(["label": report.label, "schema": report.schema.path, "instance": file.path])
    }
    let listFile = dir.appendingPathComponent("list.json")
    try JSONSerialization.data(withJSONObject: list).write(to: listFile)
    let script = """
      import json, sys
      from jsonschema import validators
      validators_by_schema = {}
      for case in json.load(open(sys.argv[1], encoding="utf-8")):
          path = case["schema"]
          if path not in validators_by_schema:
              schema = json.load(open(path, encoding="utf-8"))
              cls = validators.validator_for(schema)
              cls.check_schema(schema)
              validators_by_schema[path] = cls(schema)
          instance = json.load(open(case["instance"], encoding="utf-8"))
          for error in sorted(validators_by_schema[path].iter_errors(instance), key=str):
              print(case["label"] + ":", error.json_path, error.message)
      """
    let output = try await Support.offPool { try ReporterFixture.python(["-c", script, listFile.path]) }
    return output.split(separator: "\n").map(String.init)
  }
}

/// A rule's first failing example as project files.
enum SoclintRulesExamples {
  static func failing(_ id: String) -> [(path: String, text: String)]? {
    Registry.description(of: id)?.failing.first?.project
  }
}
