import Foundation
import SoclintModel
import SoclintReporters
import SoclintRules
import Testing

/// `soclint export`: each format read back by its real consumer (Python's csv, the icalendar
/// package, compliance-trestle) and compared, cell by cell and event by event, with soclint's
/// model of the example Controls/ and of the Type II fixture.
@Suite struct ExportCLITests {
  static let projects = [Support.packageRoot, Support.fixtures.appendingPathComponent("coverage-type2")]

  func export(_ format: String, in root: URL, _ extra: [String] = []) async throws -> URL {
    let file = try Support.temporaryFolder().appendingPathComponent(
      "export.\(format == "oscal" ? "json" : format)")
    let run = try await Support.run(["export", format, "--output", file.path] + extra, in: root)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty && run.stderr.isEmpty)
    return file
  }

  func handoff(_ root: URL) throws -> Handoff { try Handoff(result: try Support.lint(root)) }

  @Test(.enabled(if: Python.hasExportReaders, Python.reason), arguments: projects)
  func matrixReadsBackAsTheModel(_ root: URL) async throws {
    let rows = try #require(
      try Python.json("read_export.py", ["matrix", try await export("matrix", in: root).path]) as? [[String]])
    #expect(rows.first == ControlMatrixExporter.columns)
    let h = try handoff(root)
    let controls = Dictionary(
      h.context.activeControls.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
    var expected = 0
    for c in h.context.activeControls {
      let mapped = c.criteria.reduce(0) { $0 + $1.requirements.count }
      expected += max(mapped, 1)
    }
    #expect(rows.count - 1 == expected)
    for row in rows.dropFirst() {
      let c = try #require(controls[row[3]], "\(row[3])")
      #expect(row[4] == c.title.value)
      #expect(row[5] == c.description.value.trimmingCharacters(in: .whitespacesAndNewlines))
      #expect(row[6] == c.status.rawValue)
      #expect(row[7] == c.owner.value)
      #expect(row[8] == (h.context.owners[c.owner.value]?.email ?? ""))
      #expect(row[11] == c.frequency.value.description)
      #expect(row[12] == c.evidence.map(\.id.value).joined(separator: "; "))
      #expect(row[13] == c.policies.map(\.value).joined(separator: "; "))
      #expect(row[14] == (c.lastReviewed?.value.description ?? ""))
      if !row[0].isEmpty {
        let entry = try #require(c.criteria.first { $0.framework.value == row[0] })
        #expect(entry.requirements.contains { $0.value == row[1] })
        #expect(row[2] == (h.context.frameworks[row[0]]?.requirement(row[1])?.title ?? ""))
      }
    }
  }

  @Test(.enabled(if: Python.hasExportReaders, Python.reason), arguments: projects)
  func requestsReadBackAsTheCoverageReport(_ root: URL) async throws {
    let rows = try #require(
      try Python.json("read_export.py", ["requests", try await export("requests", in: root).path])
        as? [[String]])
    #expect(rows.first == EvidenceRequestsExporter.columns)
    let h = try handoff(root)
    var expected: [[String]] = []
    for e in h.report.evidence {
      let windows = (e.windows ?? []).filter { $0.status != .notRequired }
      if windows.isEmpty {
        expected.append([e.control, e.id, "", "", e.status.rawValue, e.collected?.description ?? ""])
      }
      for w in windows {
        var met = ""
        if case .met(let day) = w.status { met = day.description }
        expected.append([e.control, e.id, w.start.description, w.end.description, w.status.word, met])
      }
    }
    #expect(rows.dropFirst().map { [$0[0], $0[1], $0[7], $0[8], $0[9], $0[10]] } == expected)
  }

  @Test(.enabled(if: Python.hasExportReaders, Python.reason), arguments: projects)
  func calendarEventsAreTheComingDueAndTheOverdue(_ root: URL) async throws {
    let read = try #require(
      try Python.json("read_export.py", ["calendar", try await export("calendar", in: root).path])
        as? [String: Any])
    let events = try #require(read["events"] as? [[String: Any]])
    let h = try handoff(root)
    let asOf = h.asOf.description
    // Within the coming-due horizon, the events that are not overdue are the report's list.
    let policyEvents = events.filter { ($0["summary"] as! String).contains("Review policy") }
    let horizon = h.asOf.adding(days: CalendarExporter.horizonDays)
    let policies = h.report.policies.filter { p in
      p.status == .stale
        || (p.status == .current || p.status == .dueSoon) && (p.due.map { $0 <= horizon } ?? false)
    }
    #expect(
      policyEvents.map { "\($0["start"]!) \($0["summary"]!)" }.sorted()
        == policies.map {
          "\($0.status == .stale ? asOf : $0.due!.description) \($0.status == .stale ? "Overdue: " : "")Review policy \($0.id)"
        }.sorted())
    let soon = events.filter {
      !($0["summary"] as! String).contains("Review policy")
        && ($0["summary"] as! String).hasPrefix("Overdue") == false
        && ($0["start"] as! String) <= h.asOf.adding(days: CoverageReport.comingDueDays).description
    }.map { "\($0["start"]!) \($0["summary"]!)" }
    let comingDue = h.report.comingDue.map { d in
      "\(d.date) "
        + (d.kind == .review ? "Review control \(d.control)" : "Collect \(d.control) \(d.evidence ?? "")")
    }
    #expect(soon.sorted() == comingDue.sorted())
    // Overdue, on the as-of day: stale and never-collected evidence, and overdue reviews.
    let overdue = events.filter {
      ($0["summary"] as! String).hasPrefix("Overdue: ")
        && !($0["summary"] as! String).contains("Review policy")
    }
    #expect(overdue.allSatisfy { ($0["start"] as! String) == asOf })
    var expectedOverdue = h.report.evidence.filter { $0.status == .stale || $0.status == .neverCollected }.map
    {
      "Overdue: Collect \($0.control) \($0.id)"
    }
    expectedOverdue += h.report.owners.flatMap(\.reviewsOverdue).map { "Overdue: Review control \($0)" }
    #expect(overdue.map { $0["summary"] as! String }.sorted() == expectedOverdue.sorted())
    // Every event names its owner, and UIDs are unique.
    let uids = events.map { $0["uid"] as! String }
    #expect(Set(uids).count == uids.count)
    #expect(events.allSatisfy { ($0["stamp"] as! String).hasPrefix(asOf) })
  }

  @Test(.enabled(if: Python.hasExportReaders, Python.reason))
  func aCalendarForOneOwnerHoldsOnlyTheirs() async throws {
    let root = Support.packageRoot
    let h = try handoff(root)
    let owner = try #require(h.report.owners.first { !$0.evidence.isEmpty && $0.declared })
    let read = try #require(
      try Python.json(
        "read_export.py", ["calendar", try await export("calendar", in: root, ["--owner", owner.id]).path])
        as? [String: Any])
    let events = try #require(read["events"] as? [[String: Any]])
    #expect(!events.isEmpty)
    let email = try #require(owner.email)
    #expect(events.allSatisfy { ($0["attendee"] as? String)?.lowercased() == "mailto:\(email)".lowercased() })
  }

  @Test(.enabled(if: Python.hasExportReaders, Python.reason), arguments: projects)
  func oscalLoadsInComplianceTrestle(_ root: URL) async throws {
    let read = try #require(
      try Python.json("read_export.py", ["oscal", try await export("oscal", in: root).path]) as? [String: Any]
    )
    #expect(read["oscal-version"] as? String == OSCALExporter.oscalVersion)
    let component = try #require((read["components"] as? [[String: Any]])?.first)
    let implementations = try #require(component["implementations"] as? [[String: Any]])
    let h = try handoff(root)
    // One implemented requirement per requirement an implemented control maps, in or out of scope.
    let covered = h.report.frameworks.filter { f in f.requirements.contains { !$0.controls.isEmpty } }
    #expect(implementations.count == covered.count)
    for (framework, implementation) in zip(covered, implementations) {
      let requirements = try #require(implementation["requirements"] as? [[String: Any]])
      let expected = framework.requirements.filter {
        !$0.controls.isEmpty && $0.status != .outOfScope || $0.status == .covered
      }
      #expect(requirements.map { $0["control-id"] as! String } == expected.map(\.id))
      for (r, want) in zip(requirements, expected) {
        let statements = try #require(r["statements"] as? [[String: Any]])
        #expect(statements.map { ($0["props"] as! [String: String])["control-id"]! } == want.controls)
      }
    }
  }

  @Test func outputIsTheSameBytesOnEveryRunAndForAnyJobs() async throws {
    for format in ["matrix", "requests", "calendar", "oscal"] {
      let one = try await Support.run(["export", format, "--jobs", "1"], in: Support.packageRoot)
      let two = try await Support.run(["export", format, "--jobs", "2"], in: Support.packageRoot)
      let again = try await Support.run(["export", format], in: Support.packageRoot)
      #expect(one.status == 0 && !one.stdout.isEmpty, "\(format)")
      #expect(one.stdout == two.stdout, "\(format)")
      #expect(one.stdout == again.stdout, "\(format)")
    }
  }

  @Test func anUndeclaredOwnerIsABadArgument() async throws {
    let run = try await Support.run(
      ["export", "calendar", "--owner", "alcie"], in: Support.fixtures.appendingPathComponent("clean"))
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("--owner 'alcie' is not declared in any owners list; did you mean 'alice'?"),
      "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func aProjectThatCannotBeReadIsExitTwoWithItsErrors() async throws {
    let run = try await Support.run(
      ["export", "matrix"], in: Support.fixtures.appendingPathComponent("yaml-syntax"))
    #expect(run.status == 2)
    #expect(run.stderr.contains("[yaml-syntax]"), "\(run.stderr)")
    #expect(run.stderr.contains("nothing can be exported"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }
}
