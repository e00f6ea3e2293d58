import Foundation
import SoclintModel
import SoclintReporters
import SoclintRules
import SoclintSchema
import SoclintYAML
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The coverage formats: readiness arithmetic, text width, Markdown escaping, the JSON against
/// its schema, and an HTML page that is well-formed and fetches nothing.
@Suite struct CoverageFormatTests {
  static let projects = ["coverage-every-status", "coverage-soc2", "."]

  static func report(_ name: String) throws -> CoverageReport {
    let root = name == "." ? Support.packageRoot : Support.fixtures.appendingPathComponent(name)
    return try CoverageReport(result: Support.lint(root))
  }

  // MARK: Readiness

  @Test func percentagesRoundHalfUpToOneDecimal() {
    func percent(_ ready: Int, _ inScope: Int) -> String? {
      CoverageReport.Readiness(ready: ready, inScope: inScope).percentText
    }
    #expect(percent(29, 35) == "82.9")
    #expect(percent(35, 35) == "100.0")
    #expect(percent(0, 5) == "0.0")
    #expect(percent(1, 3) == "33.3")
    #expect(percent(2, 3) == "66.7")
    #expect(percent(1, 16) == "6.3")  // 6.25
    #expect(percent(3, 16) == "18.8")  // 18.75
    #expect(percent(1, 80) == "1.3")  // 1.25
    #expect(percent(1, 8) == "12.5")
    #expect(percent(0, 0) == nil)
    // Never 100.0 short of all, never 0.0 above none.
    #expect(percent(1999, 2000) == "99.9")
    #expect(percent(19999, 20000) == "99.9")
    #expect(percent(1, 2001) == "0.1")
    #expect(percent(1, 20000) == "0.1")
    #expect(percent(1999, 1999) == "100.0")
  }

  @Test func thresholdsParseExactly() {
    for good in ["0", "100", "82.9", "100.0", "82.95", "0.000000001", "007"] {
      #expect(CoverageReport.Threshold(good) != nil, "\(good)")
    }
    for bad in ["", "101", "100.01", "-1", "abc", "82.", ".5", "1e2", "82.9000000001", " 82.9", "82,9", "+5"]
    {
      #expect(CoverageReport.Threshold(bad) == nil, "\(bad)")
    }
  }

  /// A readiness equal to the threshold, as printed, passes.
  @Test func thresholdComparesWithThePrintedValue() throws {
    let t = try #require(CoverageReport.Threshold("82.9"))
    #expect(!t.isAbove(829))
    #expect(t.isAbove(828))
    #expect(!t.isAbove(1000))
    #expect(try #require(CoverageReport.Threshold("82.95")).isAbove(829))
    #expect(!(try #require(CoverageReport.Threshold("82.85")).isAbove(829)))
    #expect(!(try #require(CoverageReport.Threshold("100")).isAbove(1000)))
    #expect(!(try #require(CoverageReport.Threshold("0")).isAbove(0)))
  }

  /// The fixture with every status has each of them, so the golden files show them all.
  @Test func everyStatusFixtureHasEveryStatus() throws {
    let report = try Self.report("coverage-every-status")
    let requirementStatuses = Set(report.frameworks.flatMap(\.requirements).map(\.status))
    #expect(requirementStatuses == Set(CoverageReport.RequirementStatus.allCases))
    #expect(Set(report.evidence.map(\.status)) == Set(CoverageReport.EvidenceStatus.allCases))
    #expect(report.evidence.contains { $0.status == .stale && $0.exception != nil })
    #expect(report.evidence.contains { $0.status == .stale && $0.exception == nil })
    #expect(report.frameworks.flatMap(\.requirements).contains { $0.status == .covered && !$0.ready })
    #expect(report.owners.contains { $0.needsHandover })
    #expect(report.comingDue.contains { $0.kind == .review })
    #expect(report.comingDue.contains { $0.daysLeft == 0 })
    let acme = try #require(report.frameworks.first { $0.id == "acme" })
    #expect(acme.readiness == CoverageReport.Readiness(ready: 2, inScope: 7))
    #expect(acme.readiness.percentText == "28.6")
    // The due_soon_days boundary: due exactly 14 days ahead is due soon, 15 days is fresh.
    #expect(report.evidence.first { $0.id == "boundary-due-soon" }?.status == .dueSoon)
    #expect(report.evidence.first { $0.id == "boundary-fresh" }?.status == .fresh)
    #expect(report.evidence.first { $0.id == "due-today" }?.status == .dueSoon)
    #expect(report.evidence.first { $0.id == "future-dated" }?.status == .neverCollected)
    #expect(report.evidence.first { $0.id == "provisioning-monitor" }?.status == .unscheduled)
  }

