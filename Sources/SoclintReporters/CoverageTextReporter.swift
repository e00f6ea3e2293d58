import SoclintModel
import SoclintRules

/// `soclint coverage` for a terminal or a CI log: plain ASCII, no line wider than 100 columns.
/// The summary and what needs attention come first; the full tables follow.
public struct CoverageTextReporter: CoverageRenderer {
  /// The widest a line may be, in columns.
  public static let width = 100

  /// The reporter, which has no settings.
  public init() {}

  /// The report as text for a terminal or a CI log.
  public func render(_ report: CoverageReport) -> String {
    var out = "Readiness assessment as of \(report.asOf)\n"
    if let audit = report.audit { out += wrap("Audit: " + CoverageWording.audit(audit), hanging: 2) }
    out += "\n" + readiness(report)
    out += "\n" + wrap("Requirements: " + CoverageWording.requirementTotals(report), hanging: 2)
    out += wrap("Evidence: " + CoverageWording.evidenceTotals(report), hanging: 2)
    out += attention(report)
    for f in report.frameworks { out += requirements(f) }
    out += evidence(report)
    out += windows(report)
    out += owners(report)
    out += comingDue(report)
    out += policies(report)
    return out
  }

  // MARK: Sections

  func readiness(_ report: CoverageReport) -> String {
    guard !report.frameworks.isEmpty else { return "No framework in the configuration is known.\n" }
    let typeII = report.frameworks.contains { $0.operating != nil }
    var columns: [TextTable.Column] = [
      .init("Framework", max: 36), .init("Ready", align: .right), .init("In scope", align: .right),
      .init("Readiness", align: .right),
    ]
    // Under a Type II audit: "operating through the period", the second figure.
    if typeII { columns += [.init("Operating", align: .right), .init("Through period", align: .right)] }
    var table = TextTable(columns: columns + [.init("", max: 22)])
    func row(
      _ name: String, _ r: CoverageReport.Readiness, _ o: CoverageReport.Readiness?, bar: String
    ) -> [String] {
      var cells = [name, String(r.ready), String(r.inScope), CoverageWording.percent(r)]
      if typeII { cells += [o.map { String($0.ready) } ?? "", o.map(CoverageWording.percent) ?? ""] }
      return cells + [bar]
    }
    for f in report.frameworks {
      table.rows.append(row(f.id, f.readiness, f.operating, bar: bar(f.readiness)))
      for c in f.categories where f.categories.count > 1 || c.name != "uncategorised" {
        table.rows.append(row("  \(c.name)", c.readiness, c.operating, bar: ""))
      }
    }
    return table.render(truncate: true)
  }

