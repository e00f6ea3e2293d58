import SoclintModel
import SoclintRules

/// `soclint export calendar`: an iCalendar file with one all-day event per due date within 365
/// days after the as-of date: evidence collections, control design reviews and policy reviews. What is already overdue (stale evidence, evidence never collected,
/// an overdue review) is an event on the as-of day whose summary starts "Overdue: ". Every event
/// has a UID made from its kind, ids and due date, so a subscribed calendar updates it rather
/// than adding a copy; DTSTAMP is the as-of date, so the same project gives the same bytes.
public struct CalendarExporter: HandoffExporter {
  /// How far ahead events go, in days after the as-of date.
  public static let horizonDays = 365

  /// The exporter, which has no settings.
  public init() {}

  /// One event to write.
  struct Event {
    let day: Day
    let overdue: Bool
    let kind: String
    let ids: [String]
    let uidDate: String
    let summary: String
    let description: String
    let owner: String
  }

  /// The calendar as iCalendar text.
  public func export(_ handoff: Handoff) -> [UInt8] {
    var cal = ICalendar()
    cal.line("BEGIN:VCALENDAR")
    cal.line("VERSION:2.0")
    cal.line("PRODID:-//soclint//soclint \(ReportContext.toolVersion)//EN")
    cal.line("CALSCALE:GREGORIAN")
    cal.line("METHOD:PUBLISH")
    let name =
      handoff.owner.map { "soclint: what \(handoff.name(of: $0)) must collect and review" }
      ?? "soclint: what falls due"
    cal.line("X-WR-CALNAME:" + ICalendar.text(name))
    for event in Self.events(handoff) { write(event, handoff, into: &cal) }
    cal.line("END:VCALENDAR")
    return cal.bytes
  }

  func write(_ e: Event, _ handoff: Handoff, into cal: inout ICalendar) {
    cal.line("BEGIN:VEVENT")
    cal.line("UID:" + ([e.kind] + e.ids + [e.uidDate]).joined(separator: "-") + "@soclint")
    cal.line("DTSTAMP:\(ICalendar.date(handoff.asOf))T000000Z")
    cal.line("DTSTART;VALUE=DATE:\(ICalendar.date(e.day))")
    cal.line("DTEND;VALUE=DATE:\(ICalendar.date(e.day.adding(days: 1)))")
    cal.line("SUMMARY:" + ICalendar.text((e.overdue ? "Overdue: " : "") + e.summary))
    cal.line("DESCRIPTION:" + ICalendar.text(e.description))
    let email = handoff.email(of: e.owner)
    if !email.isEmpty {
      cal.line(
        "ATTENDEE;CN=\(ICalendar.parameter(handoff.name(of: e.owner)));ROLE=REQ-PARTICIPANT:mailto:\(email)")
    }
    cal.line("CATEGORIES:soclint," + e.kind)
    cal.line("TRANSP:TRANSPARENT")
    cal.line("END:VEVENT")
  }

  /// Every event, by date, then kind, then ids.
  static func events(_ handoff: Handoff) -> [Event] {
    var events = evidenceEvents(handoff) + reviewEvents(handoff) + policyEvents(handoff)
    events.sort { a, b in
      if a.day != b.day { return a.day < b.day }
      if a.kind != b.kind { return a.kind < b.kind }
      return a.ids.joined(separator: "/").utf8.lexicographicallyPrecedes(b.ids.joined(separator: "/").utf8)
    }
    return events
  }

  static func evidenceEvents(_ handoff: Handoff) -> [Event] {
    let asOf = handoff.asOf
    let horizon = asOf.adding(days: horizonDays)
    let items = EvidenceRequestsExporter.items(handoff)
    var out: [Event] = []
    for judged in handoff.report.evidence where handoff.includes(owner: judged.owner) {
      guard let e = items["\(judged.path):\(judged.line)"] else { continue }
      let day: Day
      let overdue: Bool
      switch judged.status {
      case .fresh, .dueSoon:
        guard let due = judged.due, due <= horizon else { continue }
        (day, overdue) = (due, false)
      case .stale: (day, overdue) = (asOf, true)
      case .neverCollected: (day, overdue) = (asOf, true)
      case .unscheduled: continue
      }
      let last =
        judged.collected.map {
          "Last collected: \($0) (due \(judged.due.map(\.description) ?? "now"), \(judged.frequency))."
        } ?? "Never collected (\(judged.frequency))."
      out.append(
        Event(
          day: day, overdue: overdue, kind: "evidence", ids: [judged.control, judged.id],
          uidDate: judged.due.map(ICalendar.date) ?? "never",
          summary: "Collect \(judged.control) \(judged.id)",
          description: "\(Handoff.text(e.description.value))\nSource: \(e.source.value)\n\(last)",
          owner: judged.owner))
    }
    return out
  }

  static func reviewEvents(_ handoff: Handoff) -> [Event] {
    let asOf = handoff.asOf
    let horizon = asOf.adding(days: horizonDays)
    var out: [Event] = []
    for control in handoff.context.implementedControls where handoff.includes(control) {
      guard let due = handoff.context.reviewDueDate(of: control), let last = control.lastReviewed?.value
      else { continue }
      let overdue: Bool
      switch handoff.context.reviewFreshness(of: control) {
      case .stale: overdue = true
      case .fresh, .dueSoon: overdue = false
      default: continue
      }
      guard overdue || due <= horizon else { continue }
      out.append(
        Event(
          day: overdue ? asOf : due, overdue: overdue, kind: "review", ids: [control.id.value],
          uidDate: ICalendar.date(due), summary: "Review control \(control.id.value)",
          description:
            "Review the design of \(control.id.value) (\(control.title.value)): is it still the right control, and is its description still true?\nLast reviewed: \(last) (due \(due)).",
          owner: control.owner.value))
    }
    return out
  }

  /// Reviews of approved policies: due within the horizon, or overdue (a stale policy).
  static func policyEvents(_ handoff: Handoff) -> [Event] {
    let asOf = handoff.asOf
    let horizon = asOf.adding(days: horizonDays)
    var out: [Event] = []
    for p in handoff.report.policies where handoff.includes(owner: p.owner) {
      guard let due = p.due, p.status == .current || p.status == .dueSoon || p.status == .stale else {
        continue
      }
      let overdue = p.status == .stale
      guard overdue || due <= horizon else { continue }
      let approved = p.approvedOn.map { "Approved: \($0)" } ?? "Never approved"
      out.append(
        Event(
          day: overdue ? asOf : due, overdue: overdue, kind: "policy", ids: [p.id],
          uidDate: ICalendar.date(due),
          summary: "Review policy \(p.id)",
          description:
            "Review \(p.title)\(p.version.map { " (version \($0))" } ?? "") and have it approved again by \(p.approver.map { handoff.name(of: $0) } ?? "its approver").\nDocument: \(p.document)\n\(approved) (review due \(due)).",
          owner: p.owner))
    }
    return out
  }
}