  // MARK: Text and Markdown

  @Test(arguments: projects)
  func textFitsOneHundredColumns(_ name: String) throws {
    let text = CoverageTextReporter().render(try Self.report(name))
    for line in text.split(separator: "\n") {
      #expect(line.count <= 100, "\(line.count) columns: \(line)")
      #expect(line.allSatisfy(\.isASCII) || name == ".", "\(line)")
    }
  }

  @Test func markdownEscapesUserText() throws {
    let files = Self.hostileProject
    let report = try CoverageReport(result: Support.lint(files))
    let md = CoverageMarkdownReporter().render(report)
    #expect(md.contains("Pipes \\| and \\*stars\\* &lt;b&gt;"))
    #expect(!md.contains("<script"))
    // Every table row has the cells of its header: no stray pipe splits one.
    var columns: Int? = nil
    for line in md.split(separator: "\n") {
      guard line.hasPrefix("|") else {
        columns = nil
        continue
      }
      let unescaped = line.indices.filter { i in
        line[i] == "|" && (i == line.startIndex || line[line.index(before: i)] != "\\")
      }.count
      if let columns { #expect(unescaped == columns, "\(line)") } else { columns = unescaped }
    }
  }

  // MARK: JSON

  @Test(.enabled(if: Python.enabled, Python.reason), arguments: projects)
  func jsonValidatesAgainstItsSchema(_ name: String) async throws {
    let json = CoverageJSONReporter().render(try Self.report(name))
    let errors = try await Self.pythonValidate(json)
    #expect(errors == "", "\(errors)")
    // soclint's own validator reads the embedded copy and accepts the report too.
    let text = try #require(EmbeddedSchemas.all["coverage"])
    let validator = try JSONSchemaValidator(json: text)
    let root = try #require(YAMLLoader().load(Array(json.utf8)).documents.first?.root)
    #expect(validator.validate(root).isEmpty)
  }

  @Test(.enabled(if: Python.enabled, Python.reason)) func jsonSchemaRejectsWhatIsNeverWritten() async throws {
    let json = CoverageJSONReporter().render(try Self.report("coverage-every-status"))
    let badStatus = json.replacingOccurrences(
      of: "\"status\": \"planned-only\"", with: "\"status\": \"planned\"")
    #expect(badStatus != json)
    #expect(try await Self.pythonValidate(badStatus) != "")
    let extraKey = json.replacingOccurrences(
      of: "\"dueSoonDays\": 14,", with: "\"dueSoonDays\": 14, \"x\": 1,")
    #expect(extraKey != json)
    #expect(try await Self.pythonValidate(extraKey) != "")
  }

  @Test func jsonIsReadByFoundationWithCLIShape() throws {
    let json = CoverageJSONReporter().render(try Self.report("coverage-every-status"))
    let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(
      Array(object.keys).sorted() == [
        "asOf", "comingDue", "dueSoonDays", "evidence", "frameworks", "owners", "policies", "tool", "version",
      ])
    let frameworks = try #require(object["frameworks"] as? [[String: Any]])
    let readiness = try #require(frameworks.first?["readiness"] as? [String: Any])
    #expect((readiness["percent"] as? NSNumber)?.doubleValue == 28.6)
    let requirement = try #require((frameworks.first?["requirements"] as? [[String: Any]])?.first)
    for key in ["id", "title", "category", "status", "controls", "plannedControls", "reason"] {
      #expect(requirement[key] != nil, "\(key)")
    }
    let evidence = try #require((object["evidence"] as? [[String: Any]])?.first)
    for key in ["control", "id", "status", "collected", "due", "exception"] {
      #expect(evidence[key] != nil, "\(key)")
    }
  }

  // MARK: HTML

  @Test(arguments: projects)
  func htmlIsWellFormedAndSelfContained(_ name: String) throws {
    let report = try Self.report(name)
    let html = CoverageHTMLReporter().render(report)
    try Self.expectWellFormed(html)
    try Self.expectSelfContained(html)
    // Every criterion is a tile with its status written out.
    let tiles = html.components(separatedBy: "<td class=\"tile ").dropFirst()
    #expect(tiles.count == report.frameworks.reduce(0) { $0 + $1.requirements.count })
    for tile in tiles {
      #expect(tile.contains("<span class=\"tile-status\">"), "\(tile.prefix(120))")
    }
    for f in report.frameworks {
      for r in f.requirements { #expect(html.contains(">\(r.id)</span>"), "\(r.id)") }
    }
    #expect(html.contains("@media print"))
  }

  @Test func htmlEscapesUserText() throws {
    let report = try CoverageReport(result: Support.lint(Self.hostileProject))
    let html = CoverageHTMLReporter().render(report)
    try Self.expectWellFormed(html)
    #expect(!html.contains("<script"))
    #expect(!html.contains("<b>"))
    #expect(html.contains("&lt;script&gt;"))
  }

  /// No reference to anything outside the page: no URL at all (not even a namespace), no
  /// element or CSS construct that loads something.
  static func expectSelfContained(_ html: String) throws {
    let lower = html.lowercased()
    for forbidden in [
      "://", "//cdn", "src=", "href=", "url(", "@import", "@font-face", "<script", "<link", "<img", "<iframe",
      "<object", "<embed", "<svg", "<base", "xmlns", "srcset", "http",
    ] {
      #expect(!lower.contains(forbidden), "the page holds '\(forbidden)'")
    }
  }

  static func expectWellFormed(_ html: String) throws {
    #if canImport(FoundationXML) || canImport(Darwin)
      let parser = XMLParser(data: Data(html.utf8))
      let ok = parser.parse()
      #expect(ok, "not well-formed: \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
    #else
      let errors = try Self.python(
        ["-c", "import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())"],
        input: html)
      #expect(errors == "")
    #endif
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<meta charset=\"utf-8\"/>"))
  }

