import SoclintDiagnostics
import SoclintModel

// Suppression findings are made by the SuppressionEngine while it applies suppressions; their
// messages are below the descriptions, each beside its rule.

extension RuleDescription {
  static let suppressionWithoutReason = RuleDescription(
    id: .suppressionWithoutReason, category: .suppressions,
    summary: "A soclint: ignore comment gives no reason",
    explanation: """
      A suppression is an exception, and an auditor will ask why it was accepted and by whom.
      Write the reason after the brackets (and after `until DATE`, when there is one), such as a
      ticket where the exception was approved.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   ↓# soclint: ignore[stale-evidence]",
        messages: ["this suppression of stale-evidence gives no reason"])
    ],
    passing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with:
          "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] system retired in Q1, see SEC-912")
    ])

  static let unusedSuppression = RuleDescription(
    id: .unusedSuppression, category: .suppressions,
    summary: "A suppression silences nothing",
    explanation: """
      The problem it was written for is gone, or it names the wrong rule or stands on the wrong
      line. Remove it, so that it does not silence a future finding by accident. Structure rules
      cannot be silenced, so a suppression naming one is always unused.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-09-30   ↓# soclint: ignore[stale-evidence] collected late, see SEC-912",
        messages: ["this suppression of stale-evidence silences nothing"])
    ],
    passing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] collected late, see SEC-912")
    ])

  static let expiredSuppression = RuleDescription(
    id: .expiredSuppression, category: .suppressions,
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
          "last_collected: 2026-06-30   ↓# soclint: ignore[stale-evidence] until 2026-10-31 vendor migration, SEC-1204",
        messages: ["this suppression of stale-evidence expired on 2026-10-31; it no longer silences anything"]
      )
    ],
    passing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with:
          "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] until 2026-12-31 vendor migration, SEC-1204"
      )
    ])

  static let unknownRule = RuleDescription(
    id: .unknownRule, category: .suppressions,
    summary: "A suppression or the configuration's rules names no rule",
    explanation: """
      A misspelt rule name silences nothing and changes nothing; `soclint rules` lists them all.
      In the configuration's `rules`, an unknown name also ends the run with exit status 2, since
      the configuration does not say what was meant.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   # soclint: ignore[↓stale-evidense] collected late, see SEC-912",
        messages: ["'stale-evidense' in this suppression is not a rule"])
    ],
    passing: [
      Example.control(
        replacing: "last_collected: 2026-09-30",
        with: "last_collected: 2026-06-30   # soclint: ignore[stale-evidence] collected late, see SEC-912")
    ])

  /// The suppression rules, in the rules reference's order.
  static let suppression: [RuleDescription] = [
    suppressionWithoutReason, unusedSuppression, expiredSuppression, unknownRule,
  ]
}

// The messages of the suppression rules, beside their descriptions.
extension Finding {
  /// `name`, in a suppression or the configuration's rules, is not a rule.
  static func unknownRule(
    _ name: String, in place: String, at range: SourceRange, pointer: String = ""
  ) -> Finding {
    Finding(
      rule: .unknownRule, message: "'\(name)' in \(place) is not a rule", range: range, pointer: pointer,
      help: Suggest.closest(to: name, in: Registry.ids).map { ["did you mean '\($0)'?"] } ?? [
        "soclint rules lists them all"
      ],
      subject: [name])
  }

  /// The `until` text is not a calendar date, so the suppression never applies.
  static func undatedSuppression(_ s: Suppression, until bad: String) -> Finding {
    Finding(
      rule: .expiredSuppression,
      message: "the until date '\(bad)' of this suppression is not a calendar date, so it silences nothing",
      range: s.range, help: ["write until YYYY-MM-DD"], subject: [s.ruleNames, bad])
  }

  static func expiredSuppression(_ s: Suppression, on until: Day) -> Finding {
    Finding(
      rule: .expiredSuppression,
      message: "this suppression of \(s.ruleNames) expired on \(until); it no longer silences anything",
      range: s.range,
      help: ["fix what it silenced, or renew the exception with a new until date and its approval"],
      subject: [s.ruleNames, until.description])
  }

  static func unusedSuppression(_ s: Suppression) -> Finding {
    var help = ["remove it"]
    if let structural = s.rules.first(where: { RuleID(rawValue: $0.name)?.isStructural == true }) {
      help = ["\(structural.name) is a structure rule, and structure rules cannot be silenced"]
    }
    if s.rules.isEmpty {
      help = ["name the rules to silence in the brackets, such as ignore[stale-evidence]"]
    }
    return Finding(
      rule: .unusedSuppression,
      message: s.rules.isEmpty
        ? "this suppression names no rule, so it silences nothing"
        : "this suppression of \(s.ruleNames) silences nothing",
      range: s.range, help: help, subject: [s.ruleNames, s.reason])
  }

  static func suppressionWithoutReason(_ s: Suppression) -> Finding {
    Finding(
      rule: .suppressionWithoutReason,
      message: s.rules.isEmpty
        ? "this suppression gives no reason" : "this suppression of \(s.ruleNames) gives no reason",
      range: s.range,
      help: ["write why after the brackets, such as the ticket where the exception was approved"],
      subject: [s.ruleNames])
  }
}

extension Suppression {
  /// The rules it names, as written: "stale-evidence, placeholder-text".
  var ruleNames: String { rules.map(\.name).joined(separator: ", ") }
}
