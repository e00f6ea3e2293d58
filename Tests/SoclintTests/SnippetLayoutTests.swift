import SoclintDiagnostics
import Testing

@testable import SoclintReporters

/// The snippet's shortcut for lines of printable ASCII lays them out exactly as the general
/// layout does, and leaves every other line to it.
@Suite struct SnippetLayoutTests {
  static let asciiLines = [
    "", "a", "id: AC-01", "  - source: Jira project SEC   ", "   ", "x:", "title: \"quoted # not a comment\"",
    String(repeating: "w", count: TextReporter.maxSnippetWidth), "~!@#$%^&*()_+{}|:<>?`-=[];',./",
  ]

  @Test func shortcutAgreesWithTheGeneralLayout() {
    var compared = 0
    for text in Self.asciiLines {
      let line = Substring(text)
      let n = text.utf8.count
      for column in 0...(n + 2) {
        for endColumn in 0...(n + 3) {
          for endLine in [1, 2] {
            let r = SourceRange(
              path: "x.yaml", line: 1, column: column, endLine: endLine, endColumn: endColumn)
            let general = TextReporter.layout(line, r)
            guard let fast = TextReporter.asciiLayout(line, r) else {
              #expect(general == nil, "\(text) \(r)")
              continue
            }
            compared += 1
            #expect(
              general.map { [$0.text, "\($0.caretStart)", "\($0.caretEnd)"] } == [
                fast.text, "\(fast.caretStart)", "\(fast.caretEnd)",
              ], "\(text) \(r)")
          }
        }
      }
    }
    #expect(compared > 10_000)
  }

  /// Tabs, control and non-ASCII characters and lines wider than a snippet take the general way.
  @Test func otherLinesAreLeftToTheGeneralLayout() {
    let lines = [
      "a:\tb", "caf\u{E9}: x", "bell\u{7}", "del\u{7F}", "x\u{200B}y",
      String(repeating: "w", count: TextReporter.maxSnippetWidth + 1),
    ]
    for text in lines {
      let r = SourceRange(path: "x.yaml", line: 1, column: 2, endLine: 1, endColumn: 4)
      #expect(TextReporter.asciiLayout(Substring(text), r) == nil, "\(text)")
      #expect(TextReporter.layout(Substring(text), r) != nil, "\(text)")
    }
  }
}
