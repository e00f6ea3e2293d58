import SoclintDiagnostics
import SoclintModel
import Testing

@testable import SoclintReporters

/// A report's sources are the files its findings point into, found by one walk of the
/// project's files (in path order after the configuration) and the findings (in path order);
/// whatever the walk cannot find makes every file a source, as a dictionary of all did.
@Suite struct ReportContextSourcesTests {
  static let files = [".soclint.yaml", "a/1.yaml", "a/10.yaml", "a/2.yaml", "b.yaml", "c/d/e.yaml", "z.yaml"]
    .map { SourceFile(path: $0, text: "x: 1\n") }

  static func finding(_ path: String) -> Finding {
    Finding(
      rule: .placeholderText, severity: .warning, message: "m",
      range: SourceRange(path: path, line: 1, column: 1))
  }

  static func paths(_ sources: [String: SourceFile]) -> [String] {
    sources.keys.sorted { $0.precedesInBytes($1) }
  }

  @Test func theFilesFindingsPointIntoAreTheSources() {
    let cases: [([[String]], [String])] = [
      ([[]], [".soclint.yaml"]),
      ([["a/10.yaml", "a/10.yaml", "b.yaml"]], [".soclint.yaml", "a/10.yaml", "b.yaml"]),
      (
        [["a/1.yaml", "z.yaml"], ["a/2.yaml", "z.yaml"]], [".soclint.yaml", "a/1.yaml", "a/2.yaml", "z.yaml"]
      ),
      ([[".soclint.yaml", "c/d/e.yaml"], []], [".soclint.yaml", "c/d/e.yaml"]),
      ([["a/1.yaml"], ["b.yaml", "z.yaml"]], [".soclint.yaml", "a/1.yaml", "b.yaml", "z.yaml"]),
      ([["b.yaml", "z.yaml"], ["a/1.yaml"]], [".soclint.yaml", "a/1.yaml", "b.yaml", "z.yaml"]),
    ]
    for (lists, expected) in cases {
      let sources = ReportContext.sources(
        ReportContextSourcesTests.files, pointedAtBy: lists.map { $0.map(ReportContextSourcesTests.finding) })
      #expect(ReportContextSourcesTests.paths(sources) == expected, "\(lists)")
      for (path, file) in sources { #expect(file.path == path) }
    }
  }

  /// Findings out of path order, or pointing at a file the project did not read, make every
  /// file a source: no snippet is lost.
  @Test func whatTheWalkCannotFindTakesEveryFile() {
    let all = ReportContextSourcesTests.files.map(\.path).sorted { $0.precedesInBytes($1) }
    for lists in [
      [["z.yaml", "a/1.yaml"]], [["a/1.yaml", "missing.yaml"]], [["b.yaml"], ["a/2.yaml", "a/1.yaml"]],
    ] {
      let sources = ReportContextSourcesTests.sources(lists)
      #expect(ReportContextSourcesTests.paths(sources) == all, "\(lists)")
    }
  }

  static func sources(_ lists: [[String]]) -> [String: SourceFile] {
    ReportContext.sources(files, pointedAtBy: lists.map { $0.map(finding) })
  }
}
