import SoclintModel
import SoclintRules
import Testing

@Suite struct SuppressionTests {
  func parse(_ text: String) -> [Suppression] {
    Suppression.parse(SourceFile(path: "a.yaml", text: text))
  }

  @Test func sameLine() throws {
    let s = try #require(
      parse("last_collected: 2025-12-01   # soclint: ignore[stale-evidence] system retired\n").first)
    #expect(s.scope == .line(1))
    #expect(s.rules.map(\.name) == ["stale-evidence"])
    #expect(s.reason == "system retired")
    #expect(s.range.column == 30)
    #expect(s.rules[0].range.column == 48)
  }

  @Test func aloneOnItsLineAppliesToTheNextContentLine() throws {
    let s = try #require(
      parse(
        "# soclint: ignore[placeholder-text, short-description] agreed\n\n# other comment\ndescription: TBD\n"
      ).first)
    #expect(s.scope == .line(4))
    #expect(s.rules.map(\.name) == ["placeholder-text", "short-description"])
  }

  @Test func fileWide() throws {
    let s = try #require(parse("kind: owners\n# soclint: ignore-file[orphan-owner] imported roster\n").first)
    #expect(s.scope == .file)
  }

  @Test func untilAndReason() throws {
    let s = try #require(
      parse("a: 1 # soclint: ignore[stale-evidence] until 2026-12-31 vendor migration, SEC-1204\n").first)
    #expect(s.until == Day("2026-12-31"))
    #expect(s.reason == "vendor migration, SEC-1204")
    let bad = try #require(parse("a: 1 # soclint: ignore[stale-evidence] until 2026-13-01 x\n").first)
    #expect(bad.badUntil == "2026-13-01")
  }

  @Test func hashInsideQuotesIsNotAComment() {
    #expect(parse("description: \"see # soclint: ignore[x] y\"\n").isEmpty)
    #expect(parse("description: 'it''s # soclint: ignore[x] y'\n").isEmpty)
    #expect(parse("url: http://a#soclint: ignore[x] y\n").isEmpty)
    #expect(parse("description: \"quoted\" # soclint: ignore[x] y\n").count == 1)
  }

  @Test func noReason() throws {
    let s = try #require(parse("a: 1 # soclint: ignore[stale-evidence]\n").first)
    #expect(s.reason.isEmpty)
  }

  /// A structure error elsewhere in the file stops the rules there; the suppression it makes
  /// idle is not a second finding.
  @Test func noUnusedSuppressionInABrokenFile() throws {
    let text = Example.goodControl
      .replacingOccurrences(
        of: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] collected late, see SEC-912"
      )
      .replacingOccurrences(of: "type: ticket", with: "type: tickets")
    let result = try Support.lint(Example(control: text).project)
    #expect(result.findings.map(\.rule) == ["invalid-value"])
  }
}
