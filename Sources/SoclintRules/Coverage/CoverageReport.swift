import SoclintDiagnostics
import SoclintModel

/// The readiness assessment of `soclint coverage`: what a lint run knows about coverage and
/// staleness, laid out for people. It is built from a `LintResult` and the same `LintContext`
/// the rules use (scope, due dates, the as-of date), so it never disagrees with `lint`:
/// a requirement reported `uncovered` or `planned-only` is one that uncovered-requirement
/// reports, and evidence reported `stale` is evidence that stale-evidence reports or that a
/// suppression silenced.
public struct CoverageReport: Sendable {
  /// How far ahead "coming due" looks, in days from the as-of date.
  public static let comingDueDays = 90

  /// Where a requirement stands: in scope and covered or not, or why it is out of scope.
  public enum RequirementStatus: String, Sendable, CaseIterable {
    /// An implemented control maps it.
    case covered
    /// In scope, and only planned controls map it (lint reports it uncovered, with notes).
    case plannedOnly = "planned-only"
    /// In scope, and no implemented or planned control maps it.
    case uncovered
    /// Carved out by an exclusion in the configuration, with its reason.
    case excluded
    /// Its category is not among the framework's `categories`.
    case outOfScope = "out-of-scope"

    /// Whether the requirement counts towards readiness.
    public var isInScope: Bool { self == .covered || self == .plannedOnly || self == .uncovered }
  }

  /// Where an evidence item stands on the as-of date.
  public enum EvidenceStatus: String, Sendable, CaseIterable {
    /// Collected within its period, and not due soon.
    case fresh
    /// Falls due within `due_soon_days` of the as-of date (a due date exactly that far is due soon).
    case dueSoon = "due-soon"
    /// The as-of date is after its due date.
    case stale
    /// No `last_collected`, or one dated after the as-of date (a future-date error): a
    /// collection that has not happened proves nothing.
    case neverCollected = "never-collected"
    /// Collected, with a `continuous` or `on-event` frequency: it never falls due by the calendar.
    case unscheduled

    /// Whether evidence in this status lets its control count towards readiness.
    public var supportsReadiness: Bool { self == .fresh || self == .dueSoon || self == .unscheduled }
  }

  /// Ready out of in scope; the percentage as printed, with one decimal rounded half up.
  public struct Readiness: Sendable, Hashable {
    /// How many requirements in scope are ready.
    public let ready: Int
    /// How many requirements are in scope.
    public let inScope: Int

    /// A readiness of `ready` requirements out of `inScope`.
    public init(ready: Int, inScope: Int) {
      self.ready = ready
      self.inScope = inScope
    }

    /// Tenths of a percent (829 for 29 of 35), rounded half up; nil when nothing is in scope.
    /// A figure short of 100 never rounds to 100.0, and one above 0 never to 0.0 (1999 of 2000
    /// is 99.9, 1 of 2001 is 0.1), as coverage.py does: `--fail-under 100` must fail while a
    /// requirement is not ready.
    public var tenths: Int? {
      guard inScope > 0 else { return nil }
      // floor(ready * 1000 / inScope + 1/2) in integers, so 82.85 never becomes 82.8.
      let rounded = (2 * ready * 1000 + inScope) / (2 * inScope)
      if ready < inScope && rounded == 1000 { return 999 }
      if ready > 0 && rounded == 0 { return 1 }
      return rounded
    }

    /// "82.9", "100.0"; nil when nothing is in scope.
    public var percentText: String? { tenths.map { "\($0 / 10).\($0 % 10)" } }
  }

  /// One requirement of a framework, with its status and the controls that map it.
  public struct Requirement: Sendable {
    /// The requirement id, such as CC6.1 or CO-1.
    public let id: String
    /// A short title for reports; empty when its catalog gives none.
    public let title: String
    /// The category a scope can select it by; nil when its catalog gives none.
    public let category: String?
    /// Whether it is in scope and covered, or why not.
    public let status: RequirementStatus
    /// Covered, and at least one implemented control that maps it has all its evidence current.
    public let ready: Bool
    /// Under a Type II audit: ready through a control none of whose evidence missed a window of
    /// the period; nil without one.
    public let operating: Bool?
    /// Implemented controls that map it, by id.
    public let controls: [String]
    /// Planned controls that map it, by id.
    public let plannedControls: [String]
    /// The exclusion's reason, for `excluded`.
    public let reason: String?
  }

  /// A category of a framework, with the readiness of its requirements in scope.
  public struct Category: Sendable {
    /// The category's name; "uncategorised" for requirements without one.
    public let name: String
    /// The readiness of its requirements in scope.
    public let readiness: Readiness
    /// Under a Type II audit, how many of them operated through the period so far; nil without one.
    public let operating: Readiness?
  }