  // MARK: Helpers

  /// A project whose titles, reasons and owner names hold Markdown and HTML.
  static let hostileProject: [(path: String, text: String)] = [
    (
      ".soclint.yaml",
      """
      version: 1
      frameworks:
        soc1:
          exclusions:
            - requirement: CO-2
              reason: "Done by <script>alert(1)</script> & co | see *notes*"
      as_of: 2026-11-20

      """
    ),
    (
      "Controls/owners.yaml",
      """
      kind: owners
      owners:
        - id: alice
          name: "Alice <b>Chen</b> & Sons"
          email: alice@example.com

      """
    ),
    (
      "Controls/soc1.yaml",
      """
      kind: catalog
      framework: soc1
      title: "Objectives | with *stars* and <i>tags</i>"
      requirements:
        - id: CO-1
          title: "Pipes | and *stars* <b>"
        - id: CO-2
          title: "Excluded `code` [link](#x)"

      """
    ),
    (
      "Controls/AC-01.yaml",
      """
      kind: control
      id: AC-01
      title: Quarterly user access review
      description: Security reviews every production account against the HR roster each quarter.
      owner: alice
      frequency: quarterly
      criteria:
        soc1: [CO-1]
      evidence:
        - id: review-ticket
          description: Signed-off access review ticket with the accounts removed
          type: ticket
          source: Jira project SEC
          frequency: quarterly
          last_collected: 2026-09-30
      last_reviewed: 2026-06-15

      """
    ),
  ]

  static let schemaURL = Support.packageRoot.appendingPathComponent("Schemas/coverage.schema.json")

  /// Validates JSON against Schemas/coverage.schema.json with Python's jsonschema; returns the
  /// errors, one a line, or "".
  static func pythonValidate(_ json: String) async throws -> String {
    try await Support.offPool { try pythonValidateBlocking(json) }
  }

  static func pythonValidateBlocking(_ json: String) throws -> String {
    let script = """
      import json, sys
      from jsonschema import validators
      schema = json.load(open(sys.argv[1], encoding="utf-8"))
      instance = json.loads(sys.stdin.read())
      cls = validators.validator_for(schema)
      cls.check_schema(schema)
      for error in sorted(cls(schema).iter_errors(instance), key=str):
          print(error.json_path, error.message)
      """
    return try python(["-c", script, schemaURL.path], input: json)
  }

  static func python(_ arguments: [String], input: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let stdin = Pipe()
    let output = Pipe()
    process.standardInput = stdin
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let writer = Thread {
      stdin.fileHandleForWriting.write(Data(input.utf8))
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 && text.isEmpty {
      return "python3 exited with \(process.terminationStatus)"
    }
    return text
  }
}
