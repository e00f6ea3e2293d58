/// The observation period of a Type II audit: from `start` to `end`, both days included.
public struct AuditPeriod: Sendable, Hashable {
  /// The first day of the period.
  public let start: Day
  /// The last day of the period.
  public let end: Day

  /// A period from its first and last day.
  public init(start: Day, end: Day) {
    self.start = start
    self.end = end
  }

  /// How many days the period has, both ends included.
  public var length: Int { start.days(until: end) + 1 }
}

/// Where one collection window stands on the as-of date.
public enum WindowStatus: Sendable, Hashable {
  /// A collection fell in the window or within the grace days after it: the day it was made.
  case met(Day)
  /// The window (and its grace days) elapsed with no collection.
  case missed
  /// The window has not elapsed yet and has no collection so far.
  case pending
  /// The window ended before the control began to operate.
  case notRequired

  /// The word reports use: met, missed, pending, not-required.
  public var word: String {
    switch self {
    case .met: return "met"
    case .missed: return "missed"
    case .pending: return "pending"
    case .notRequired: return "not-required"
    }
  }
}

/// One window of an observation period in which evidence must be collected once.
public struct CollectionWindow: Sendable, Hashable {
  /// The window's first day.
  public let start: Day
  /// The window's last day (the period's end for the last, shorter, window).
  public let end: Day
  /// Where it stands on the as-of date.
  public let status: WindowStatus

  /// A window from its days and status.
  public init(start: Day, end: Day, status: WindowStatus) {
    self.start = start
    self.end = end
    self.status = status
  }

  /// The window's days as reports write them: `2026-04-01 to 2026-06-30`.
  public var span: String { start == end ? "\(start)" : "\(start) to \(end)" }
}

/// FORMAT.md's window arithmetic ("The audit"): the period is cut into windows of the evidence's
/// frequency, each computed from the period's start so that months do not drift, and each judged
/// against the collections.
public enum AuditWindows {
  /// The windows of `period` for evidence collected every `frequency`, judged on `asOf`: a window
  /// is met by a collection made on one of its days or within `graceDays` after its last day
  /// (collections outside the period count for no window); elapsed once its last day plus the
  /// grace days is before `asOf`; not required when it ends before `implementedOn`. Empty for
  /// `continuous` and `on-event`, which have no period.
  public static func windows(
    of frequency: Duration, in period: AuditPeriod, graceDays: Int, implementedOn: Day?, collections: [Day],
    asOf: Day
  ) -> [CollectionWindow] {
    let dates = collections.filter { $0 >= period.start && $0 <= period.end }.sorted()
    return spans(of: frequency, in: period).map { span in
      let status: WindowStatus
      let graceEnd = span.end.adding(days: graceDays)
      if let implementedOn, span.end < implementedOn {
        status = .notRequired
      } else if let met = firstDate(in: dates, from: span.start, through: graceEnd) {
        status = .met(met)
      } else if graceEnd < asOf {
        status = .missed
      } else {
        status = .pending
      }
      return CollectionWindow(start: span.start, end: span.end, status: status)
    }
  }

  /// The windows' first and last days, without judging them. Window k starts k periods after the
  /// period's start (calendar months clamp to the month's last day); the last ends at the period's end.
  public static func spans(of frequency: Duration, in period: AuditPeriod) -> [(start: Day, end: Day)] {
    guard frequency.isPeriodic, period.start <= period.end else { return [] }
    var spans: [(start: Day, end: Day)] = []
    var k = 0
    var start = period.start
    while start <= period.end {
      let next = self.start(of: k + 1, frequency: frequency, from: period.start)
      spans.append((start, min(next.adding(days: -1), period.end)))
      k += 1
      start = next
    }
    return spans
  }

  /// The first day of window `k`, computed from the period's start rather than from the window
  /// before, so that 01-31 + 2 months is 03-31, not 03-28.
  static func start(of k: Int, frequency: Duration, from start: Day) -> Day {
    switch frequency {
    case .days(let n, _):
      let (product, overflow) = n.multipliedReportingOverflow(by: k)
      return start.adding(days: overflow ? Int.max : product)
    case .months(let n, _): return start.adding(months: n * k)
    case .continuous, .onEvent: return start
    }
  }

  /// The earliest of the sorted `dates` from `first` through `last`, both included.
  static func firstDate(in dates: [Day], from first: Day, through last: Day) -> Day? {
    var low = 0
    var high = dates.count
    while low < high {
      let mid = (low + high) / 2
      if dates[mid] < first { low = mid + 1 } else { high = mid }
    }
    return low < dates.count && dates[low] <= last ? dates[low] : nil
  }
}
