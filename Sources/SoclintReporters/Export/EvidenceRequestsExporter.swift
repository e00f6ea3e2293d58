import SoclintModel
import SoclintRules

/// `soclint export requests`: the evidence request list, one row per evidence item of the
/// implemented controls, or under a Type II audit one row per window that has elapsed or is
/// pending (evidence without a calendar frequency keeps one row, without window dates). Rows
/// follow the coverage report's evidence order: by control id, then as the control lists them.
public struct EvidenceRequestsExporter: HandoffExporter {
  /// The columns, in order, as CLI.md names them.
  public static let columns = [
    "control", "evidence", "description", "type", "source", "owner", "owner_email", "window_start",
    "window_end",
    "status", "collected", "ref", "path",
  ]

  /// The exporter, which has no settings.
  public init() {}

  /// The request list as CSV.
  public func export(_ handoff: Handoff) -> [UInt8] {
    var csv = CSV(header: Self.columns)
    let items = Self.items(handoff)
    for judged in handoff.report.evidence where handoff.includes(owner: judged.owner) {
      guard let e = items["\(judged.path):\(judged.line)"] else { continue }
      let common = [
        judged.control, judged.id, Handoff.text(e.description.value), e.type, e.source.value, judged.owner,
        handoff.email(of: judged.owner),
      ]
      let windows = (judged.windows ?? []).filter { $0.status != .notRequired }
      if windows.isEmpty {
        let last = e.lastCollected?.value
        csv.append(common + ["", "", judged.status.rawValue] + collection(last, of: e))
        continue
      }
      for w in windows {
        var met: Day? = nil
        if case .met(let day) = w.status { met = day }
        csv.append(
          common + [w.start.description, w.end.description, w.status.word] + collection(met, of: e))
      }
    }
    return csv.bytes
  }

  /// The evidence items of implemented controls, by the place of their id (as the report keeps it).
  static func items(_ handoff: Handoff) -> [String: Evidence] {
    var out: [String: Evidence] = [:]
    for control in handoff.context.implementedControls {
      for e in control.evidence { out["\(e.id.file.path):\(e.id.range.line)"] = e }
    }
    return out
  }

  /// collected, ref and path: the day, and the ref and path of the collection made that day
  /// (else the evidence's own path).
  func collection(_ day: Day?, of e: Evidence) -> [String] {
    guard let day else { return ["", "", e.path?.value ?? ""] }
    let entry = e.collected.last { $0.date.value == day }
    return [day.description, entry?.ref ?? "", entry?.path?.value ?? e.path?.value ?? ""]
  }
}
