import SoclintModel
import Testing

@Suite struct CalendarTests {
  func day(_ s: String) -> Day { Day(s)! }

  @Test func parsesOnlyRealDays() {
    #expect(Day("2026-02-28") != nil)
    #expect(Day("2026-02-29") == nil)
    #expect(Day("2024-02-29") != nil)
    #expect(Day("1900-02-29") == nil)
    #expect(Day("2000-02-29") != nil)
    #expect(Day("2026-02-30") == nil)
    #expect(Day("2026-13-01") == nil)
    #expect(Day("2026-00-10") == nil)
    #expect(Day("2026-1-01") == nil)
    #expect(Day("26-01-01") == nil)
    #expect(Day("2026-01-01T00:00") == nil)
  }

  @Test func monthsClampToTheMonthsEnd() {
    #expect(day("2026-01-31").adding(months: 1) == day("2026-02-28"))
    #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
    #expect(day("2026-03-31").adding(months: 3) == day("2026-06-30"))
    #expect(day("2026-08-31").adding(months: 6) == day("2027-02-28"))
    #expect(day("2024-02-29").adding(months: 12) == day("2025-02-28"))
    #expect(day("2026-11-30").adding(months: 1) == day("2026-12-30"))
    #expect(day("2026-12-15").adding(months: 1) == day("2027-01-15"))
  }

  @Test func daysCrossYearsAndLeapDays() {
    #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
    #expect(day("2024-02-28").adding(days: 2) == day("2024-03-01"))
    #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
    #expect(day("2026-01-01").days(until: day("2027-01-01")) == 365)
    #expect(day("2024-01-01").days(until: day("2025-01-01")) == 366)
    #expect(Day(ordinal: 0) == day("1970-01-01"))
  }

  /// Days compare by year, month and day; that must be the order of their ordinals, for every
  /// day of a few leap cycles and for days far before year 1 (where saturation lands).
  @Test func orderIsTheOrderOfOrdinals() {
    var ordinals = Array(-1_000_000_000...(-999_998_000)) + Array(-800...800)
    ordinals += Array(stride(from: 18_000, to: 22_000, by: 1)) + [1_000_000_000, 0, -1]
    let days = ordinals.map(Day.init(ordinal:))
    for (a, b) in zip(days, days.dropFirst()) where a.ordinal != b.ordinal {
      #expect((a < b) == (a.ordinal < b.ordinal), "\(a) and \(b)")
      #expect((b < a) == (b.ordinal < a.ordinal), "\(b) and \(a)")
    }
    for (i, a) in days.enumerated() where i % 97 == 0 {
      for b in days where (a < b) != (a.ordinal < b.ordinal) {
        Issue.record("\(a) < \(b) disagrees with their ordinals")
        return
      }
    }
  }

  /// A day is written `YYYY-MM-DD`, zero-padded: the ten bytes written at once for years 1 to
  /// 9999 are what the general padding writes, and read back as the same day.
  @Test func daysAreWrittenAsTheyAreRead() {
    func reference(_ d: Day) -> String {
      func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, w - s.count)) + s
      }
      return "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
    }
    let firstOfYear1 = Day(year: 1, month: 1, day: 1).ordinal
    let lastOf9999 = Day(year: 9999, month: 12, day: 31).ordinal
    var ordinals = Array(firstOfYear1 - 400...firstOfYear1 + 400) + Array(lastOf9999 - 400...lastOf9999 + 400)
    ordinals += Array(stride(from: firstOfYear1, to: lastOf9999, by: 997)) + Array(20_000...21_000)
    for day in ordinals.map(Day.init(ordinal:)) {
      #expect(day.description == reference(day), "\(day.year) \(day.month) \(day.day)")
      if (1...9999).contains(day.year) { #expect(Day(day.description) == day, "\(day)") }
    }
  }

  @Test func durations() {
    #expect(Duration("annual")?.after(day("2025-11-20")) == day("2026-11-20"))
    #expect(Duration("semiannual")?.after(day("2026-01-31")) == day("2026-07-31"))
    #expect(Duration("weekly")?.after(day("2026-11-20")) == day("2026-11-27"))
    #expect(Duration("45d")?.after(day("2026-11-20")) == day("2027-01-04"))
    #expect(Duration("continuous")?.after(day("2026-11-20")) == nil)
    #expect(Duration("on-event")?.isPeriodic == false)
    #expect(Duration("0d") == nil)
    #expect(Duration("07d") == nil)
    #expect(Duration("yearly") == nil)
  }

  @Test func hugeDurationsSaturateInsteadOfTrapping() {
    let far = Duration("9223372036854775807d")?.after(day("2026-01-01"))
    #expect(far != nil && far! > day("9999-12-31"))
    #expect(day("2026-01-01").adding(days: Int.max).adding(days: 1) > day("2026-01-01"))
    #expect(day("2026-01-01").adding(days: Int.min) < day("0001-01-01"))
  }

  @Test func todayIsUTC() {
    #expect(Day.today(now: 0) == day("1970-01-01"))
    #expect(Day.today(now: 86_399) == day("1970-01-01"))
    #expect(Day.today(now: 86_400) == day("1970-01-02"))
  }
}
