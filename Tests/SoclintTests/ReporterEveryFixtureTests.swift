import Foundation
import SoclintRules
import Testing

/// Every fixture repository (and every rule's failing example) through the real binary: its
/// SARIF validates against the OASIS schema and its JSON against Schemas/findings.schema.json.
@Suite(.enabled(if: Python.enabled, Python.reason)) struct ReporterEveryFixtureTests {
  static let sarifSchema = ReporterFixture.sarifSchema
  static let findingsSchema = Support.packageRoot.appendingPathComponent("Schemas/findings.schema.json")

  @Test(arguments: GoldenTests.fixtureNames)
  func fixtureOutputValidates(_ name: String) throws {
    let dir = Support.fixtures.appendingPathComponent(name)
    try Self.check(in: dir, label: name)
  }

  @Test func ruleExamplesValidate() throws {
    for id in GoldenTests.ruleIDs {
      let example = try #require(SoclintRulesExamples.failing(id))
      let root = try Support.write(example)
      defer { try? FileManager.default.removeItem(at: root) }
      try Self.check(in: root, label: id)
    }
  }

  static func check(in dir: URL, label: String) throws {
    let sarif = try Support.run(["lint", "--format", "sarif", "--quiet"], in: dir)
    let json = try Support.run(["lint", "--format", "json", "--quiet"], in: dir)
    #expect(!sarif.stdout.isEmpty && !json.stdout.isEmpty, "\(label): no report")
    #expect(try ReporterFixture.pythonValidate(sarif.stdout, schema: sarifSchema) == "", "\(label): SARIF")
    #expect(try ReporterFixture.pythonValidate(json.stdout, schema: findingsSchema) == "", "\(label): JSON")
  }
}

/// A rule's first failing example as project files.
enum SoclintRulesExamples {
  static func failing(_ id: String) -> [(path: String, text: String)]? {
    Registry.description(of: id)?.failing.first?.project
  }
}
