import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules
import Testing

/// The github format: workflow commands escaped as @actions/core escapes them, the text of every
/// finding after them, and the job summary appended only by its own call.
@Suite struct ReporterGitHubTests {
  @Test func escapesMessageAndProperties() {
    let finding = Finding(
      rule: .unknownOwner, severity: .warning, message: "100% sure: a, b\r\nc",
      range: SourceRange(path: "Controls/a,b:c.yaml", line: 3, column: 5, endLine: 3, endColumn: 9),
      help: ["say: yes, 100%"])
    let out = ReporterFixture.render(GitHubReporter(), findings: [finding])
    let expected =
      "::warning file=Controls/a%2Cb%3Ac.yaml,line=3,col=5,endLine=3,endColumn=9,title=unknown-owner"
      // A line break inside the message shows escaped, as in the text output; the only real
      // break is the one before the help.
      + "::100%25 sure: a, b\\u{D}\\u{A}c%0Ahelp: say: yes, 100%25\n"
      // The text part keeps the diagnostic on one line: the break shows escaped.
      + "Controls/a,b:c.yaml:3:5: warning: 100% sure: a, b\\u{D}\\u{A}c [unknown-owner]\n"
      + "      = help: say: yes, 100%\n"
    #expect(out == expected)
  }

  @Test func severitiesAreErrorWarningNotice() {
    let range = SourceRange(path: "Controls/x.yaml", line: 1, column: 1, endLine: 1, endColumn: 4)
    let findings = [Severity.error, .warning, .info].map {
      Finding(rule: .unknownOwner, severity: $0, message: "m", range: range)
    }
    let lines = ReporterFixture.render(GitHubReporter(), findings: findings).split(separator: "\n")
    #expect(
      lines[0] == "::error file=Controls/x.yaml,line=1,col=1,endLine=1,endColumn=4,title=unknown-owner::m")
    #expect(
      lines[1] == "::warning file=Controls/x.yaml,line=1,col=1,endLine=1,endColumn=4,title=unknown-owner::m")
    #expect(
      lines[2] == "::notice file=Controls/x.yaml,line=1,col=1,endLine=1,endColumn=4,title=unknown-owner::m")
  }

  /// GitHub takes columns only on a single-line annotation; a point is widened to one column.
  @Test func columnsOnlyOnOneLine() {
    let multi = Finding(
      rule: .missingField, severity: .error, message: "m",
      range: SourceRange(path: "p.yaml", line: 2, column: 1, endLine: 9, endColumn: 1))
    let point = Finding(
      rule: .invalidFile, severity: .error, message: "m",
      range: SourceRange(path: "p.yaml", line: 1, column: 1))
    let lines = ReporterFixture.render(GitHubReporter(), findings: [multi, point]).split(separator: "\n")
    #expect(lines[0] == "::error file=p.yaml,line=2,endLine=9,title=missing-field::m")
    #expect(lines[1] == "::error file=p.yaml,line=1,col=1,endLine=1,endColumn=2,title=invalid-file::m")
  }

  /// Every annotation first, then exactly the text format without colour.
  @Test func annotationsThenText() {
    let result = ReporterFixture.result
    var context = ReporterFixture.context
    context.color = true
    let out = GitHubReporter().render(result, findings: result.findings, context: context)
    let annotations = out.split(separator: "\n").prefix { $0.hasPrefix("::") }
    #expect(annotations.count == result.findings.count)
    context.color = false
    let text = TextReporter().render(result, findings: result.findings, context: context)
    #expect(out == annotations.map { $0 + "\n" }.joined() + text)
    #expect(!out.contains("\u{1B}["))
  }

  /// A line of the text part that starts with `::` would be read as a command.
  @Test func textCannotInjectCommands() {
    let finding = Finding(
      rule: .unknownField, severity: .error, message: "unknown field 'a\n::add-mask::x'",
      range: SourceRange(path: "p.yaml", line: 1, column: 1, endLine: 1, endColumn: 2))
    let out = ReporterFixture.render(GitHubReporter(), findings: [finding])
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.filter { $0.hasPrefix("::") }.count == 1)
    // The text part shows the line break escaped, so the message stays on its line.
    #expect(lines.contains("p.yaml:1:1: error: unknown field 'a\\u{A}::add-mask::x' [unknown-field]"))
    // A line that still starts with `::` (a file named so) is indented by one space.
    let named = Finding(
      rule: .unknownField, severity: .error, message: "m",
      range: SourceRange(path: "p.yaml", line: 1, column: 1),
      notes: [Note("n", at: SourceRange(path: "::x", line: 1, column: 1))])
    let text = ReporterFixture.render(GitHubReporter(), findings: [named])
    #expect(text.contains("\n ::x:1:1: note: n\n"))
  }

  @Test func stepSummaryIsAppendedWhenTheVariableIsSet() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "soclint-summary-\(UUID().uuidString).md")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data("earlier step\n".utf8).write(to: file)
    let tricky = Finding(
      rule: .placeholderText, severity: .warning, message: "a | b\nc <describe here> *x*",
      range: SourceRange(path: "Controls/a_b.yaml", line: 4, column: 2, endLine: 4, endColumn: 3))
    let findings = ReporterFixture.result.findings + [tricky]
    try FileSystem.append(
      Array(GitHubReporter.stepSummary(findings: findings, context: ReporterFixture.context).utf8),
      to: file.path)
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.hasPrefix("earlier step\n### soclint\n"))
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
    #expect(rows.count == findings.count + 2)  // the header, the separator, a row a finding
    #expect(
      Array(rows.prefix(2)) == ["| severity | location | rule | message |", "| --- | --- | --- | --- |"])
    #expect(
      rows.last
        == "| warning | Controls/a\\_b.yaml:4:2 | placeholder-text | a \\| b<br>c &lt;describe here&gt; \\*x\\* |"
    )
    // Every row has exactly four cells: no unescaped `|` inside one.
    for row in rows {
      let bars = row.enumerated().filter { i, c in c == "|" && (i == 0 || Array(row)[i - 1] != "\\") }
      #expect(bars.count == 5, "\(row)")
    }
  }

  /// The CLI appends the summary when GITHUB_STEP_SUMMARY names a file, creates the file when it
  /// is missing, writes nothing when the variable is empty, and exits 2 (the user's to fix, not a
  /// bug) when it cannot write there.
  @Test func stepSummaryThroughTheCommandLine() async throws {
    let root = try Support.write(Example.base + [("Controls/AC-01.yaml", Example.goodControl)])
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("summary.md")
    let first = try await Support.run(
      ["lint", "--format", "github"], in: root, environment: ["GITHUB_STEP_SUMMARY": file.path])
    #expect(first.status == 0)
    #expect(try String(contentsOf: file, encoding: .utf8) == "### soclint\n\nNo problems found.\n\n")
    _ = try await Support.run(
      ["lint", "--format", "github"], in: root, environment: ["GITHUB_STEP_SUMMARY": file.path])
    #expect(try String(contentsOf: file, encoding: .utf8).components(separatedBy: "### soclint").count == 3)
    let empty = try await Support.run(
      ["lint", "--format", "github"], in: root, environment: ["GITHUB_STEP_SUMMARY": ""])
    #expect(empty.status == 0)
    let folder = try await Support.run(
      ["lint", "--format", "github"], in: root, environment: ["GITHUB_STEP_SUMMARY": root.path])
    #expect(folder.status == 2)
    #expect(folder.stderr.contains("\(root.path) is a folder"))
    let missing = try await Support.run(
      ["lint", "--format", "github"], in: root,
      environment: ["GITHUB_STEP_SUMMARY": root.appendingPathComponent("no/such/summary.md").path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no such file or directory"), "\(missing.stderr)")
  }
}