  /// `[##########..........]`: 20 cells, each 5 percent, rounded down so that only 100% fills it.
  func bar(_ r: CoverageReport.Readiness) -> String {
    guard let tenths = r.tenths else { return "" }
    let filled = tenths / 50
    return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]"
  }

  func attention(_ report: CoverageReport) -> String {
    let a = CoverageWording.Attention(report)
    var out = "\nNeeds attention\n"
    if a.isEmpty {
      return out + "  Nothing: every requirement in scope is covered and ready, no evidence is stale.\n"
    }
    let byControl = CoverageWording.evidenceByControl(report)
    for (f, r) in a.uncovered {
      out += wrap("  - \(f.id) \(r.id) is uncovered: no implemented or planned control maps it", hanging: 2)
    }
    for (f, r) in a.plannedOnly {
      out += wrap(
        "  - \(f.id) \(r.id) is covered only by planned \(r.plannedControls.count == 1 ? "control" : "controls") \(r.plannedControls.joined(separator: ", "))",
        hanging: 2)
    }
    for (f, r) in a.notReady {
      out += wrap(
        "  - \(f.id) \(r.id) is covered but not ready: \(CoverageWording.blockers(r, byControl: byControl))",
        hanging: 2)
    }
    for e in a.stale {
      var line =
        "  - evidence \(e.control)/\(e.id) is stale: due \(e.due.map(\.description) ?? "?"), owner \(e.owner)"
      if let x = e.exception {
        line +=
          "; accepted exception\(x.until.map { " until \($0)" } ?? ""): \(CoverageWording.oneLine(x.reason))"
      }
      out += wrap(line, hanging: 2)
    }
    for e in a.gaps {
      let missed = CoverageWording.missed(e)
      guard let first = missed.first else { continue }
      out += wrap(
        "  - evidence \(e.control)/\(e.id) missed \(CoverageWording.count(missed.count, "window")) of the audit period, the first \(first.span); owner \(e.owner)\(CoverageWording.accepted(e.gapException))",
        hanging: 2)
    }
    for e in a.neverCollected {
      let future = e.collected.map { ", dated \($0), after the as-of date" } ?? ""
      out += wrap(
        "  - evidence \(e.control)/\(e.id) has never been collected\(future); owner \(e.owner)", hanging: 2)
    }
    for r in a.reviewsOverdue {
      out += wrap("  - the design review of \(r.control) is overdue; owner \(r.owner)", hanging: 2)
    }
    for o in a.handovers {
      let what = o.declared ? "has left (active: false)" : "is not declared in any owners list"
      out += wrap(
        "  - owner \(o.id) \(what) but still owns \(CoverageWording.count(o.controls.count + o.plannedControls.count, "control")) and \(CoverageWording.count(o.evidence.count, "evidence item"))",
        hanging: 2)
    }
    out += policyAttention(a, asOf: report.asOf)
    return out
  }

  func requirements(_ f: CoverageReport.Framework) -> String {
    var out = "\n" + wrap("Requirements of \(f.id): \(CoverageWording.oneLine(f.title))", hanging: 2)
    var table = TextTable(columns: [
      .init("Id", max: 12), .init("Status", max: 18), .init("Controls", max: 24), .init("Title"),
    ])
    for r in f.requirements where r.status != .outOfScope {
      var controls = r.controls
      if !r.plannedControls.isEmpty {
        controls.append("planned: " + r.plannedControls.joined(separator: ", "))
      }
      var about = CoverageWording.oneLine(r.title)
      if let reason = r.reason { about += " (excluded: \(CoverageWording.oneLine(reason)))" }
      table.rows.append([
        r.id, CoverageWording.label(r), controls.isEmpty ? "-" : controls.joined(separator: ", "), about,
      ])
    }
    if !table.rows.isEmpty { out += table.render() }
    let outside = CoverageWording.outOfScopeSummary(f)
    if !outside.isEmpty {
      out += wrap("  Out of scope: " + outside.joined(separator: "; "), hanging: 2)
    }
    return out
  }

  func evidence(_ report: CoverageReport) -> String {
    var out =
      "\nEvidence of implemented controls (due soon: within \(CoverageWording.count(report.dueSoonDays, "day")))\n"
    guard !report.evidence.isEmpty else { return out + "  None.\n" }
    var table = TextTable(columns: [
      .init("Control", max: 14), .init("Evidence", max: 28), .init("Status", max: 17), .init("Collected"),
      .init("Due"), .init("Owner"),
    ])
    var exceptions: [CoverageReport.Evidence] = []
    for e in report.evidence {
      var status = CoverageWording.label(e.status)
      if e.exception != nil {
        exceptions.append(e)
        status += " *"
      }
      table.rows.append([
        e.control, e.id, status, e.collected?.description ?? "-", e.due?.description ?? "-", e.owner,
      ])
    }
    out += table.render()
    for e in exceptions {
      guard let x = e.exception else { continue }
      out += wrap(
        "  * \(e.control)/\(e.id): accepted exception\(x.until.map { " until \($0)" } ?? "") (\(x.path):\(x.line)): \(CoverageWording.oneLine(x.reason))",
        hanging: 2)
    }
    return out
  }

  /// Under a Type II audit, each evidence item's windows as a strip of characters.
  func windows(_ report: CoverageReport) -> String {
    guard let period = report.audit?.period else { return "" }
    let out =
      "\n"
      + wrap(
        "Collection windows of the audit period \(period.start) to \(period.end) (+ met, x missed, . pending, - not required)",
        hanging: 2)
    let items = CoverageWording.windowed(report)
    guard !items.isEmpty else { return out + "  No evidence with a calendar frequency.\n" }
    var table = TextTable(columns: [
      .init("Control", max: 14), .init("Evidence", max: 24), .init("Windows", max: 26), .init("Counts"),
    ])
    for e in items {
      var counts = CoverageWording.windowCounts(e.windows ?? [])
      if let on = e.implementedOn, on > period.start { counts += "; started \(on)" }
      table.rows.append([e.control, e.id, CoverageWording.strip(e.windows ?? []), counts])
    }
    return out + table.render()
  }

  func owners(_ report: CoverageReport) -> String {
    let out = "\nOwners\n"
    guard !report.owners.isEmpty else { return out + "  None declared.\n" }
    var table = TextTable(columns: [
      .init("Owner", max: 24), .init("Controls", align: .right), .init("Evidence", align: .right),
      .init("Stale", align: .right), .init("Due soon", align: .right), .init("Never", align: .right),
      .init("Reviews late", align: .right), .init("Note"),
    ])
    for o in report.owners {
      var note = o.role ?? ""
      if !o.declared { note = "not declared" } else if !o.active { note = "inactive" }
      if o.needsHandover { note += ", must hand over" }
      table.rows.append([
        o.id, String(o.controls.count + o.plannedControls.count), String(o.evidence.count),
        String(o.stale.count),
        String(o.dueSoon.count), String(o.neverCollected.count), String(o.reviewsOverdue.count), note,
      ])
    }
    return out + table.render()
  }

  func comingDue(_ report: CoverageReport) -> String {
    let out = "\nComing due in the next \(CoverageReport.comingDueDays) days\n"
    guard !report.comingDue.isEmpty else { return out + "  Nothing.\n" }
    var table = TextTable(columns: [
      .init("Due"), .init("In", align: .right), .init("What", max: 60), .init("Owner"),
    ])
    for d in report.comingDue {
      let what = d.kind == .review ? "review of \(d.control)" : "evidence \(d.control)/\(d.evidence ?? "")"
      table.rows.append([d.date.description, d.daysLeft == 0 ? "today" : "\(d.daysLeft)d", what, d.owner])
    }
    return out + table.render()
  }

  // MARK: Layout

  /// Word-wraps a line to the width; continuation lines indented by `hanging`.
  func wrap(_ text: String, hanging: Int) -> String {
    TextTable.wrap(text, width: CoverageTextReporter.width, hanging: hanging).joined(separator: "\n") + "\n"
  }
}

