import SoclintModel
import SoclintRules

/// The words about the audit that the coverage formats share.
extension CoverageWording {
  static let operatingDefinition =
    "Under a Type II audit, a requirement operates through the period when it is ready through a control none of whose evidence missed a window of the period so far. Operating is such requirements out of those in scope."

  /// "Type II, 2026-01-01 to 2026-12-31 (365 days): 323 days elapsed, 42 to go", or
  /// "Type I as of 2026-06-30: in 42 days".
  static func audit(_ audit: CoverageReport.Audit) -> String {
    if let period = audit.period {
      return
        "Type II, observation period \(period.start) to \(period.end) (\(count(period.length, "day"))): \(audit.daysElapsed) elapsed, \(audit.daysLeft) to go"
    }
    let day = audit.date.map(\.description) ?? "?"
    let when =
      audit.daysLeft > 0
      ? daysLeft(audit.daysLeft) : audit.daysLeft == 0 ? "today" : "\(count(-audit.daysLeft, "day")) ago"
    return "Type I as of \(day): \(when)"
  }

  /// "; accepted exception until 2027-01-31: REASON", or nothing.
  static func accepted(_ x: CoverageReport.Exception?) -> String {
    guard let x else { return "" }
    return "; accepted exception\(x.until.map { " until \($0)" } ?? ""): \(oneLine(x.reason))"
  }

  /// The windows of an evidence item that the period has missed so far.
  static func missed(_ e: CoverageReport.Evidence) -> [CollectionWindow] {
    (e.windows ?? []).filter { $0.status == .missed }
  }

  /// How many windows of each status: "9 met, 2 missed, 1 pending".
  static func windowCounts(_ windows: [CollectionWindow]) -> String {
    let words = ["met", "missed", "pending", "not-required"]
    return words.compactMap { w -> String? in
      let n = windows.filter { $0.status.word == w }.count
      return n == 0 ? nil : "\(n) \(w == "not-required" ? "not required" : w)"
    }.joined(separator: ", ")
  }

  /// One character a window, for text: `+` met, `x` missed, `.` pending, `-` not required.
  static func strip(_ windows: [CollectionWindow]) -> String {
    String(
      windows.map { w -> Character in
        switch w.status {
        case .met: return "+"
        case .missed: return "x"
        case .pending: return "."
        case .notRequired: return "-"
        }
      })
  }

  /// The evidence items with windows (a Type II audit and a calendar frequency).
  static func windowed(_ report: CoverageReport) -> [CoverageReport.Evidence] {
    report.evidence.filter { !($0.windows ?? []).isEmpty }
  }
}
