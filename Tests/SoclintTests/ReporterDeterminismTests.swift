import Foundation
import SoclintDiagnostics
import SoclintReporters
import Testing

/// What holds for every machine format: the findings in the same order everywhere, the same
/// bytes for the same findings wherever the project lies, and no absolute path.
@Suite struct ReporterDeterminismTests {
  static let reporters: [(name: String, reporter: any Reporter)] = [
    ("json", JSONReporter()), ("sarif", SARIFReporter()), ("github", GitHubReporter()),
    ("junit", JUnitReporter()),
  ]

  @Test func findingsInTheSameOrderInEveryFormat() throws {
    let findings = ReporterFixture.result.findings
    let expected = findings.map { "\($0.rule) \($0.range.path):\($0.range.line)" }

    let json = try ReporterFixture.parse(ReporterFixture.render(JSONReporter()))
    let fromJSON = (json["findings"] as? [[String: Any]] ?? []).map {
      "\($0["rule"] as? String ?? "") \($0["path"] as? String ?? ""):\($0["line"] as? Int ?? 0)"
    }
    #expect(fromJSON == expected)

    let sarif = try ReporterFixture.parse(ReporterFixture.render(SARIFReporter()))
    let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
    let fromSARIF = results.map { r -> String in
      let location = (r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
      let uri = (location?["artifactLocation"] as? [String: String])?["uri"]?.removingPercentEncoding ?? ""
      let line = (location?["region"] as? [String: Int])?["startLine"] ?? 0
      return "\(r["ruleId"] as? String ?? "") \(uri):\(line)"
    }
    #expect(fromSARIF == expected)

    let github = ReporterFixture.render(GitHubReporter()).split(separator: "\n").filter { $0.hasPrefix("::") }
    let fromGitHub = github.map { line -> String in
      let properties = line.split(separator: " ", maxSplits: 1)[1].components(separatedBy: "::")[0]
      var values: [String: String] = [:]
      for p in properties.split(separator: ",") {
        let kv = p.split(separator: "=", maxSplits: 1)
        values[String(kv[0])] = String(kv[1])
      }
      return
        "\(values["title"] ?? "") \(values["file"]?.removingPercentEncoding ?? ""):\(values["line"] ?? "")"
    }
    #expect(fromGitHub == expected)

    // JUnit groups by file (in path order, as the findings are) and then by document; in the
    // fixture each file's failures lie in one testcase, so they keep the findings' order.
    let junit = ReporterFixture.render(JUnitReporter())
    let types = junit.split(separator: "\n").compactMap { line -> String? in
      guard let r = line.range(of: "<failure message=") else { return nil }
      return line[r.upperBound...].components(separatedBy: "type=\"").last?.components(separatedBy: "\"")
        .first
    }
    #expect(types == findings.filter { $0.severity == .error }.map(\.rule.rawValue))
  }

  @Test(arguments: reporters.map(\.name))
  func sameBytesWhereverTheProjectLies(_ name: String) throws {
    let reporter = try #require(Self.reporters.first { $0.name == name }).reporter
    let first = ReporterFixture.linted
    let second = ReporterFixture.lint()
    defer { try? FileManager.default.removeItem(at: second.root) }
    #expect(first.root != second.root)
    let a = reporter.render(first.result, findings: first.result.findings, context: first.context)
    let b = reporter.render(second.result, findings: second.result.findings, context: second.context)
    #expect(a == b)
    #expect(a == reporter.render(first.result, findings: first.result.findings, context: first.context))
    #expect(!a.contains(first.result.project.root))
    #expect(!a.contains(FileManager.default.temporaryDirectory.path))
  }
}
