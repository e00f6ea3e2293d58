import SoclintModel
import SoclintRules

/// The words the coverage formats share, so text, Markdown and HTML say the same thing the
/// same way.
enum CoverageWording {
  static let readinessDefinition =
    "A requirement is ready when at least one implemented control maps it that has evidence, all of it fresh, due soon or collected continuously. Readiness is ready requirements out of those in scope (excluded and out-of-scope ones are not)."

  /// Text written in YAML (a folded reason, a title) on one line: runs of white space as one space.
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
  }

  /// "3 items", "1 item".
  static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
  }

  static func percent(_ r: CoverageReport.Readiness) -> String {
    r.percentText.map { "\($0)%" } ?? "n/a"
  }

  /// The label of a requirement's status, where readiness splits `covered` in two.
  static func label(_ r: CoverageReport.Requirement) -> String {
    switch r.status {
    case .covered: return r.ready ? "ready" : "covered, not ready"
    case .plannedOnly: return "planned only"
    case .uncovered: return "uncovered"
    case .excluded: return "excluded"
    case .outOfScope: return "out of scope"
    }
  }

  static func label(_ s: CoverageReport.EvidenceStatus) -> String {
    switch s {
    case .fresh: return "fresh"
    case .dueSoon: return "due soon"
    case .stale: return "stale"
    case .neverCollected: return "never collected"
    case .unscheduled: return "unscheduled"
    }
  }

  /// "in 3 days", "today".
  static func daysLeft(_ n: Int) -> String {
    n == 0 ? "today" : "in " + count(n, "day")
  }

  /// Why a covered requirement is not ready: what is wrong with the evidence of each control
  /// that maps it ("AC-01: okta-policy stale; AC-02: no evidence").
  static func blockers(
    _ r: CoverageReport.Requirement, byControl: [String: [CoverageReport.Evidence]]
  ) -> String {
    r.controls.map { control in
      let items = byControl[control] ?? []
      if items.isEmpty { return "\(control): no evidence" }
      let bad = items.filter { !$0.status.supportsReadiness }.map { "\($0.id) \(label($0.status))" }
      return "\(control): " + (bad.isEmpty ? "evidence current" : bad.joined(separator: ", "))
    }.joined(separator: "; ")
  }

  static func evidenceByControl(_ report: CoverageReport) -> [String: [CoverageReport.Evidence]] {
    var out: [String: [CoverageReport.Evidence]] = [:]
    for e in report.evidence { out[e.control, default: []].append(e) }
    return out
  }

  /// Everything a compliance lead must act on, in the order to act on it.
  struct Attention {
    var uncovered: [(CoverageReport.Framework, CoverageReport.Requirement)] = []
    var plannedOnly: [(CoverageReport.Framework, CoverageReport.Requirement)] = []
    var notReady: [(CoverageReport.Framework, CoverageReport.Requirement)] = []
    var stale: [CoverageReport.Evidence] = []
    /// Evidence with a missed window of a Type II period (evidence never collected is told once,
    /// as never collected, as lint tells it once).
    var gaps: [CoverageReport.Evidence] = []
    var neverCollected: [CoverageReport.Evidence] = []
    var dueSoon: [CoverageReport.Evidence] = []
    var reviewsOverdue: [(owner: String, control: String)] = []
    var handovers: [CoverageReport.Owner] = []
    /// Policies whose review is overdue or whose text changed since its approval.
    var policies: [CoverageReport.Policy] = []

    init(_ report: CoverageReport) {
      for f in report.frameworks {
        for r in f.requirements {
          switch r.status {
          case .uncovered: uncovered.append((f, r))
          case .plannedOnly: plannedOnly.append((f, r))
          case .covered where !r.ready: notReady.append((f, r))
          default: break
          }
        }
      }
      stale = report.evidence.filter { $0.status == .stale }
      gaps = report.evidence.filter { $0.collected != nil && !CoverageWording.missed($0).isEmpty }
      neverCollected = report.evidence.filter { $0.status == .neverCollected }
      dueSoon = report.evidence.filter { $0.status == .dueSoon }
      for o in report.owners {
        for c in o.reviewsOverdue { reviewsOverdue.append((o.id, c)) }
      }
      reviewsOverdue.sort { $0.control.utf8.lexicographicallyPrecedes($1.control.utf8) }
      handovers = report.owners.filter(\.needsHandover)
      policies = report.policies.filter { $0.status == .stale || $0.changedAfterApproval != nil }
    }

    var isEmpty: Bool {
      uncovered.isEmpty && plannedOnly.isEmpty && notReady.isEmpty && stale.isEmpty && gaps.isEmpty
        && neverCollected.isEmpty && reviewsOverdue.isEmpty && handovers.isEmpty && policies.isEmpty
    }
  }

  /// Out-of-scope requirement ids with their categories, compactly: "processing-integrity
  /// (PI1.1-PI1.5)". Consecutive requirements of a category make a range.
  static func outOfScopeSummary(_ f: CoverageReport.Framework) -> [String] {
    var groups: [(category: String, ids: [String])] = []
    for r in f.requirements where r.status == .outOfScope {
      let name = r.category ?? "uncategorised"
      if let last = groups.last, last.category == name {
        groups[groups.count - 1].ids.append(r.id)
      } else {
        groups.append((name, [r.id]))
      }
    }
    return groups.map { g in
      let ids = g.ids.count > 2 ? "\(g.ids.first!) to \(g.ids.last!)" : g.ids.joined(separator: ", ")
      return "\(g.category) (\(g.ids.count): \(ids))"
    }
  }

  /// The evidence totals as one line: "106 items: 77 fresh, 1 stale, 28 unscheduled".
  static func evidenceTotals(_ report: CoverageReport) -> String {
    let parts = CoverageReport.EvidenceStatus.allCases.compactMap { s -> String? in
      let n = report.totals.evidence[s] ?? 0
      return n == 0 ? nil : "\(n) \(label(s))"
    }
    let total = report.evidence.count
    var line = count(total, "item") + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    if report.totals.exceptions > 0 {
      line += " (" + count(report.totals.exceptions, "accepted exception") + ")"
    }
    return line
  }

  static func requirementTotals(_ report: CoverageReport) -> String {
    var counts: [CoverageReport.RequirementStatus: Int] = [:]
    var ready = 0
    for f in report.frameworks {
      for r in f.requirements {
        counts[r.status, default: 0] += 1
        if r.ready { ready += 1 }
      }
    }
    let covered = counts[.covered] ?? 0
    var parts = ["\(covered) covered (\(ready) ready)"]
    for s in [CoverageReport.RequirementStatus.plannedOnly, .uncovered, .excluded, .outOfScope] {
      let n = counts[s] ?? 0
      if n > 0 {
        parts.append(
          "\(n) \(s == .plannedOnly ? "planned only" : s == .outOfScope ? "out of scope" : s.rawValue)")
      }
    }
    return parts.joined(separator: ", ")
  }
}
