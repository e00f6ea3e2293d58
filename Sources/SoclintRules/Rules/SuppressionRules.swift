import SoclintDiagnostics
import SoclintModel

// Suppression findings are made by the linter while it applies suppressions (Linter.swift);
// these types carry their descriptions and examples.

struct SuppressionWithoutReason: Rule {
  static let description = RuleDescription(
    id: "suppression-without-reason", severity: .warning, category: .suppressions,
    summary: "A soclint: ignore comment gives no reason",
    explanation: """
      A suppression is an exception, and an auditor will ask why it was accepted and by whom.
      Write the reason after the brackets (and after `until DATE`, when there is one), such as a
      ticket where the exception was approved.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   # soclint: ignore[stale-evidence]")
    ],
    passing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with:
          "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] system retired in Q1, see SEC-912")
    ])
  func check(_ context: LintContext, report: inout [Finding]) {}
}

struct UnusedSuppression: Rule {
  static let description = RuleDescription(
    id: "unused-suppression", severity: .warning, category: .suppressions,
    summary: "A suppression silences nothing",
    explanation: """
      The problem it was written for is gone, or it names the wrong rule or stands on the wrong
      line. Remove it, so that it does not silence a future finding by accident. Structure rules
      cannot be silenced, so a suppression naming one is always unused.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-09-30   # soclint: ignore[stale-evidence] collected late, see SEC-912")
    ],
    passing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] collected late, see SEC-912")
    ])
  func check(_ context: LintContext, report: inout [Finding]) {}
}

struct ExpiredSuppression: Rule {
  static let description = RuleDescription(
    id: "expired-suppression", severity: .error, category: .suppressions,
    summary: "A suppression's until date has passed",
    explanation: """
      An exception that an auditor accepts is accepted for a time. After its `until` date (when
      the as-of date is later) the suppression silences nothing and is reported itself, so the
      exception is looked at again: fix the finding or renew the exception with a new date.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with:
          "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] until 2026-10-31 vendor migration, SEC-1204"
      )
    ],
    passing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with:
          "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] until 2026-12-31 vendor migration, SEC-1204"
      )
    ])
  func check(_ context: LintContext, report: inout [Finding]) {}
}

struct UnknownRule: Rule {
  static let description = RuleDescription(
    id: "unknown-rule", severity: .error, category: .suppressions,
    summary: "A suppression or the configuration's rules names no rule",
    explanation: """
      A misspelt rule name silences nothing and changes nothing; `soclint rules` lists them all.
      In the configuration's `rules`, an unknown name also ends the run with exit status 2, since
      the configuration does not say what was meant.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   # soclint: ignore[stale-evidense] collected late, see SEC-912")
    ],
    passing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] collected late, see SEC-912")
    ])
  func check(_ context: LintContext, report: inout [Finding]) {}
}