  /// A framework the configuration puts in scope, with its readiness.
  public struct Framework: Sendable {
    /// The framework id, such as soc2 or soc1.
    public let id: String
    /// The framework's title: SOC 2's, or its catalog's.
    public let title: String
    /// The readiness of its requirements in scope.
    public let readiness: Readiness
    /// Under a Type II audit, "operating through the period": requirements in scope that are
    /// operating, out of those in scope; nil without one.
    public let operating: Readiness?
    /// Categories with at least one requirement in scope, in catalog order.
    public let categories: [Category]
    /// Every requirement of the framework, in scope or not, in the order declared (a repeated id once).
    public let requirements: [Requirement]
  }

  /// A suppression that silenced this evidence's staleness finding: an exception accepted for a
  /// time. It does not make stale evidence fresh.
  public struct Exception: Sendable {
    /// The rule whose finding was silenced: stale-evidence, evidence-due-soon or evidence-never-collected.
    public let rule: RuleID
    /// The reason the suppression gives; empty when it gives none.
    public let reason: String
    /// The day after which the suppression no longer applies, if it names one.
    public let until: Day?
    /// Where the suppression comment is (project-relative path, 1-based line).
    public let path: String
    /// The comment's line, 1-based.
    public let line: Int
  }

  /// One evidence item of an implemented control, judged on the as-of date.
  public struct Evidence: Sendable {
    /// The id of its control.
    public let control: String
    /// The evidence id, meant to be unique within its control.
    public let id: String
    /// The evidence's owner, else its control's.
    public let owner: String
    /// How often it must be collected, as written ("quarterly", "45d").
    public let frequency: String
    /// Where it stands on the as-of date.
    public let status: EvidenceStatus
    /// Its `last_collected` date, when given (even one after the as-of date).
    public let collected: Day?
    /// Last collected + one period + grace days; nil when unscheduled or never collected.
    public let due: Day?
    /// The suppression that silenced its staleness finding, if one did.
    public let exception: Exception?
    /// Under a Type II audit, the windows of the period for evidence with a calendar frequency;
    /// nil without one (and empty for continuous and on-event evidence).
    public let windows: [CollectionWindow]?
    /// The suppression that silenced its evidence-gap finding, if one did: missed windows
    /// accepted for a time (they stay missed).
    public let gapException: Exception?
    /// The day its control began to operate, when the control says.
    public let implementedOn: Day?
    /// Where the evidence item is declared.
    public let path: String
    /// The 1-based line of its `id`.
    public let line: Int
  }

  /// A person or team: what they own, and what of it needs attention.
  public struct Owner: Sendable {
    /// The owner id, as controls and evidence name it.
    public let id: String
    /// Nil for an id that controls use but no owners list declares.
    public let name: String?
    /// The email address from the owners list; nil when undeclared.
    public let email: String?
    /// The `role` from the owners list; nil when not given or undeclared.
    public let role: String?
    /// Whether the owner is still here; an undeclared id counts as active.
    public let active: Bool
    /// Whether an owners list declares the id.
    public let declared: Bool
    /// Implemented controls they own, by id.
    public let controls: [String]
    /// Planned controls they own, by id.
    public let plannedControls: [String]
    /// "CONTROL/evidence" of every evidence item of implemented controls they own.
    public let evidence: [String]
    /// Their evidence items that are stale, as "CONTROL/evidence".
    public let stale: [String]
    /// Their evidence items that are due soon, as "CONTROL/evidence".
    public let dueSoon: [String]
    /// Their evidence items never collected, as "CONTROL/evidence".
    public let neverCollected: [String]
    /// Implemented controls of theirs whose design review is overdue.
    public let reviewsOverdue: [String]

    /// Inactive (or undeclared) and still owning something: it must be handed over.
    public var needsHandover: Bool {
      (!active || !declared) && !(controls.isEmpty && plannedControls.isEmpty && evidence.isEmpty)
    }
  }

  /// Evidence or a design review falling due within `comingDueDays` of the as-of date.
  public struct Due: Sendable {
    /// What falls due.
    public enum Kind: String, Sendable {
      /// The collection of an evidence item; the design review of a control.
      case evidence, review
    }

    /// The due date, grace days included.
    public let date: Day
    /// Days from the as-of date to `date`.
    public let daysLeft: Int
    /// What falls due.
    public let kind: Kind
    /// The id of the control concerned.
    public let control: String
    /// The evidence id, for evidence.
    public let evidence: String?
    /// Who must act: for evidence its owner (else its control's), for a review the control's owner.
    public let owner: String
  }

