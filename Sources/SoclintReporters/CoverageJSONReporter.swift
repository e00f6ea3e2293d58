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
    var members: [(String, JSONValue)] = [
      ("version", .int(1)),
      (
        "tool",
        .object([("name", .string(ReportContext.toolName)), ("version", .string(ReportContext.toolVersion))])
      ),
      ("asOf", .string(report.asOf.description)),
      ("dueSoonDays", .int(report.dueSoonDays)),
    ]
    if let audit = report.audit { members.append(("audit", self.audit(audit))) }
    members += [
      ("frameworks", .array(report.frameworks.map(framework))),
      ("evidence", .array(report.evidence.map(evidence))),
      ("owners", .array(report.owners.map(owner))),
      ("comingDue", .array(report.comingDue.map(due))),
      ("policies", .array(report.policies.map(policy))),
    ]
    return JSONValue.object(members).rendered()
  }

  func audit(_ a: CoverageReport.Audit) -> JSONValue {
    var members: [(String, JSONValue)] = [("type", .int(a.type))]
    if let date = a.date { members.append(("date", .string(date.description))) }
    if let period = a.period {
      members += [("start", .string(period.start.description)), ("end", .string(period.end.description))]
    }
    return .object(members + [("daysLeft", .int(a.daysLeft)), ("daysElapsed", .int(a.daysElapsed))])
  }

  func window(_ w: CollectionWindow) -> JSONValue {
    var collected: JSONValue = .null
    if case .met(let day) = w.status { collected = .string(day.description) }
    return .object([
      ("start", .string(w.start.description)), ("end", .string(w.end.description)),
      ("status", .string(w.status.word)), ("collected", collected),
    ])
  }

  /// The members of an object, with `key` after the others when `value` is given (Type II only).
  static func adding(_ key: String, _ value: JSONValue?, to members: [(String, JSONValue)]) -> JSONValue {
    .object(members + (value.map { [(key, $0)] } ?? []))
  }

  func readiness(_ r: CoverageReport.Readiness) -> JSONValue {
    .object([
      ("ready", .int(r.ready)), ("inScope", .int(r.inScope)),
      ("percent", r.percentText.map { .number($0) } ?? .null),
    ])
  }

  func framework(_ f: CoverageReport.Framework) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .string(f.id)),
      ("title", .string(f.title)),
      ("readiness", readiness(f.readiness)),
    ]
    if let operating = f.operating { members.append(("operating", readiness(operating))) }
    members += [
      (
        "categories",
        .array(
          f.categories.map {
            Self.adding(
              "operating", $0.operating.map(readiness),
              to: [("name", .string($0.name)), ("readiness", readiness($0.readiness))])
          })
      ),
      (
        "requirements",
        .array(
          f.requirements.map(requirement))
      ),
    ]
    return .object(members)
  }

  func requirement(_ r: CoverageReport.Requirement) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .string(r.id)),
      ("title", .string(r.title)),
      ("category", .orNull(r.category)),
      ("status", .string(r.status.rawValue)),
      ("ready", .bool(r.ready)),
    ]
    if let operating = r.operating { members.append(("operating", .bool(operating))) }
    members += [
      ("controls", .strings(r.controls)),
      ("plannedControls", .strings(r.plannedControls)),
      ("reason", .orNull(r.reason)),
    ]
    return .object(members)
  }

  func evidence(_ e: CoverageReport.Evidence) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("control", .string(e.control)),
      ("id", .string(e.id)),
      ("owner", .string(e.owner)),
      ("frequency", .string(e.frequency)),
      ("status", .string(e.status.rawValue)),
      ("collected", .orNull(e.collected?.description)),
      ("due", .orNull(e.due?.description)),
    ]
    if let windows = e.windows {
      members.append(("windows", .array(windows.map(window))))
      members.append(("gapException", e.gapException.map(exception) ?? .null))
    }
    members += [
      (
        "exception",
        e.exception.map(exception) ?? .null
      ),
      ("path", .string(e.path)),
      ("line", .int(e.line)),
    ]
    return .object(members)
  }

  func exception(_ x: CoverageReport.Exception) -> JSONValue {
    .object([
      ("rule", .string(x.rule.rawValue)),
      ("reason", .string(x.reason)),
      ("until", .orNull(x.until?.description)),
      ("path", .string(x.path)),
      ("line", .int(x.line)),
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
