/// A calendar day in the proleptic Gregorian calendar, with the arithmetic FORMAT.md defines.
/// No time zones: dates in controls are days, and "today" is taken in UTC.
///
/// A day is stored as its one number, days since 1970-01-01: the staleness rules compare,
/// subtract and add days of every evidence item several times, and each of those was a
/// conversion between the calendar and that number (with its divisions); year, month and day
/// are computed when asked, for messages and month arithmetic. It is also 8 bytes where three
/// numbers were 24, in every located date of the model.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Days since 1970-01-01 (before it when negative).
  public let ordinal: Int

  /// The year, such as 2026.
  public var year: Int { Day.civil(ordinal).year }
  /// The month, 1 to 12.
  public var month: Int { Day.civil(ordinal).month }
  /// The day of the month, from 1.
  public var day: Int { Day.civil(ordinal).day }

  /// Parses `YYYY-MM-DD` naming a real day (`2026-02-30` is nil).
  public init?(_ text: String) {
    // Read in the string's own bytes: a copy into an array was an allocation for every date of
    // every control.
    var text = text
    guard
      let (y, m, d) = text.withUTF8({ u -> (Int, Int, Int)? in
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
          var v = 0
          for i in r {
            guard u[i] >= 48 && u[i] <= 57 else { return nil }
            v = v * 10 + Int(u[i] - 48)
          }
          return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return (y, m, d)
      })
    else { return nil }
    guard (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// A day from its parts, unchecked: the caller knows they name a real day.
  public init(year: Int, month: Int, day: Int) {
    ordinal = Day.ordinal(year: year, month: month, day: day)
  }

  /// Whether `y` is a leap year of the Gregorian calendar.
  public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  /// How many days `month` (1 to 12) has in `year`.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a day given by its parts (Howard Hinnant's days_from_civil).
  static func ordinal(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The year, month and day `z0` days after 1970-01-01 (Howard Hinnant's civil_from_days).
  static func civil(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The day `z0` days after 1970-01-01 (before it when negative).
  public init(ordinal z0: Int) {
    ordinal = z0
  }

  /// About 2.7 million years either side of 1970: far past any real date, and small enough
  /// that no calendar arithmetic overflows. A duration such as `9223372036854775807d` saturates.
  static let ordinalLimit = 1_000_000_000

  /// The day `n` days later (earlier when `n` is negative), saturating about 2.7 million years
  /// either side of 1970.
  public func adding(days n: Int) -> Day {
    let (sum, overflow) = ordinal.addingReportingOverflow(n)
    let bounded = overflow ? (n > 0 ? Day.ordinalLimit : -Day.ordinalLimit) : sum
    return Day(ordinal: min(max(bounded, -Day.ordinalLimit), Day.ordinalLimit))
  }

  /// Adds calendar months, clamping to the month's last day (01-31 + 1 month = 02-28).
  public func adding(months n: Int) -> Day {
    let (year, month, day) = Day.civil(ordinal)
    let total = year * 12 + (month - 1) + n
    let y = total >= 0 ? total / 12 : (total - 11) / 12
    let m = total - y * 12 + 1
    return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))
  }

  /// The number of days from this day to `other`; negative when `other` is earlier.
  public func days(until other: Day) -> Int { other.ordinal - ordinal }

  /// Today in UTC.
  public static func today(now secondsSince1970: Double) -> Day {
    Day(ordinal: Int((secondsSince1970 / 86400).rounded(.down)))
  }

  /// Whether `a` is earlier than `b`.
  public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

  /// The day as `YYYY-MM-DD`, as controls write dates.
  public var description: String {
    let (year, month, day) = Day.civil(ordinal)
    // The ten bytes of a day of years 1 to 9999 (all that controls write) at once: the general
    // padding below cost 2,600 instructions a day, for every message that names one.
    if (1...9999).contains(year) {
      return String(unsafeUninitializedCapacity: 10) { buffer in
        func put(_ value: Int, width: Int, at offset: Int) {
          var rest = value
          for i in stride(from: offset + width - 1, through: offset, by: -1) {
            buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
          }
        }
        put(year, width: 4, at: 0)
        buffer[4] = UInt8(ascii: "-")
        put(month, width: 2, at: 5)
        buffer[7] = UInt8(ascii: "-")
        put(day, width: 2, at: 8)
        return 10
      }
    }
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}

/// How often something happens: FORMAT.md's durations.
public enum Duration: Sendable, Hashable, CustomStringConvertible {
  /// Always on, such as a monitoring alert: never due by the calendar.
  case continuous
  /// `on-event`: done when something happens, such as on every hire; never due by the calendar.
  case onEvent
  /// A period of whole days (`daily`, `weekly`, `45d`), with the word it was written as.
  case days(Int, name: String)
  /// A period of calendar months (`monthly`, `quarterly`, `semiannual`, `annual`), with the word it was
  /// written as.
  case months(Int, name: String)

  /// Parses a duration as FORMAT.md writes it (a word such as `quarterly`, or days such as `45d`), or
  /// gives nil.
  public init?(_ text: String) {
    switch text {
    case "continuous": self = .continuous
    case "on-event": self = .onEvent
    case "daily": self = .days(1, name: text)
    case "weekly": self = .days(7, name: text)
    case "monthly": self = .months(1, name: text)
    case "quarterly": self = .months(3, name: text)
    case "semiannual": self = .months(6, name: text)
    case "annual": self = .months(12, name: text)
    default:
      guard text.count >= 2, text.hasSuffix("d"), let n = Int(text.dropLast()), n > 0,
        text.first != "0", text.first != "+"
      else { return nil }
      self = .days(n, name: text)
    }
  }

  /// Whether the duration is a period; `continuous` and `on-event` are not.
  public var isPeriodic: Bool {
    switch self {
    case .continuous, .onEvent: return false
    default: return true
    }
  }

  /// The day one period after `day`, or nil when there is no period.
  public func after(_ day: Day) -> Day? {
    switch self {
    case .continuous, .onEvent: return nil
    case .days(let n, _): return day.adding(days: n)
    case .months(let n, _): return day.adding(months: n)
    }
  }

  /// A period's nominal length in days, to compare two periods (a month is 365.2425/12 days).
  public var nominalDays: Double? {
    switch self {
    case .continuous, .onEvent: return nil
    case .days(let n, _): return Double(n)
    case .months(let n, _): return Double(n) * 365.2425 / 12
    }
  }

  /// The duration as written (`quarterly`, `45d`).
  public var description: String {
    switch self {
    case .continuous: return "continuous"
    case .onEvent: return "on-event"
    case .days(_, let name), .months(_, let name): return name
    }
  }
}