  /// The headline numbers of the report.
  public struct Totals: Sendable {
    /// Controls in operation.
    public let implementedControls: Int
    /// Controls planned but not yet operating.
    public let plannedControls: Int
    /// Owners that an owners list declares, each id once.
    public let owners: Int
    /// Evidence items of implemented controls by status; every status has an entry, 0 included.
    public let evidence: [EvidenceStatus: Int]
    /// Evidence items whose staleness finding a suppression silenced.
    public let exceptions: Int
    /// Implemented controls whose design review is overdue.
    public let reviewsOverdue: Int
  }

  /// The day everything is judged on.
  public let asOf: Day
  /// The examination being prepared, when the configuration names one.
  public let audit: Audit?
  /// How many days before its due date evidence counts as due soon: the configuration's `due_soon_days`.
  public let dueSoonDays: Int
  /// The frameworks the configuration puts in scope that are known, in the order written.
  public let frameworks: [Framework]
  /// Every evidence item of implemented controls, by control id then order in the control.
  public let evidence: [Evidence]
  /// Every declared owner in the order declared, then the ids used but undeclared, in byte order.
  public let owners: [Owner]
  /// Evidence and reviews due from the as-of date to `comingDueDays` after it, by date.
  public let comingDue: [Due]
  /// The headline numbers.
  public let totals: Totals
  /// Every policy, by id (`CoveragePolicies.swift`).
  public internal(set) var policies: [Policy] = []
  /// Why the policies' documents were not compared with git (no git, not a repository); nil
  /// when they were, or when no approved policy has a document.
  public internal(set) var policyHistoryUnavailable: String? = nil

  /// Every per-framework figure printed under a threshold: readiness, and under a Type II audit
  /// "operating through the period", with its name.
  public func figures(
    under threshold: Threshold
  ) -> [(framework: Framework, figure: String, value: Readiness)] {
    var out: [(framework: Framework, figure: String, value: Readiness)] = []
    for f in frameworks {
      if f.readiness.tenths.map(threshold.isAbove) ?? false { out.append((f, "readiness", f.readiness)) }
      if let operating = f.operating, operating.tenths.map(threshold.isAbove) ?? false {
        out.append((f, "operating through the period", operating))
      }
    }
    return out
  }

  /// A percentage such as `82.9` from the command line, kept exact: the gate compares it with
  /// the readiness as printed, so 82.9 passes `--fail-under 82.9`, where binary floating point
  /// could tip either way.
  public struct Threshold: Sendable, Hashable, CustomStringConvertible {
    /// The value times 10^scale.
    let scaled: Int
    let scale: Int
    /// The threshold as written.
    public let description: String

    /// Parses `P`, `P.D...` (up to 9 decimals) between 0 and 100; nil otherwise.
    public init?(_ text: String) {
      let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      guard let whole = parts.first, !whole.isEmpty, whole.count <= 3, Threshold.isDigits(whole)
      else { return nil }
      let fraction = parts.count == 2 ? parts[1] : ""
      guard parts.count == 1 || (!fraction.isEmpty && fraction.count <= 9 && Threshold.isDigits(fraction))
      else { return nil }
      var scaled = 0
      for c in whole + fraction { scaled = scaled * 10 + Int(c.asciiValue! - 48) }
      var hundred = 100
      for _ in 0..<fraction.count { hundred *= 10 }
      guard scaled <= hundred else { return nil }
      self.scaled = scaled
      self.scale = fraction.count
      self.description = text
    }

    static func isDigits(_ text: Substring) -> Bool { text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

    /// Whether this threshold is above a readiness given in tenths of a percent.
    public func isAbove(_ tenths: Int) -> Bool {
      var left = tenths
      for _ in 0..<scale { left *= 10 }
      return left < scaled * 10
    }
  }
}

extension CoverageReport {
  /// Why a report cannot be made: a readiness figure computed from half a project would be
  /// wrong, and this report is handed to auditors.
  public enum Unavailable: Error, Sendable, CustomStringConvertible {
    /// The configuration has an error.
    case configurationInvalid
    /// A control could not be read.
    case controlsIncomplete
    /// A catalog could not be read.
    case catalogsIncomplete

    /// What stopped the report and what to do, for the person running soclint.
    public var description: String {
      switch self {
      case .configurationInvalid:
        return "the configuration is invalid, so coverage cannot be judged; soclint lint shows why"
      case .controlsIncomplete:
        return
          "a control could not be read, so coverage cannot be judged; fix the findings soclint lint reports first"
      case .catalogsIncomplete:
        return
          "a catalog could not be read, so coverage cannot be judged; fix the findings soclint lint reports first"
      }
    }
  }
}