/// A plain text table: columns as wide as their widest cell (up to a maximum), the last one
/// taking what is left of the line; cells that do not fit wrap onto more lines.
struct TextTable {
  struct Column {
    enum Align { case left, right }
    let header: String
    let max: Int?
    let align: Align

    init(_ header: String, max: Int? = nil, align: Align = .left) {
      self.header = header
      self.max = max
      self.align = align
    }
  }

  let columns: [Column]
  var rows: [[String]] = []
  var indent = 2
  var gap = 2
  var width = CoverageTextReporter.width

  init(columns: [Column]) {
    self.columns = columns
  }

  /// `truncate`: one line a row, cutting what does not fit with "..." (for the summary).
  func render(truncate: Bool = false) -> String {
    var widths = columns.enumerated().map { i, c in
      let widest = rows.map { $0[i].count }.max() ?? 0
      return Swift.min(Swift.max(c.header.count, widest), c.max ?? Int.max)
    }
    // The last column gets what is left, at least 12 columns.
    let fixed = indent + widths.dropLast().reduce(0, +) + gap * (columns.count - 1)
    widths[widths.count - 1] = Swift.max(12, Swift.min(widths[widths.count - 1], width - fixed))
    var out = ""
    func line(_ cells: [String]) {
      var text = String(repeating: " ", count: indent)
      for (i, cell) in cells.enumerated() {
        let pad = String(repeating: " ", count: Swift.max(0, widths[i] - cell.count))
        let isLast = i == cells.count - 1
        if columns[i].align == .right {
          text += pad + cell
        } else {
          text += cell + (isLast ? "" : pad)
        }
        if !isLast { text += String(repeating: " ", count: gap) }
      }
      while text.hasSuffix(" ") { text.removeLast() }
      out += text + "\n"
    }
    line(columns.map(\.header))
    line(widths.map { String(repeating: "-", count: $0) })
    for row in rows {
      let cells = row.enumerated().map { i, cell in
        truncate ? [TextTable.cut(cell, widths[i])] : TextTable.wrap(cell, width: widths[i], hanging: 0)
      }
      let height = cells.map(\.count).max() ?? 1
      for k in 0..<height {
        line(cells.map { k < $0.count ? $0[k] : "" })
      }
    }
    return out
  }

  static func cut(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(Swift.max(0, width - 3))) + "..."
  }

  /// Breaks text at spaces so no line exceeds the width; continuation lines are indented by
  /// `hanging` more than the first line's own leading spaces. A word longer than a line is cut.
  static func wrap(_ text: String, width: Int, hanging: Int) -> [String] {
    guard text.count > width else { return [text] }
    let lead = text.prefix { $0 == " " }.count
    let first = width - lead
    let room = Swift.max(8, width - lead - hanging)
    var lines: [String] = []
    var current = ""
    for word in text.dropFirst(lead).split(separator: " ").map(String.init) {
      let limit = lines.isEmpty ? first : room
      if current.isEmpty {
        current = word
      } else if current.count + 1 + word.count <= limit {
        current += " " + word
        continue
      } else {
        lines.append(current)
        current = word
      }
      while current.count > (lines.isEmpty ? first : room) {
        let r = lines.isEmpty ? first : room
        lines.append(String(current.prefix(r)))
        current = String(current.dropFirst(r))
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    let firstPad = String(repeating: " ", count: lead)
    let pad = String(repeating: " ", count: lead + hanging)
    return lines.enumerated().map { ($0.offset == 0 ? firstPad : pad) + $0.element }
  }
}
