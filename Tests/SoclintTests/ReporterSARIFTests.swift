import Foundation
import SoclintDiagnostics
import SoclintReporters
import SoclintRules
import Testing

/// The sarif format: valid against the OASIS SARIF 2.1.0 schema (the copy in
/// Tests/Conformance/sarif) and carrying every field the command line promises.
@Suite struct ReporterSARIFTests {
  static let schemaURL = ReporterFixture.sarifSchema

  @Test(.enabled(if: Python.enabled, Python.reason)) func validatesAgainstOASISSchema() async throws {
    #expect(FileManager.default.fileExists(atPath: Self.schemaURL.path), "missing \(Self.schemaURL.path)")
    let sarif = ReporterFixture.render(SARIFReporter())
    let errors = try await ReporterFixture.pythonValidate(sarif, schema: Self.schemaURL)
    #expect(errors == "", "\(errors)")
    let empty = ReporterFixture.render(SARIFReporter(), findings: [])
    let emptyErrors = try await ReporterFixture.pythonValidate(empty, schema: Self.schemaURL)
    #expect(emptyErrors == "", "\(emptyErrors)")
  }

  @Test func logAndRunHaveCLIFields() throws {
    let log = try ReporterFixture.parse(ReporterFixture.render(SARIFReporter()))
    #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
    #expect(log["version"] as? String == "2.1.0")
    let runs = try #require(log["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    let run = runs[0]
    #expect(run["columnKind"] as? String == "unicodeCodePoints")
    let bases = try #require(run["originalUriBaseIds"] as? [String: [String: Any]])
    let root = try #require(bases["%SRCROOT%"])
    // No machine-dependent absolute URI: the base is described, and GitHub resolves relative
    // URIs against the repository root.
    #expect(root["uri"] == nil)
    #expect((root["description"] as? [String: String])?["text"]?.isEmpty == false)
    #expect(run["invocations"] == nil)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "soclint")
    #expect(driver["version"] as? String == ReportContext.toolVersion)
    #expect(driver["informationUri"] as? String == ReportContext.informationURI)
  }

  @Test func rulesListEveryRule() throws {
    let log = try ReporterFixture.parse(ReporterFixture.render(SARIFReporter(), findings: []))
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == Registry.descriptions.map(\.id.rawValue))
    for (rule, d) in zip(rules, Registry.descriptions) {
      let name = try #require(rule["name"] as? String)
      #expect(name.first?.isUppercase == true && !name.contains("-"), "\(name)")
      #expect(name.lowercased() == d.id.rawValue.replacingOccurrences(of: "-", with: ""))
      #expect((rule["shortDescription"] as? [String: String])?["text"] == d.summary)
      let full = try #require((rule["fullDescription"] as? [String: String])?["text"])
      #expect(!full.isEmpty && full.count <= 1024, "GitHub cuts fullDescription at 1024 characters")
      #expect(!full.contains("\n"), "the explanation's hard wraps are joined")
      let help = try #require(rule["help"] as? [String: String])
      #expect(help["text"]?.hasPrefix(full) == true)
      #expect(help["text"]?.contains("soclint explain \(d.id)") == true)
      #expect(help["markdown"]?.contains("soclint explain \(d.id)") == true)
      let level = (rule["defaultConfiguration"] as? [String: String])?["level"]
      #expect(level == ["error": "error", "warning": "warning", "info": "note"][d.severity.rawValue])
    }
    #expect(rules.first { $0["id"] as? String == "yaml-syntax" }?["name"] as? String == "YamlSyntax")
    #expect(rules.first { $0["id"] as? String == "unknown-owner" }?["name"] as? String == "UnknownOwner")
  }

  @Test func resultsCarryEveryField() throws {
    let findings = ReporterFixture.result.findings
    let log = try ReporterFixture.parse(ReporterFixture.render(SARIFReporter()))
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let rules = try #require(
      ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == findings.count)
    for (f, r) in zip(findings, results) {
      #expect(r["ruleId"] as? String == f.rule.rawValue)
      let index = try #require(r["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == f.rule.rawValue)
      #expect(
        r["level"] as? String
          == ["error": "error", "warning": "warning", "info": "note"][f.severity.rawValue])
      let text = try #require((r["message"] as? [String: String])?["text"])
      #expect(text.hasPrefix(f.message))
      for h in f.help { #expect(text.contains("help: \(h)")) }
      for n in f.notes where n.range == nil { #expect(text.contains("note: \(n.message)")) }

      let locations = try #require(r["locations"] as? [[String: Any]])
      #expect(locations.count == 1)
      let physical = try #require(locations[0]["physicalLocation"] as? [String: Any])
      let artifact = try #require(physical["artifactLocation"] as? [String: String])
      #expect(artifact["uri"] == SARIFReporter.uri(f.range.path))
      #expect(artifact["uriBaseId"] == "%SRCROOT%")
      let region = try #require(physical["region"] as? [String: Int])
      #expect(region["startLine"] == f.range.line)
      #expect(region["startColumn"] == f.range.column)
      #expect(region["endLine"] == f.range.endLine)
      let endColumn = try #require(region["endColumn"])
      #expect(
        endColumn == f.range.endColumn
          || (f.range.endColumn == f.range.column && endColumn == f.range.column + 1))

      let placed = f.notes.compactMap { n in n.range.map { (n.message, $0) } }
      let related = r["relatedLocations"] as? [[String: Any]] ?? []
      #expect(related.count == placed.count)
      for (i, (rel, note)) in zip(related, placed).enumerated() {
        #expect(rel["id"] as? Int == i + 1)
        #expect((rel["message"] as? [String: String])?["text"] == note.0)
        let p = try #require(rel["physicalLocation"] as? [String: Any])
        #expect((p["artifactLocation"] as? [String: String])?["uri"] == SARIFReporter.uri(note.1.path))
        #expect((p["region"] as? [String: Int])?["startLine"] == note.1.line)
      }
      #expect((r["partialFingerprints"] as? [String: String]) == ["soclint/v1": f.fingerprint])
    }
    // The fixture's duplicate-id has a note with a place, so relatedLocations is exercised.
    #expect(results.contains { $0["relatedLocations"] != nil })
  }

  @Test func pathsArePercentEncodedURIs() throws {
    #expect(SARIFReporter.uri("Controls/access/AC-01.yaml") == "Controls/access/AC-01.yaml")
    #expect(SARIFReporter.uri("Controls/my control.yaml") == "Controls/my%20control.yaml")
    #expect(SARIFReporter.uri("a:b/100%#?[x].yaml") == "a%3Ab/100%25%23%3F%5Bx%5D.yaml")
    #expect(SARIFReporter.uri("Contrôles/ü.yaml") == "Contr%C3%B4les/%C3%BC.yaml")
    #expect(SARIFReporter.uri("a/b~c_d-e.f!$&'()*+,;=@") == "a/b~c_d-e.f!$&'()*+,;=@")
    let sarif = ReporterFixture.render(SARIFReporter())
    #expect(sarif.contains("\"uri\": \"Controls/my%20control.yaml\""))
  }
}
