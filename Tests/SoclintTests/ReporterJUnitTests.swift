import Foundation
import SoclintDiagnostics
import SoclintReporters
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The junit format: well-formed XML (parsed with Foundation's XMLDocument), a testsuite per
/// file, a testcase per document, a failure per error finding.
@Suite struct ReporterJUnitTests {
  static func parse(_ xml: String) throws -> XMLElement {
    let document = try XMLDocument(data: Data(xml.utf8), options: [])
    return try #require(document.rootElement())
  }

  static func attribute(_ e: XMLElement, _ name: String) -> String? {
    e.attribute(forName: name)?.stringValue
  }

  static func elements(_ e: XMLElement, _ name: String) -> [XMLElement] {
    e.elements(forName: name)
  }

  /// A policy is a testcase of its own, and its error findings are its failures.
  @Test func aPolicyIsATestcase() throws {
    let result = try Support.lint(Support.fixtures.appendingPathComponent("coverage-policies"))
    let xml = JUnitReporter().render(
      result, findings: result.findings, context: ReportContext(result: result))
    let suite = try #require(
      Self.elements(try Self.parse(xml), "testsuite").first {
        Self.attribute($0, "name") == "Controls/policies/incident.yaml"
      })
    let cases = Self.elements(suite, "testcase")
    #expect(cases.map { Self.attribute($0, "name") } == ["policy POL-INCIDENT"])
    // self-approved-policy and stale-policy, both errors.
    #expect(cases.first.map { Self.elements($0, "failure").count } == 2)
  }

  @Test func wellFormedWithASuitePerFile() throws {
    let result = ReporterFixture.result
    let xml = ReporterFixture.render(JUnitReporter())
    #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"soclint\" "))
    let root = try Self.parse(xml)
    #expect(root.name == "testsuites")
    let suites = Self.elements(root, "testsuite")
    let paths = result.project.files.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    #expect(suites.map { Self.attribute($0, "name") } == paths)

    var tests = 0
    var failed = 0
    for suite in suites {
      let cases = Self.elements(suite, "testcase")
      let failing = cases.filter { !Self.elements($0, "failure").isEmpty }.count
      #expect(!cases.isEmpty)
      #expect(Self.attribute(suite, "tests") == String(cases.count))
      #expect(Self.attribute(suite, "failures") == String(failing))
      #expect(cases.allSatisfy { Self.attribute($0, "classname") == Self.attribute(suite, "name") })
      tests += cases.count
      failed += failing
    }
    #expect(Self.attribute(root, "tests") == String(tests))
    #expect(Self.attribute(root, "failures") == String(failed))
    #expect(Self.attribute(root, "errors") == "0")
  }

  @Test func testcasesPerDocumentAndFindingsInThem() throws {
    let result = ReporterFixture.result
    let root = try Self.parse(ReporterFixture.render(JUnitReporter()))
    var casesByFile: [String: [String]] = [:]
    var failuresByCase: [String: [String]] = [:]
    var outputByCase: [String: String] = [:]
    for suite in Self.elements(root, "testsuite") {
      let path = Self.attribute(suite, "name") ?? ""
      for testCase in Self.elements(suite, "testcase") {
        let name = Self.attribute(testCase, "name") ?? ""
        casesByFile[path, default: []].append(name)
        let key = "\(path) \(name)"
        for failure in Self.elements(testCase, "failure") {
          failuresByCase[key, default: []].append(Self.attribute(failure, "type") ?? "")
          #expect(failure.stringValue?.contains(": error: ") == true)
          #expect(
            Self.attribute(failure, "message").map { m in result.findings.contains { $0.message == m } }
              == true)
        }
        outputByCase[key] = Self.elements(testCase, "system-out").first?.stringValue
      }
    }
    #expect(casesByFile[".soclint.yaml"] == ["file"])
    #expect(casesByFile["Controls/owners.yaml"] == ["owners"])
    #expect(casesByFile["Controls/soc1.yaml"] == ["catalog soc1"])
    #expect(casesByFile["Controls/access/AC-01.yaml"] == ["control AC-01"])
    #expect(casesByFile["Controls/broken.yaml"] == ["file"])
    #expect(failuresByCase["Controls/access/AC-01.yaml control AC-01"] == ["duplicate-id", "unknown-owner"])
    #expect(failuresByCase["Controls/broken.yaml file"] == ["yaml-syntax"])
    // One failure per error finding, no more.
    #expect(failuresByCase.values.map(\.count).reduce(0, +) == result.count(.error))
    // Warnings and infos are output, not failures.
    #expect(
      outputByCase["Controls/access/AC-01.yaml control AC-01"]?.contains("info: evidence 'review-ticket'")
        == true)
    #expect(
      outputByCase["Controls/my control.yaml control AC-03"]?.contains(
        "warning: control AC-03 has no last_reviewed") == true)
    #expect(outputByCase["Controls/owners.yaml owners"]?.contains("[placeholder-text]") == true)
  }

  @Test func escapesAndDropsCharactersXMLCannotHold() throws {
    let message = "a & b < c > d \" e ' f \u{1} g \u{FFFF} h \u{1B}[0m i\r\nj ]]> k"
    let finding = Finding(
      rule: .unknownField, severity: .error, message: message,
      range: SourceRange(path: "Controls/owners.yaml", line: 1, column: 1, endLine: 1, endColumn: 5))
    let xml = ReporterFixture.render(JUnitReporter(), findings: [finding])
    #expect(!xml.contains("]]>"))
    let root = try Self.parse(xml)
    let failure = try #require(
      Self.elements(root, "testsuite").flatMap { Self.elements($0, "testcase") }.flatMap {
        Self.elements($0, "failure")
      }
      .first)
    let kept = "a & b < c > d \" e ' f  g  h [0m i\r\nj ]]> k"
    #expect(Self.attribute(failure, "message") == kept)
    // The element holds the text rendering, which shows control characters escaped.
    let keptText = "a & b < c > d \" e ' f \\u{1} g  h \\u{1B}[0m i\\u{D}\\u{A}j ]]> k"
    #expect(failure.stringValue?.contains(keptText) == true)
    #expect(XMLEscaping.attribute("\t\n") == "&#9;&#10;")
    #expect(XMLEscaping.text("<'\">&") == "&lt;'\"&gt;&amp;")
  }

  /// Python's parser agrees that the report is well-formed.
  @Test func pythonMinidomParsesIt() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "soclint-junit-\(UUID().uuidString).xml")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(ReporterFixture.render(JUnitReporter()).utf8).write(to: file)
    let out = try ReporterFixture.python([
      "-c",
      "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(len(d.getElementsByTagName('testcase')))",
      file.path,
    ])
    #expect(Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0, "\(out)")
  }
}
