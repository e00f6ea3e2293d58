import SoclintModel

extension CoverageReport {
  /// The examination being prepared: the day of a Type I, or the period of a Type II with how far
  /// into it the as-of date is.
  public struct Audit: Sendable {
    /// 1 or 2.
    public let type: Int
    /// A Type I's day; nil for Type II.
    public let date: Day?
    /// A Type II's observation period; nil for Type I.
    public let period: AuditPeriod?
    /// Days from the as-of date to a Type I's day (negative once it has passed); for a Type II,
    /// days of the period still to come after the as-of date.
    public let daysLeft: Int
    /// Days of a Type II's period before the as-of date (0 before it starts); 0 for Type I.
    public let daysElapsed: Int

    init(_ audit: Configuration.Audit, asOf: Day) {
      type = audit.type
      switch audit {
      case .type1(let date):
        self.date = date.value
        period = nil
        daysLeft = asOf.days(until: date.value)
        daysElapsed = 0
      case .type2(let start, let end):
        let period = AuditPeriod(start: start.value, end: end.value)
        self.date = nil
        self.period = period
        daysElapsed = min(max(start.value.days(until: asOf), 0), period.length)
        daysLeft = period.length - daysElapsed
      }
    }
  }

  /// A window's status as reports write it: met (with the day), missed, pending, not required.
  public static func describe(_ window: CollectionWindow) -> String {
    switch window.status {
    case .met(let day): return "met \(day)"
    case .missed: return "missed"
    case .pending: return "pending"
    case .notRequired: return "not required"
    }
  }
}
