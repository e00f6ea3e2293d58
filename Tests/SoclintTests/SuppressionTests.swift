import SoclintModel
import SoclintRules
import SoclintYAML
import Testing

@Suite struct SuppressionTests {
  /// Parses as the loader does: with the spans of the file's multi-line scalars.
  func parse(_ text: String) -> [Suppression] {
    let yaml = YAMLLoader().load(text)
    return Suppression.parse(SourceFile(path: "a.yaml", text: text, multilineScalars: yaml.multilineScalars))
  }

  @Test func linesOfMultiLineScalarsAreText() {
    // A block scalar, a folded one, a double-quoted continuation and a plain continuation.
    #expect(
      parse("description: |\n  first\n  # soclint: ignore[placeholder-text] sneaky\nowner: a\n").isEmpty)
    #expect(parse("description: >\n  # soclint: ignore-file[stale-evidence] sneaky\n  more\n").isEmpty)
    #expect(
      parse("description: \"one\n  # soclint: ignore[placeholder-text] sneaky\n  two\"\nowner: a\n").isEmpty)
    // A real comment after the scalar ends on the same line, or on the next line, still counts.
    let after = parse("description: \"one\n  two\" # soclint: ignore[placeholder-text] agreed\nowner: a\n")
    #expect(after.map(\.scope) == [.line(2)])
    let below = parse("description: |\n  text\n# soclint: ignore[placeholder-text] agreed\nowner: a\n")
    #expect(below.map(\.scope) == [.line(4)])
  }

  @Test func crlfLines() throws {
    let same = try #require(
      parse("kind: control\r\nowner: a # soclint: ignore[unknown-owner] later\r\n").first)
    #expect(same.scope == .line(2))
    #expect(same.reason == "later")
    #expect(same.range.column == 10)
    let file = try #require(parse("kind: owners\r\n# soclint: ignore-file[orphan-owner]\r\n").first)
    #expect(file.scope == .file)
    #expect(file.reason == "")
  }

  @Test func untilIsAnExpiryOnlyBeforeADate() throws {
    let reason = try #require(
      parse("a: 1 # soclint: ignore[stale-evidence] until the vendor migration ends\n").first)
    #expect(reason.until == nil && reason.badUntil == nil)
    #expect(reason.reason == "until the vendor migration ends")
    let typo = try #require(parse("a: 1 # soclint: ignore[stale-evidence] until 2026-1-5 x\n").first)
    #expect(typo.badUntil == "2026-1-5")
    let bare = try #require(parse("a: 1 # soclint: ignore[stale-evidence] until\n").first)
    #expect(bare.badUntil == "")
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
    #expect(result.findings.map(\.rule.rawValue) == ["invalid-value"])
  }
}
