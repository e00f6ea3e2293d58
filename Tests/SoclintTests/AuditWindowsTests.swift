import SoclintModel
import Testing

/// FORMAT.md's window arithmetic ("The audit"), case by case.
@Suite struct AuditWindowsTests {
  func day(_ s: String) -> Day { Day(s)! }
  func period(_ start: String, _ end: String) -> AuditPeriod { AuditPeriod(start: day(start), end: day(end)) }
  func spans(_ frequency: String, _ start: String, _ end: String) -> [String] {
    AuditWindows.spans(of: Duration(frequency)!, in: period(start, end)).map { "\($0.start)..\($0.end)" }
  }
  func statuses(
    _ frequency: String, _ p: AuditPeriod, grace: Int = 0, implementedOn: String? = nil, collected: [String],
    asOf: String
  ) -> [String] {
    AuditWindows.windows(
      of: Duration(frequency)!, in: p, graceDays: grace, implementedOn: implementedOn.map(day),
      collections: collected.map(day), asOf: day(asOf)
    ).map {
      if case .met(let d) = $0.status { return "met \(d)" }
      return $0.status.word
    }
  }

  @Test func quartersOfACalendarYear() {
    #expect(
      spans("quarterly", "2026-01-01", "2026-12-31") == [
        "2026-01-01..2026-03-31", "2026-04-01..2026-06-30", "2026-07-01..2026-09-30",
        "2026-10-01..2026-12-31",
      ])
  }

  @Test func monthsAreCountedFromTheStartSoTheyDoNotDrift() {
    // Chained, 01-31 + 1 month = 02-28 and + 1 more = 03-28; from the start it is 03-31.
    #expect(
      spans("monthly", "2026-01-31", "2026-05-30") == [
        "2026-01-31..2026-02-27", "2026-02-28..2026-03-30", "2026-03-31..2026-04-29",
        "2026-04-30..2026-05-30",
      ])
  }

  @Test func leapDays() {
    #expect(
      spans("annual", "2024-02-29", "2026-03-31") == [
        "2024-02-29..2025-02-27", "2025-02-28..2026-02-27", "2026-02-28..2026-03-31",
      ])
    #expect(
      spans("monthly", "2024-01-30", "2024-03-29") == ["2024-01-30..2024-02-28", "2024-02-29..2024-03-29"])
  }

  @Test func daysWeeksAndAShorterLastWindow() {
    #expect(
      spans("45d", "2026-01-01", "2026-04-30") == [
        "2026-01-01..2026-02-14", "2026-02-15..2026-03-31", "2026-04-01..2026-04-30",
      ])
    #expect(
      spans("weekly", "2026-01-01", "2026-01-20") == [
        "2026-01-01..2026-01-07", "2026-01-08..2026-01-14", "2026-01-15..2026-01-20",
      ])
    #expect(
      spans("daily", "2026-03-01", "2026-03-03") == [
        "2026-03-01..2026-03-01", "2026-03-02..2026-03-02", "2026-03-03..2026-03-03",
      ])
  }

  @Test func aPeriodShorterThanOneWindowIsOneWindow() {
    #expect(spans("annual", "2026-07-01", "2026-12-31") == ["2026-07-01..2026-12-31"])
    #expect(spans("quarterly", "2026-05-10", "2026-05-10") == ["2026-05-10..2026-05-10"])
  }

  @Test func noPeriodNoWindows() {
    #expect(spans("continuous", "2026-01-01", "2026-12-31").isEmpty)
    #expect(spans("on-event", "2026-01-01", "2026-12-31").isEmpty)
  }

  @Test func asOfInsideThePeriod() {
    let year = period("2026-01-01", "2026-12-31")
    #expect(
      statuses("quarterly", year, collected: ["2026-02-10", "2026-08-01"], asOf: "2026-08-15") == [
        "met 2026-02-10", "missed", "met 2026-08-01", "pending",
      ])
    // The window of the as-of date is pending until it and its grace days are over.
    #expect(
      statuses("quarterly", year, collected: [], asOf: "2026-03-31") == [
        "pending", "pending", "pending", "pending",
      ])
    #expect(
      statuses("quarterly", year, collected: [], asOf: "2026-04-01") == [
        "missed", "pending", "pending", "pending",
      ])
  }

  @Test func asOfAfterThePeriod() {
    let year = period("2026-01-01", "2026-12-31")
    #expect(
      statuses("semiannual", year, collected: ["2026-06-30", "2026-12-31"], asOf: "2027-03-01") == [
        "met 2026-06-30", "met 2026-12-31",
      ])
    #expect(
      statuses("semiannual", year, collected: ["2026-06-30"], asOf: "2027-03-01") == [
        "met 2026-06-30", "missed",
      ])
  }

  @Test func graceDaysMeetALateCollectionAndDelayTheMiss() {
    let year = period("2026-01-01", "2026-12-31")
    // 04-05 is 5 days after Q1 ends: with 7 grace days it meets Q1 (and Q2, on its days).
    #expect(
      statuses("quarterly", year, grace: 7, collected: ["2026-04-05"], asOf: "2026-07-05") == [
        "met 2026-04-05", "met 2026-04-05", "pending", "pending",
      ])
    #expect(
      statuses("quarterly", year, grace: 0, collected: ["2026-04-05"], asOf: "2026-07-05") == [
        "missed", "met 2026-04-05", "pending", "pending",
      ])
    // Q2 ends 06-30; with 7 grace days it is still pending on 07-07 and missed on 07-08.
    #expect(statuses("quarterly", year, grace: 7, collected: [], asOf: "2026-07-07")[1] == "pending")
    #expect(statuses("quarterly", year, grace: 7, collected: [], asOf: "2026-07-08")[1] == "missed")
  }

  @Test func collectionsOutsideThePeriodCountForNoWindow() {
    let year = period("2026-01-01", "2026-12-31")
    #expect(
      statuses("quarterly", year, grace: 10, collected: ["2025-12-30", "2027-01-05"], asOf: "2027-02-01") == [
        "missed", "missed", "missed", "missed",
      ])
  }

  @Test func windowsBeforeImplementedOnAreNotRequired() {
    let year = period("2026-01-01", "2026-12-31")
    // Implemented on 04-01: Q1 ended before it; Q2 starts that day and is required.
    #expect(
      statuses("quarterly", year, implementedOn: "2026-04-01", collected: ["2026-05-02"], asOf: "2026-11-20")
        == [
          "not-required", "met 2026-05-02", "missed", "pending",
        ])
    // A window that the control started inside is still required.
    #expect(
      statuses("quarterly", year, implementedOn: "2026-03-31", collected: [], asOf: "2026-11-20")[0]
        == "missed")
  }

  @Test func aHugeDayPeriodDoesNotOverflow() {
    #expect(spans("9223372036854775807d", "2026-01-01", "2026-12-31") == ["2026-01-01..2026-12-31"])
  }

  /// The example the README gives.
  @Test func theReadmesExample() {
    let year = period("2026-01-01", "2026-12-31")
    let collected = ["2026-01-14", "2026-07-03", "2026-10-04"]
    #expect(
      statuses("quarterly", year, grace: 5, collected: collected, asOf: "2026-11-20") == [
        "met 2026-01-14", "met 2026-07-03", "met 2026-07-03", "met 2026-10-04",
      ])
    #expect(statuses("quarterly", year, grace: 0, collected: collected, asOf: "2026-11-20")[1] == "missed")
  }
}
