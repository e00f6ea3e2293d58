import SoclintDiagnostics
import SoclintRules
import Testing

/// Staleness on calendar edges, through the whole engine.
@Suite struct StalenessTests {
  /// Lints the good example control with one evidence item changed, on `asOf`.
  func findings(
    collected: String?, frequency: String = "quarterly", control: String = "quarterly", asOf: String,
    grace: Int = 0, dueSoon: Int = 14
  ) throws -> [Finding] {
    var text = Example.goodControl
      .replacingOccurrences(of: "    frequency: quarterly\n", with: "    frequency: \(frequency)\n")
      .replacingOccurrences(of: "frequency: quarterly\ncriteria", with: "frequency: \(control)\ncriteria")
    text = text.replacingOccurrences(
      of: "    last_collected: 2026-09-30\n", with: collected.map { "    last_collected: \($0)\n" } ?? "")
    // The review date would be in the future of the older as-of dates used here.
    text = text.replacingOccurrences(of: "last_reviewed: 2026-06-15\n", with: "")
    let config = """
      version: 1
      frameworks:
        soc1: {}
      staleness:
        grace_days: \(grace)
        due_soon_days: \(dueSoon)
      as_of: \(asOf)

      """
    let result = try Support.lint(
      Example([(".soclint.yaml", config), ("Controls/example.yaml", text)]).project)
    return result.findings.filter {
      ["stale-evidence", "evidence-due-soon", "evidence-never-collected", "future-date"].contains(
        $0.rule.rawValue)
    }
  }

  func rules(_ f: [Finding]) -> [String] { f.map(\.rule.rawValue) }

  @Test func dueDateItselfIsNotStale() throws {
    // 2026-06-30 + 3 months = 2026-09-30: due that day, stale the day after.
    #expect(rules(try findings(collected: "2026-06-30", asOf: "2026-09-30")) == ["evidence-due-soon"])
    let stale = try findings(collected: "2026-06-30", asOf: "2026-10-01")
    #expect(rules(stale) == ["stale-evidence"])
    #expect(
      stale.first?.message.contains("collected 2026-06-30, due 2026-09-30 (quarterly), 1 day overdue") == true
    )
  }

  @Test func monthEndClamps() throws {
    // 2025-11-30 + 3 months = 2026-02-28.
    #expect(rules(try findings(collected: "2025-11-30", asOf: "2026-03-01")) == ["stale-evidence"])
    #expect(rules(try findings(collected: "2025-11-30", asOf: "2026-02-28")) == ["evidence-due-soon"])
  }

  @Test func leapDay() throws {
    // 2023-11-29 + 3 months = 2024-02-29.
    #expect(rules(try findings(collected: "2023-11-29", asOf: "2024-02-29")) == ["evidence-due-soon"])
    #expect(rules(try findings(collected: "2023-11-29", asOf: "2024-03-01")) == ["stale-evidence"])
  }

  @Test func graceDaysMoveTheDueDate() throws {
    #expect(
      rules(try findings(collected: "2026-06-30", asOf: "2026-10-05", grace: 5, dueSoon: 0)) == [
        "evidence-due-soon"
      ])
    #expect(rules(try findings(collected: "2026-06-30", asOf: "2026-10-06", grace: 5)) == ["stale-evidence"])
  }

  @Test func dueSoonBoundaryCountsTheLastDay() throws {
    // Due 2026-09-30; 14 days before is 2026-09-16.
    #expect(rules(try findings(collected: "2026-06-30", asOf: "2026-09-16")) == ["evidence-due-soon"])
    #expect(rules(try findings(collected: "2026-06-30", asOf: "2026-09-15")) == [])
    let soon = try findings(collected: "2026-06-30", asOf: "2026-09-16")
    #expect(
      soon.first?.message == "evidence 'review-ticket' of control AC-01 is due on 2026-09-30, in 14 days")
  }

  @Test func continuousAndOnEventAreNeverStale() throws {
    #expect(rules(try findings(collected: "2020-01-01", frequency: "continuous", asOf: "2026-11-20")) == [])
    #expect(rules(try findings(collected: "2020-01-01", frequency: "on-event", asOf: "2026-11-20")) == [])
  }

  @Test func neverCollectedAndFuture() throws {
    #expect(rules(try findings(collected: nil, asOf: "2026-11-20")) == ["evidence-never-collected"])
    #expect(rules(try findings(collected: "2026-11-21", asOf: "2026-11-20")) == ["future-date"])
    #expect(rules(try findings(collected: "2026-11-20", asOf: "2026-11-20")) == [])
  }

  @Test func frequencyMismatch() throws {
    func mismatch(_ evidence: String, _ control: String) throws -> Bool {
      let text = Example.goodControl
        .replacingOccurrences(of: "    frequency: quarterly\n", with: "    frequency: \(evidence)\n")
        .replacingOccurrences(of: "frequency: quarterly\ncriteria", with: "frequency: \(control)\ncriteria")
      let result = try Support.lint(Example(control: text).project)
      return result.findings.contains { $0.rule == .evidenceFrequencyMismatch }
    }
    #expect(try mismatch("quarterly", "monthly"))
    #expect(try !mismatch("monthly", "quarterly"))
    #expect(try !mismatch("quarterly", "quarterly"))
    #expect(try mismatch("31d", "monthly"))
    #expect(try !mismatch("30d", "monthly"))
    #expect(try !mismatch("annual", "on-event"))
    #expect(try !mismatch("continuous", "daily"))
  }
}
