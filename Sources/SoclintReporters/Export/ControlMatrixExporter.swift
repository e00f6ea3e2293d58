import SoclintModel
import SoclintRules

/// `soclint export matrix`: the control matrix an auditor works from, one row per control and
/// requirement it maps (a control that maps none: one row with empty framework and
/// requirement), implemented and planned controls, sorted by framework, requirement (in the
/// framework's order) and control.
public struct ControlMatrixExporter: HandoffExporter {
  /// The columns, in order, as CLI.md names them.
  public static let columns = [
    "framework", "requirement", "requirement_title", "control", "control_title", "description", "status",
    "owner",
    "owner_email", "type", "automation", "frequency", "evidence", "policies", "last_reviewed",
  ]

  /// The exporter, which has no settings.
  public init() {}

  struct Row {
    let framework: String
    let order: Int
    let requirement: String
    let requirementTitle: String
    let control: Control
  }

  /// The matrix as CSV.
  public func export(_ handoff: Handoff) -> [UInt8] {
    var rows: [Row] = []
    for control in handoff.activeControls where handoff.includes(control) {
      var mapped = false
      for entry in control.criteria {
        let framework = handoff.context.frameworks[entry.framework.value]
        for id in entry.requirements {
          mapped = true
          let index = framework?.requirements.firstIndex { $0.id == id.value }
          rows.append(
            Row(
              framework: entry.framework.value, order: index ?? Int.max, requirement: id.value,
              requirementTitle: index.map { framework!.requirements[$0].title } ?? "", control: control))
        }
      }
      if !mapped {
        rows.append(Row(framework: "", order: -1, requirement: "", requirementTitle: "", control: control))
      }
    }
    var csv = CSV(header: Self.columns)
    for row in ControlMatrixExporter.sorted(rows) { csv.append(fields(row, handoff)) }
    return csv.bytes
  }

  static func sorted(_ rows: [Row]) -> [Row] {
    rows.enumerated().sorted { a, b in
      let x = a.element
      let y = b.element
      if x.framework != y.framework { return x.framework.utf8.lexicographicallyPrecedes(y.framework.utf8) }
      if x.order != y.order { return x.order < y.order }
      if x.requirement != y.requirement {
        return x.requirement.utf8.lexicographicallyPrecedes(y.requirement.utf8)
      }
      if x.control.id.value != y.control.id.value {
        return x.control.id.value.utf8.lexicographicallyPrecedes(y.control.id.value.utf8)
      }
      return a.offset < b.offset
    }.map(\.element)
  }

  func fields(_ row: Row, _ handoff: Handoff) -> [String] {
    let c = row.control
    return [
      row.framework, row.requirement, row.requirementTitle, c.id.value, c.title.value,
      Handoff.text(c.description.value), c.status.rawValue, c.owner.value, handoff.email(of: c.owner.value),
      c.type ?? "", c.automation ?? "", c.frequency.value.description,
      c.evidence.map(\.id.value).joined(separator: "; "),
      c.policies.map(\.value).joined(separator: "; "),
      c.lastReviewed?.value.description ?? "",
    ]
  }
}
