import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintSchema
import SoclintYAML
import Testing

/// The json format: CLI.md's shape, valid against Schemas/findings.schema.json, hand-written
/// JSON that Foundation and Python read.
@Suite struct ReporterJSONTests {
  static let schemaURL = ReporterFixture.packageRoot.appendingPathComponent("Schemas/findings.schema.json")

  @Test(.enabled(if: Python.enabled, Python.reason)) func validatesAgainstFindingsSchemaWithPythonJSONSchema()
    async throws
  {
    let json = ReporterFixture.render(JSONReporter())
    let errors = try await ReporterFixture.pythonValidate(json, schema: Self.schemaURL)
    #expect(errors == "", "\(errors)")
  }

  /// The schema rejects what the format never writes, so that it documents the shape.
  @Test(.enabled(if: Python.enabled, Python.reason)) func findingsSchemaRejectsWrongShapes() async throws {
    let json = ReporterFixture.render(JSONReporter())
    let noFingerprint = json.replacingOccurrences(of: "\"fingerprint\"", with: "\"fingerprints\"")
    #expect(try await ReporterFixture.pythonValidate(noFingerprint, schema: Self.schemaURL) != "")
    let halfNullNote = json.replacingOccurrences(of: "\"line\": null", with: "\"line\": 3")
    #expect(halfNullNote != json)
    #expect(try await ReporterFixture.pythonValidate(halfNullNote, schema: Self.schemaURL) != "")
  }

  /// soclint's own validator compiles the embedded copy (`soclint schema findings`) and accepts
  /// the report too.
  @Test func embeddedSchemaCompilesAndAcceptsTheReport() throws {
    let text = try #require(EmbeddedSchemas.all["findings"])
    let onDisk = try String(contentsOf: Self.schemaURL, encoding: .utf8)
    #expect(text + "\n" == onDisk)
    let validator = try JSONSchemaValidator(json: text)
    let json = ReporterFixture.render(JSONReporter())
    let loaded = YAMLLoader().load(Array(json.utf8))
    let root = try #require(loaded.documents.first?.root)
    #expect(validator.validate(root).isEmpty)
  }

  @Test func hasCLIShape() throws {
    let result = ReporterFixture.result
    let json = ReporterFixture.render(JSONReporter())
    let object = try ReporterFixture.parse(json)
    #expect(object["version"] as? Int == 1)
    let tool = try #require(object["tool"] as? [String: Any])
    #expect(tool["name"] as? String == "soclint")
    #expect(tool["version"] as? String == ReportContext.toolVersion)
    #expect(object["asOf"] as? String == "2026-11-20")
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary["errors"] == result.count(.error))
    #expect(summary["warnings"] == result.count(.warning))
    #expect(summary["infos"] == result.count(.info))
    #expect(summary["files"] == result.project.counts.files)
    #expect(summary["controls"] == result.project.counts.controls)
    #expect(result.count(.error) > 0 && result.count(.warning) > 0 && result.count(.info) > 0)

    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.count == result.findings.count)
    for (f, o) in zip(result.findings, findings) {
      #expect(o["rule"] as? String == f.rule.rawValue)
      #expect(o["severity"] as? String == f.severity.rawValue)
      #expect(o["message"] as? String == f.message)
      #expect(o["path"] as? String == f.range.path)
      #expect(o["line"] as? Int == f.range.line)
      #expect(o["column"] as? Int == f.range.column)
      #expect(o["endLine"] as? Int == f.range.endLine)
      #expect(o["endColumn"] as? Int == f.range.endColumn)
      #expect(o["pointer"] as? String == f.pointer)
      #expect(o["help"] as? [String] == f.help)
      #expect(o["fingerprint"] as? String == f.fingerprint)
      let notes = try #require(o["notes"] as? [[String: Any]])
      #expect(notes.count == f.notes.count)
      for (n, no) in zip(f.notes, notes) {
        #expect(no["message"] as? String == n.message)
        if let r = n.range {
          #expect(no["path"] as? String == r.path)
          #expect(no["line"] as? Int == r.line)
          #expect(no["column"] as? Int == r.column)
        } else {
          #expect(no["path"] is NSNull && no["line"] is NSNull && no["column"] is NSNull)
        }
      }
    }
    // The fixture has a note with a place and one without.
    #expect(result.findings.contains { $0.notes.contains { $0.range == nil } })
    #expect(result.findings.contains { $0.notes.contains { $0.range != nil } })
  }

  /// Keys come in CLI.md's order, pretty-printed with two spaces.
  @Test func keysInFixedOrder() async throws {
    let json = ReporterFixture.render(JSONReporter())
    func keys(indent: Int) -> [String] {
      let prefix = String(repeating: " ", count: indent) + "\""
      return json.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix(prefix), !line.dropFirst(indent + 1).hasPrefix(" ") else { return nil }
        return line.dropFirst(prefix.count).split(separator: "\"").first.map(String.init)
      }
    }
    #expect(keys(indent: 2) == ["version", "tool", "asOf", "summary", "findings"])
    #expect(
      Array(keys(indent: 4).prefix(7)) == [
        "name", "version", "errors", "warnings", "infos", "files", "controls",
      ])
    let perFinding = [
      "rule", "severity", "message", "path", "line", "column", "endLine", "endColumn", "pointer", "notes",
      "help",
      "fingerprint",
    ]
    #expect(
      keys(indent: 6)
        == Array(repeating: perFinding, count: ReporterFixture.result.findings.count).flatMap { $0 })
    #expect(json.hasPrefix("{\n  \"version\": 1,\n  \"tool\": {\n    \"name\": \"soclint\",\n"))
    #expect(json.hasSuffix("}\n"))
  }

  @Test func escapesStringsByHand() throws {
    let tricky = "q\"b\\s\n\r\t\u{0}\u{1}\u{1F}\u{7F} é ✓ 😀 /"
    #expect(JSONValue.quoted(tricky) == "\"q\\\"b\\\\s\\n\\r\\t\\u0000\\u0001\\u001f\u{7F} é ✓ 😀 /\"")
    // Foundation reads back exactly what was written.
    let text = JSONValue.object([("s", .string(tricky)), ("n", .null), ("i", .int(-3)), ("b", .bool(true))])
      .rendered()
    let object = try ReporterFixture.parse(text)
    #expect(object["s"] as? String == tricky)
    #expect(object["n"] is NSNull)
    #expect(object["i"] as? Int == -3)
    #expect(object["b"] as? Bool == true)
    #expect(JSONValue.array([]).rendered() == "[]\n")
    #expect(JSONValue.object([]).rendered() == "{}\n")
    #expect(
      JSONValue.object([("a", .array([.int(1), .orNull(nil as Int?)]))]).rendered()
        == "{\n  \"a\": [\n    1,\n    null\n  ]\n}\n")
  }

  @Test(.enabled(if: Python.enabled, Python.reason)) func noFindingsIsAnEmptyList() async throws {
    let json = ReporterFixture.render(JSONReporter(), findings: [])
    let object = try ReporterFixture.parse(json)
    #expect((object["findings"] as? [Any])?.isEmpty == true)
    #expect((object["summary"] as? [String: Int])?["errors"] == 0)
    #expect(try await ReporterFixture.pythonValidate(json, schema: Self.schemaURL) == "")
  }
}
