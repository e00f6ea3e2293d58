import SoclintModel
import SoclintRules

/// Renders a coverage report in one output format. Like the lint reporters, it returns the
/// text and never prints.
public protocol CoverageRenderer: Sendable {
  /// The whole report in this format.
  func render(_ report: CoverageReport) -> String
}

/// `soclint coverage --format json`: the shape of CLI.md, documented by
/// Schemas/coverage.schema.json. Keys in a fixed order and written by hand, so the same report
/// is the same bytes on every run and platform.
public struct CoverageJSONReporter: CoverageRenderer {
  /// The reporter, which has no settings.
  public init() {}

  /// The report as one JSON document, ending with a line break.
  public func render(_ report: CoverageReport) -> String {
    let root: JSONValue = .object([
      ("version", .int(1)),
      (
        "tool",
        .object([("name", .string(ReportContext.toolName)), ("version", .string(ReportContext.toolVersion))])
      ),
      ("asOf", .string(report.asOf.description)),
      ("dueSoonDays", .int(report.dueSoonDays)),
      ("frameworks", .array(report.frameworks.map(framework))),
      ("evidence", .array(report.evidence.map(evidence))),
      ("owners", .array(report.owners.map(owner))),
      ("comingDue", .array(report.comingDue.map(due))),
      ("policies", .array(report.policies.map(policy))),
    ])
    return root.rendered()
  }

  func readiness(_ r: CoverageReport.Readiness) -> JSONValue {
    .object([
      ("ready", .int(r.ready)), ("inScope", .int(r.inScope)),
      ("percent", r.percentText.map { .number($0) } ?? .null),
    ])
  }

  func framework(_ f: CoverageReport.Framework) -> JSONValue {
    .object([
      ("id", .string(f.id)),
      ("title", .string(f.title)),
      ("readiness", readiness(f.readiness)),
      (
        "categories",
        .array(
          f.categories.map { .object([("name", .string($0.name)), ("readiness", readiness($0.readiness))]) })
      ),
      (
        "requirements",
        .array(
          f.requirements.map { r in
            .object([
              ("id", .string(r.id)),
              ("title", .string(r.title)),
              ("category", .orNull(r.category)),
              ("status", .string(r.status.rawValue)),
              ("ready", .bool(r.ready)),
              ("controls", .strings(r.controls)),
              ("plannedControls", .strings(r.plannedControls)),
              ("reason", .orNull(r.reason)),
            ])
          })
      ),
    ])
  }

  func evidence(_ e: CoverageReport.Evidence) -> JSONValue {
    .object([
      ("control", .string(e.control)),
      ("id", .string(e.id)),
      ("owner", .string(e.owner)),
      ("frequency", .string(e.frequency)),
      ("status", .string(e.status.rawValue)),
      ("collected", .orNull(e.collected?.description)),
      ("due", .orNull(e.due?.description)),
      (
        "exception",
        e.exception.map { x in
          .object([
            ("rule", .string(x.rule.rawValue)),
            ("reason", .string(x.reason)),
            ("until", .orNull(x.until?.description)),
            ("path", .string(x.path)),
            ("line", .int(x.line)),
          ])
        } ?? .null
      ),
      ("path", .string(e.path)),
      ("line", .int(e.line)),
    ])
  }

  func owner(_ o: CoverageReport.Owner) -> JSONValue {
    .object([
      ("id", .string(o.id)),
      ("name", .orNull(o.name)),
      ("email", .orNull(o.email)),
      ("role", .orNull(o.role)),
      ("active", .bool(o.active)),
      ("declared", .bool(o.declared)),
      ("needsHandover", .bool(o.needsHandover)),
      ("controls", .strings(o.controls)),
      ("plannedControls", .strings(o.plannedControls)),
      ("evidence", .strings(o.evidence)),
      ("stale", .strings(o.stale)),
      ("dueSoon", .strings(o.dueSoon)),
      ("neverCollected", .strings(o.neverCollected)),
      ("reviewsOverdue", .strings(o.reviewsOverdue)),
    ])
  }

  func due(_ d: CoverageReport.Due) -> JSONValue {
    .object([
      ("date", .string(d.date.description)),
      ("daysLeft", .int(d.daysLeft)),
      ("kind", .string(d.kind.rawValue)),
      ("control", .string(d.control)),
      ("evidence", .orNull(d.evidence)),
      ("owner", .string(d.owner)),
    ])
  }

  func policy(_ p: CoverageReport.Policy) -> JSONValue {
    .object([
      ("id", .string(p.id)),
      ("title", .string(p.title)),
      ("owner", .string(p.owner)),
      ("approver", .orNull(p.approver)),
      ("version", .orNull(p.version)),
      ("approvedOn", .orNull(p.approvedOn?.description)),
      ("due", .orNull(p.due?.description)),
      ("status", .string(p.status.rawValue)),
      (
        "changedAfterApproval",
        p.changedAfterApproval.map { c in
          .object([
            ("commit", .string(c.commit)), ("date", .string(c.day.description)),
            ("author", .string(c.author)),
          ])
        } ?? .bool(false)
      ),
      ("controls", .strings(p.controls)),
      ("document", .string(p.document)),
      ("path", .string(p.path)),
      ("line", .int(p.line)),
    ])
  }
}
