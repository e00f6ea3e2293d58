import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules
import Testing

/// The coverage report and lint are one engine: on every fixture repository, the example
/// Controls/ and every rule's examples, what coverage calls uncovered, stale, due soon or never
/// collected is exactly what lint's rules find (or what a suppression silenced).
@Suite struct CoverageConsistencyTests {
  static var projects: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Support.fixtures.path)) ?? []
    let fixtures = names.filter {
      FileManager.default.fileExists(
        atPath: Support.fixtures.appendingPathComponent("\($0)/.soclint.yaml").path)
    }.sorted()
    return ["."] + fixtures
  }

  static let examples: [String] = Registry.descriptions.flatMap { d in
    (0..<d.failing.count).map { "\(d.id) failing \($0)" }
      + (0..<d.passing.count).map { "\(d.id) passing \($0)" }
  }

  @Test(arguments: projects)
  func fixture(_ name: String) throws {
    let root = name == "." ? Support.packageRoot : Support.fixtures.appendingPathComponent(name)
    try Self.check(Support.lint(root), name)
  }

  @Test(arguments: examples)
  func ruleExample(_ which: String) throws {
    let parts = which.split(separator: " ")
    let d = try #require(Registry.description(of: String(parts[0])))
    let list = parts[1] == "failing" ? d.failing : d.passing
    let example = list[Int(parts[2])!]
    try Self.check(Support.lint(example), which)
  }

  /// Findings of a rule, reported or silenced, by their subject's first ids.
  static func subjects(_ result: LintResult, _ rule: String, count: Int) -> Set<[String]> {
    let all = result.findings + result.suppressed.map(\.finding)
    return Set(all.filter { $0.rule.rawValue == rule }.map { Array($0.subject.prefix(count)) })
  }

  static func check(_ result: LintResult, _ name: String) throws {
    let report: CoverageReport
    do {
      report = try CoverageReport(result: result)
    } catch {
      // No report where lint could not judge coverage either.
      switch error {
      case .configurationInvalid:
        #expect(result.configurationInvalid || result.project.configuration == nil, "\(name)")
      case .controlsIncomplete: #expect(result.project.controlsIncomplete, "\(name)")
      case .catalogsIncomplete: #expect(result.project.catalogsIncomplete, "\(name)")
      }
      #expect(subjects(result, "uncovered-requirement", count: 2).isEmpty, "\(name)")
      return
    }

    // Requirements: uncovered and planned-only are exactly uncovered-requirement's findings;
    // planned-only exactly those with a note at a planned control.
    var notCovered: Set<[String]> = []
    var plannedOnly: Set<[String]> = []
    for f in report.frameworks {
      for r in f.requirements {
        if r.status == .uncovered || r.status == .plannedOnly { notCovered.insert([f.id, r.id]) }
        if r.status == .plannedOnly { plannedOnly.insert([f.id, r.id]) }
        #expect(r.status != .covered || !r.controls.isEmpty, "\(name): \(r.id)")
        #expect(!r.ready || r.status == .covered, "\(name): \(r.id)")
        #expect((r.status == .excluded) == (r.reason != nil), "\(name): \(r.id)")
      }
      #expect(f.readiness.ready == f.requirements.filter(\.ready).count, "\(name)")
      #expect(f.readiness.inScope == f.requirements.filter(\.status.isInScope).count, "\(name)")
    }
    #expect(notCovered == subjects(result, "uncovered-requirement", count: 2), "\(name)")
    let withNotes = (result.findings + result.suppressed.map(\.finding)).filter {
      $0.rule == .uncoveredRequirement && !$0.notes.isEmpty
    }
    #expect(plannedOnly == Set(withNotes.map { Array($0.subject.prefix(2)) }), "\(name)")

    // Evidence: stale is stale-evidence's findings plus what suppressions silenced; due soon
    // is evidence-due-soon's; never collected is evidence-never-collected's and future-date's.
    func ids(_ status: CoverageReport.EvidenceStatus) -> Set<[String]> {
      Set(report.evidence.filter { $0.status == status }.map { [$0.control, $0.id] })
    }
    #expect(ids(.stale) == subjects(result, "stale-evidence", count: 2), "\(name)")
    #expect(ids(.dueSoon) == subjects(result, "evidence-due-soon", count: 2), "\(name)")
    let futureDated = Set(
      report.evidence.filter { e in e.collected.map { $0 > report.asOf } ?? false }.map {
        [$0.control, $0.id]
      })
    #expect(
      ids(.neverCollected) == subjects(result, "evidence-never-collected", count: 2).union(futureDated),
      "\(name)")

    // An exception is a suppression that silenced the evidence's own finding.
    let silencedStale = Set(
      result.suppressed.filter { $0.finding.rule == .staleEvidence }.map {
        Array($0.finding.subject.prefix(2))
      })
    let excepted = Set(
      report.evidence.filter { $0.status == .stale && $0.exception != nil }.map { [$0.control, $0.id] })
    #expect(excepted == silencedStale, "\(name)")

    // Windows: evidence with a missed window is exactly evidence-gap's findings, except
    // evidence never collected at all (evidence-never-collected's alone); and a framework's
    // operating figure counts requirements that are ready through a control with no missed
    // window.
    let typeII = result.project.configuration?.audit?.period != nil
    let gaps = Set(
      report.evidence.filter { e in
        e.collected != nil && (e.windows ?? []).contains { $0.status == .missed }
      }.map { [$0.control, $0.id] })
    #expect(gaps == subjects(result, "evidence-gap", count: 2), "\(name)")
    let missedControls = Set(
      report.evidence.filter { e in (e.windows ?? []).contains { $0.status == .missed } }.map(\.control))
    for f in report.frameworks {
      #expect((f.operating != nil) == typeII, "\(name)")
      guard let operating = f.operating else { continue }
      #expect(operating.inScope == f.readiness.inScope, "\(name)")
      for r in f.requirements {
        #expect(r.operating != true || r.ready, "\(name): \(r.id)")
        // Operating needs a covering control with no missed window.
        if r.operating == true {
          #expect(r.controls.contains { !missedControls.contains($0) }, "\(name): \(r.id)")
        }
      }
      #expect(operating.ready == f.requirements.filter { $0.operating == true }.count, "\(name)")
    }
    #expect(report.evidence.allSatisfy { ($0.windows != nil) == typeII }, "\(name)")
    let silencedGaps = Set(
      result.suppressed.filter { $0.finding.rule == .evidenceGap }.map { Array($0.finding.subject.prefix(2)) }
    )
    #expect(
      Set(report.evidence.filter { $0.gapException != nil }.map { [$0.control, $0.id] }) == silencedGaps,
      "\(name)")

    // Overdue reviews are stale-review's findings.
    let overdue = Set(report.owners.flatMap(\.reviewsOverdue).map { [$0] })
    #expect(overdue == subjects(result, "stale-review", count: 1), "\(name)")
    checkPolicies(report, result, name)
  }

  /// Policies: stale is stale-policy's findings and approvals dated after the as-of date
  /// (future-date's); due soon is policy-due-soon's; changed after approval is
  /// policy-changed-after-approval's, with its commit; an approved policy no implemented
  /// control carries out is orphan-policy's.
  static func checkPolicies(_ report: CoverageReport, _ result: LintResult, _ name: String) {
    func ids(_ status: CoverageReport.PolicyStatus) -> Set<[String]> {
      Set(report.policies.filter { $0.status == status }.map { [$0.id] })
    }
    let futureApproved = Set(
      report.policies.filter { p in
        p.status != .draft && p.status != .retired && p.approvedOn.map { $0 > report.asOf } ?? false
      }
      .map { [$0.id] })
    #expect(ids(.stale) == subjects(result, "stale-policy", count: 1).union(futureApproved), "\(name)")
    #expect(ids(.dueSoon) == subjects(result, "policy-due-soon", count: 1), "\(name)")
    let changed = Set(report.policies.compactMap { p in p.changedAfterApproval.map { [p.id, $0.commit] } })
    #expect(changed == subjects(result, "policy-changed-after-approval", count: 2), "\(name)")
    let orphans = Set(
      report.policies.filter { $0.status != .draft && $0.status != .retired && $0.controls.isEmpty }.map {
        [$0.id]
      })
    #expect(orphans == subjects(result, "orphan-policy", count: 1), "\(name)")
    #expect(report.policies.count == result.project.policies.count, "\(name)")
  }
}
