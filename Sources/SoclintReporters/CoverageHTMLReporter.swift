import SoclintModel
import SoclintRules

/// `soclint coverage --format html`: one self-contained page to hand to leadership and the
/// auditor. Nothing is fetched from anywhere (no script, style sheet, font or image, not even a
/// namespace URI), so it works offline, from an attachment and on paper. Every status is
/// written as a word and drawn with its own border and pattern as well as its colour, so it
/// reads in grey print and for colour-blind readers. The markup is well-formed XML as well as
/// HTML, so tools can parse it.
public struct CoverageHTMLReporter: CoverageRenderer {
  /// The reporter, which has no settings.
  public init() {}

  /// The whole page for the report.
  public func render(_ report: CoverageReport) -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
    out += "<meta name=\"generator\" content=\"\(ReportContext.toolName) \(ReportContext.toolVersion)\"/>\n"
    out += "<title>Readiness assessment as of \(report.asOf)</title>\n"
    let policyStyle = report.policies.isEmpty ? "" : CoverageHTMLReporter.policyStyle
    out +=
      "<style>\n\(CoverageHTMLReporter.style)\(CoverageHTMLReporter.windowStyle)\(policyStyle)</style>\n</head>\n<body>\n"
    out += masthead(report)
    out += "<main class=\"page\">\n"
    out += scorecards(report)
    out += glance(report)
    out += attention(report)
    out += grids(report)
    out += windows(report)
    out += timeline(report)
    out += owners(report)
    out += policies(report)
    out += register(report)
    out += colophon(report)
    out += "</main>\n</body>\n</html>\n"
    return out
  }

  // MARK: Sections

  func masthead(_ report: CoverageReport) -> String {
    let t = report.totals
    let facts = [
      CoverageWording.count(t.implementedControls, "implemented control"),
      t.plannedControls > 0 ? "\(t.plannedControls) planned" : nil,
      CoverageWording.count(report.evidence.count, "evidence item"),
      CoverageWording.count(t.owners, "owner"),
    ].compactMap { $0 }
    return """
      <header class="masthead">
      <div class="page">
      <p class="eyebrow">SOC readiness assessment</p>
      <h1>Controls readiness as of <time datetime="\(report.asOf)">\(Self.longDate(report.asOf))</time></h1>
      <p class="facts">\(h(facts.joined(separator: " · ")))</p>
      \(report.audit.map { "<p class=\"audit-line\">Audit: \(h(CoverageWording.audit($0)))</p>" } ?? "")
      </div>
      </header>

      """
  }

  func scorecards(_ report: CoverageReport) -> String {
    var out =
      "<section class=\"scorecards\" aria-labelledby=\"readiness\">\n<h2 id=\"readiness\" class=\"sr\">Readiness by framework</h2>\n"
    if report.frameworks.isEmpty {
      out += "<p class=\"empty-note\">No framework in the configuration is known.</p>\n"
    }
    for f in report.frameworks {
      let r = f.readiness
      let tenths = r.tenths ?? 0
      let tone =
        r.tenths == nil
        ? "none" : tenths >= 1000 ? "full" : tenths >= 800 ? "high" : tenths >= 500 ? "mid" : "low"
      out += "<article class=\"card\">\n"
      out +=
        "<div class=\"ring tone-\(tone)\" style=\"--p: \(tenths / 10).\(tenths % 10)\" role=\"img\" aria-label=\"\(a(CoverageWording.percent(r))) ready\">"
      out +=
        "<span class=\"ring-value\">\(h(r.percentText ?? "n/a"))<small>\(r.percentText == nil ? "" : "%")</small></span></div>\n"
      out += "<div class=\"card-body\">\n<p class=\"card-id\">\(h(Self.displayName(f.id)))</p>\n"
      out += "<h3 class=\"card-title\">\(h(f.title))</h3>\n"
      out +=
        "<p class=\"card-fraction\"><strong>\(r.ready)</strong> of \(CoverageWording.count(r.inScope, "requirement")) in scope ready</p>\n"
      out += "<p class=\"card-breakdown\">\(h(Self.breakdown(f)))</p>\n"
      if let o = f.operating { out += operatingLine(o) }
      if !(f.categories.count == 1 && f.categories[0].name == "uncategorised") && !f.categories.isEmpty {
        out += "<table class=\"cats\">\n<caption class=\"sr\">Readiness of \(h(f.id)) by category</caption>\n"
        out +=
          "<thead class=\"sr\"><tr><th scope=\"col\">Category</th><th scope=\"col\">Progress</th><th scope=\"col\">Ready</th><th scope=\"col\">Readiness</th></tr></thead>\n<tbody>\n"
        for c in f.categories {
          let ct = c.readiness.tenths ?? 0
          out += "<tr><th scope=\"row\">\(h(c.name))</th>"
          out +=
            "<td class=\"minibar\"><span class=\"minibar-fill\" style=\"width: \(ct / 10).\(ct % 10)%\"></span></td>"
          out += "<td class=\"num\">\(c.readiness.ready)/\(c.readiness.inScope)</td>"
          out += "<td class=\"num pct\">\(h(CoverageWording.percent(c.readiness)))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
      }
      out += "</div>\n</article>\n"
    }
    return out + "</section>\n"
  }

  func glance(_ report: CoverageReport) -> String {
    var requirementCounts: [String: Int] = [:]
    for f in report.frameworks {
      for r in f.requirements { requirementCounts[Self.tileClass(r), default: 0] += 1 }
    }
    var out =
      "<section class=\"glance\" aria-labelledby=\"glance\">\n<h2 id=\"glance\">At a glance</h2>\n<div class=\"glance-grid\">\n"
    out += "<div class=\"panel\">\n<h3>Requirements</h3>\n<ul class=\"legend-list\">\n"
    for (cls, label) in Self.requirementLegend where (requirementCounts[cls] ?? 0) > 0 {
      out +=
        "<li><span class=\"swatch \(cls)\"></span><strong>\(requirementCounts[cls] ?? 0)</strong> \(h(label))</li>\n"
    }
    out += "</ul>\n</div>\n"

    let total = report.evidence.count
    out += "<div class=\"panel\">\n<h3>Evidence</h3>\n"
    if total > 0 {
      out += "<div class=\"stack\" role=\"img\" aria-label=\"\(a(CoverageWording.evidenceTotals(report)))\">"
      for s in Self.evidenceOrder {
        let n = report.totals.evidence[s] ?? 0
        guard n > 0 else { continue }
        let per = n * 1000 / total
        out += "<span class=\"seg ev-\(s.rawValue)\" style=\"width: \(per / 10).\(per % 10)%\"></span>"
      }
      out += "</div>\n"
    }
    out += "<ul class=\"legend-list\">\n"
    for s in Self.evidenceOrder {
      let n = report.totals.evidence[s] ?? 0
      guard n > 0 || s == .stale else { continue }
      out +=
        "<li><span class=\"swatch ev-\(s.rawValue)\"></span><strong>\(n)</strong> \(h(CoverageWording.label(s)))</li>\n"
    }
    out += "</ul>\n</div>\n"

    let t = report.totals
    let handovers = report.owners.filter(\.needsHandover).count
    out += "<div class=\"panel\">\n<h3>Follow-up</h3>\n<dl class=\"figures\">\n"
    out += "<div><dt>Accepted exceptions</dt><dd>\(t.exceptions)</dd></div>\n"
    out += "<div><dt>Reviews overdue</dt><dd>\(t.reviewsOverdue)</dd></div>\n"
    out +=
      "<div><dt>Due in \(CoverageReport.comingDueDays) days</dt><dd>\(report.comingDue.count)</dd></div>\n"
    out += "<div><dt>Owners to hand over</dt><dd>\(handovers)</dd></div>\n"
    out += "</dl>\n</div>\n</div>\n</section>\n"
    return out
  }

  func attention(_ report: CoverageReport) -> String {
    let a = CoverageWording.Attention(report)
    var out =
      "<section class=\"attention\" aria-labelledby=\"attention\">\n<h2 id=\"attention\">Needs attention</h2>\n"
    if a.isEmpty {
      return out
        + "<p class=\"all-clear\"><span class=\"glyph\">✓</span> Nothing needs attention: every requirement in scope is covered and ready, and no evidence is stale.</p>\n</section>\n"
    }
    let byControl = CoverageWording.evidenceByControl(report)
    out += "<ul class=\"issues\">\n"
    func item(_ cls: String, _ tag: String, _ html: String) {
      out +=
        "<li class=\"issue \(cls)\"><span class=\"tag\">\(h(tag))</span><span class=\"issue-text\">\(html)</span></li>\n"
    }
    for (f, r) in a.uncovered {
      item(
        "st-uncovered", "uncovered",
        "\(code(f.id)) <strong>\(h(r.id))</strong> \(h(r.title)): no implemented or planned control maps it.")
    }
    for (f, r) in a.plannedOnly {
      item(
        "st-planned", "planned only",
        "\(code(f.id)) <strong>\(h(r.id))</strong> \(h(r.title)): only planned \(r.plannedControls.map(code).joined(separator: ", ")) \(r.plannedControls.count == 1 ? "maps" : "map") it."
      )
    }
    for (f, r) in a.notReady {
      item(
        "st-gap", "not ready",
        "\(code(f.id)) <strong>\(h(r.id))</strong> \(h(r.title)): \(h(CoverageWording.blockers(r, byControl: byControl)))."
      )
    }
    for e in a.stale {
      var text =
        "evidence \(code("\(e.control)/\(e.id)")) was due \(h(e.due.map(\.description) ?? "")); owner \(code(e.owner))."
      if let x = e.exception {
        text +=
          " <span class=\"exception\">Accepted exception\(x.until.map { " until \(h($0.description))" } ?? ""): \(h(x.reason))</span>"
      }
      item("ev-stale", "stale", text)
    }
    for e in a.gaps {
      let missed = CoverageWording.missed(e)
      let listed = missed.prefix(3).map(\.span).joined(separator: ", ")
      item(
        "win-missed", "missed \(CoverageWording.count(missed.count, "window"))",
        "evidence \(code("\(e.control)/\(e.id)")) has no collection in \(h(listed))\(missed.count > 3 ? " and \(missed.count - 3) more" : ""); owner \(code(e.owner)).\(e.gapException.map { x in " <span class=\"exception\">Accepted exception\(x.until.map { " until \(h($0.description))" } ?? ""): \(h(x.reason))</span>" } ?? "")"
      )
    }
    for e in a.neverCollected {
      let future = e.collected.map { " (dated \(h($0.description)), after the as-of date)" } ?? ""
      item(
        "ev-never-collected", "never collected",
        "evidence \(code("\(e.control)/\(e.id)"))\(future); owner \(code(e.owner)).")
    }
    for r in a.reviewsOverdue {
      item(
        "st-gap", "review overdue",
        "the design review of \(code(r.control)) is overdue; owner \(code(r.owner)).")
    }
    for o in a.handovers {
      let what = o.declared ? "has left (active: false)" : "is not declared in any owners list"
      item(
        "st-uncovered", "hand over",
        "owner \(code(o.id)) \(h(what)) but still owns \(h(CoverageWording.count(o.controls.count + o.plannedControls.count, "control"))) and \(h(CoverageWording.count(o.evidence.count, "evidence item")))."
      )
    }
    for (cls, tag, html) in policyAttention(a, asOf: report.asOf) { item(cls, tag, html) }
    return out + "</ul>\n</section>\n"
  }

  func grids(_ report: CoverageReport) -> String {
    var out =
      "<section class=\"criteria\" aria-labelledby=\"criteria\">\n<h2 id=\"criteria\">Every criterion</h2>\n"
    out += "<ul class=\"legend\" aria-label=\"Legend\">\n"
    for (cls, label) in Self.requirementLegend {
      out +=
        "<li><span class=\"swatch \(cls)\"><span class=\"glyph\">\(Self.glyph(cls))</span></span>\(h(label))</li>\n"
    }
    out += "</ul>\n"
    for f in report.frameworks {
      let rows = Self.gridRows(f)
      let width = Self.gridWidth(rows, framework: f)
      out +=
        "<table class=\"grid\">\n<caption><span class=\"cap-id\">\(h(Self.displayName(f.id)))</span> \(h(f.title))"
      out += " <span class=\"cap-pct\">\(h(CoverageWording.percent(f.readiness))) ready</span></caption>\n"
      out += "<colgroup><col class=\"series-col\"/><col span=\"\(width)\"/></colgroup>\n<tbody>\n"
      for row in rows {
        out +=
          "<tr\(row.compact ? " class=\"compact\"" : "")>\n<th scope=\"row\"><span class=\"series\">\(h(row.label))</span>"
        if let about = row.about { out += "<span class=\"series-about\">\(h(about))</span>" }
        out += "</th>\n"
        for r in row.requirements {
          let cls = Self.tileClass(r)
          var hint = r.title
          if !r.controls.isEmpty { hint += " · controls: " + r.controls.joined(separator: ", ") }
          if !r.plannedControls.isEmpty { hint += " · planned: " + r.plannedControls.joined(separator: ", ") }
          if let reason = r.reason { hint += " · excluded: " + reason }
          out += "<td class=\"tile \(cls)\" title=\"\(a(hint))\">"
          out +=
            "<span class=\"tile-head\"><span class=\"tile-id\">\(h(r.id))</span><span class=\"glyph\">\(Self.glyph(cls))</span></span>"
          if !row.compact { out += "<span class=\"tile-title\">\(h(r.title))</span>" }
          out += "<span class=\"tile-status\">\(h(CoverageWording.label(r)))</span>"
          // Planned controls show only where nothing implemented does (the hint names them all).
          let shown = r.controls.isEmpty ? r.plannedControls : r.controls
          if !shown.isEmpty && !row.compact {
            out += "<span class=\"tile-controls\">\(h(shown.joined(separator: " ")))</span>"
          }
          out += "</td>\n"
        }
        for _ in row.requirements.count..<width { out += "<td class=\"tile-none\"></td>\n" }
        out += "</tr>\n"
      }
      out += "</tbody>\n</table>\n"
      let excluded = f.requirements.filter { $0.status == .excluded }
      if !excluded.isEmpty {
        out += "<dl class=\"exclusions\">\n"
        for r in excluded {
          out += "<dt>\(h(r.id)) excluded</dt><dd>\(h(r.reason ?? ""))</dd>\n"
        }
        out += "</dl>\n"
      }
    }
    return out + "</section>\n"
  }

  func timeline(_ report: CoverageReport) -> String {
    let days = CoverageReport.comingDueDays
    var out =
      "<section class=\"timeline\" aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Coming due in the next \(days) days</h2>\n"
    guard !report.comingDue.isEmpty else {
      return out + "<p class=\"empty-note\">Nothing falls due in the next \(days) days.</p>\n</section>\n"
    }
    // Weeks from the as-of date: 13 weeks cover days 0 to 90.
    let weeks = (days + 7) / 7
    var perWeek = Array(repeating: [CoverageReport.Due](), count: weeks)
    for d in report.comingDue { perWeek[min(weeks - 1, d.daysLeft / 7)].append(d) }
    let most = max(1, perWeek.map(\.count).max() ?? 1)
    out +=
      "<table class=\"weeks\">\n<caption class=\"sr\">Items falling due per week</caption>\n<tbody>\n<tr class=\"bars\">"
    for w in perWeek {
      let height = w.isEmpty ? 0 : max(4, w.count * 96 / most)
      let reviews = w.filter { $0.kind == .review }.count
      out += "<td><span class=\"count\">\(w.isEmpty ? "" : String(w.count))</span>"
      out +=
        "<span class=\"bar\(reviews > 0 ? " has-review" : "")\" style=\"height: \(height)px\"></span></td>"
    }
    out += "</tr>\n<tr class=\"labels\">"
    for i in 0..<weeks {
      out += "<th scope=\"col\">\(h(Self.shortDate(report.asOf.adding(days: 7 * i))))</th>"
    }
    out += "</tr>\n</tbody>\n</table>\n"

    out +=
      "<p class=\"chart-note\">Items falling due per week, from \(h(Self.longDate(report.asOf))); striped bars include a design review.</p>\n"

    // One row a day: what falls due that day, as chips.
    var byDay: [(date: Day, items: [CoverageReport.Due])] = []
    for d in report.comingDue {
      if let last = byDay.last, last.date == d.date {
        byDay[byDay.count - 1].items.append(d)
      } else {
        byDay.append((d.date, [d]))
      }
    }
    out +=
      "<table class=\"list due-list\">\n<caption class=\"sr\">Evidence and reviews falling due, by date</caption>\n"
    out +=
      "<thead><tr><th scope=\"col\">Due</th><th scope=\"col\">In</th><th scope=\"col\">Evidence to collect and controls to review</th></tr></thead>\n<tbody>\n"
    for day in byDay {
      let left = report.asOf.days(until: day.date)
      let soon = left <= report.dueSoonDays
      out +=
        "<tr\(soon ? " class=\"soon\"" : "")><th scope=\"row\" class=\"date\"><time datetime=\"\(day.date)\">\(h(Self.weekdayDate(day.date)))</time></th>"
      out +=
        "<td class=\"num in\">\(h(left == 0 ? "today" : CoverageWording.count(left, "day")))</td><td><ul class=\"chips\">"
      for d in day.items {
        if d.kind == .review {
          out +=
            "<li class=\"chip chip-review\"><span class=\"kind\">review</span>\(code(d.control)) design <span class=\"chip-owner\">\(h(ownerName(d.owner, report)))</span></li>"
        } else {
          out +=
            "<li class=\"chip\">\(code(d.control)) \(h(d.evidence ?? "")) <span class=\"chip-owner\">\(h(ownerName(d.owner, report)))</span></li>"
        }
      }
      out += "</ul></td></tr>\n"
    }
    return out + "</tbody>\n</table>\n</section>\n"
  }

  func owners(_ report: CoverageReport) -> String {
    var out =
      "<section class=\"owners\" aria-labelledby=\"owners\">\n<h2 id=\"owners\">Owners and their load</h2>\n"
    guard !report.owners.isEmpty else {
      return out + "<p class=\"empty-note\">No owner is declared.</p>\n</section>\n"
    }
    let heaviest = max(
      1, report.owners.map { $0.controls.count + $0.plannedControls.count + $0.evidence.count }.max() ?? 1)
    out +=
      "<table class=\"list owner-list\">\n<caption class=\"sr\">Owners, what they own and what is late</caption>\n"
    out +=
      "<thead><tr><th scope=\"col\">Owner</th><th scope=\"col\" class=\"num\">Controls</th><th scope=\"col\" class=\"num\">Evidence</th>"
    out +=
      "<th scope=\"col\" class=\"loadcol\">Load</th><th scope=\"col\" class=\"num\">Stale</th><th scope=\"col\" class=\"num\">Due soon</th>"
    out +=
      "<th scope=\"col\" class=\"num\">Never collected</th><th scope=\"col\" class=\"num\">Reviews overdue</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n"
    for o in report.owners {
      let controls = o.controls.count + o.plannedControls.count
      let load = (controls + o.evidence.count) * 1000 / heaviest
      out +=
        "<tr\(o.needsHandover ? " class=\"handover\"" : "")><th scope=\"row\"><span class=\"who\">\(h(o.name ?? o.id))</span>"
      out += "<span class=\"who-id\">\(h(o.id))\(o.role.map { " · " + h($0) } ?? "")</span></th>"
      out += "<td class=\"num\">\(controls)</td><td class=\"num\">\(o.evidence.count)</td>"
      out +=
        "<td class=\"loadcol\"><span class=\"load\"><span class=\"load-fill\" style=\"width: \(load / 10).\(load % 10)%\"></span></span></td>"
      for (n, cls) in [
        (o.stale.count, "bad"), (o.dueSoon.count, "warn"), (o.neverCollected.count, "bad"),
        (o.reviewsOverdue.count, "warn"),
      ] {
        out += "<td class=\"num\(n > 0 ? " \(cls)" : " zero")\">\(n)</td>"
      }
      let status: String
      if !o.declared {
        status = "<span class=\"pill pill-bad\">not declared</span>"
      } else if !o.active {
        status =
          o.needsHandover
          ? "<span class=\"pill pill-bad\">inactive · hand over</span>"
          : "<span class=\"pill\">inactive</span>"
      } else {
        status = "<span class=\"pill pill-ok\">active</span>"
      }
      out += "<td>\(status)</td></tr>\n"
    }
    return out + "</tbody>\n</table>\n</section>\n"
  }

  func register(_ report: CoverageReport) -> String {
    var out =
      "<section class=\"register\" aria-labelledby=\"register\">\n<h2 id=\"register\">Evidence register</h2>\n"
    out +=
      "<p class=\"lede\">Every evidence item of the implemented controls, judged on \(h(Self.longDate(report.asOf))); due soon means within \(h(CoverageWording.count(report.dueSoonDays, "day"))).</p>\n"
    guard !report.evidence.isEmpty else {
      return out + "<p class=\"empty-note\">No evidence is declared.</p>\n</section>\n"
    }
    out +=
      "<table class=\"list evidence-list\">\n<caption class=\"sr\">Evidence of implemented controls</caption>\n"
    out +=
      "<thead><tr><th scope=\"col\">Control</th><th scope=\"col\">Evidence</th><th scope=\"col\">Owner</th><th scope=\"col\">Frequency</th>"
    out +=
      "<th scope=\"col\">Collected</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n"
    for e in report.evidence {
      out +=
        "<tr><td>\(code(e.control))</td><td>\(code(e.id))</td><td>\(h(e.owner))</td><td>\(h(e.frequency))</td>"
      out +=
        "<td class=\"date\">\(h(e.collected?.description ?? "—"))</td><td class=\"date\">\(h(e.due?.description ?? "—"))</td>"
      out += "<td><span class=\"badge ev-\(e.status.rawValue)\">\(h(CoverageWording.label(e.status)))</span>"
      if let x = e.exception {
        out +=
          "<span class=\"exception\">accepted exception\(x.until.map { " until \(h($0.description))" } ?? ""): \(h(x.reason))</span>"
      }
      out += "</td></tr>\n"
    }
    return out + "</tbody>\n</table>\n</section>\n"
  }

  func colophon(_ report: CoverageReport) -> String {
    """
    <footer class="colophon">
    <h2>How to read this report</h2>
    <p>\(h(CoverageWording.readinessDefinition)) Stale evidence under an accepted exception still counts as stale.</p>
    \(report.audit?.period == nil ? "" : "<p>\(h(CoverageWording.operatingDefinition)) A window is met by a collection on one of its days or within the grace days after it, missed once it and its grace days are over with none, pending before that, and not required when it ended before the control was implemented.</p>")
    <p>Evidence is due one period after it was last collected, plus any grace days; it is due soon within \(h(CoverageWording.count(report.dueSoonDays, "day"))) of the due date, and unscheduled when it is collected continuously or on events. Computed by \(h(ReportContext.toolName)) \(h(ReportContext.toolVersion)) from the controls repository, with the same rules as <code>soclint lint</code>, as of \(h(report.asOf.description)).</p>
    </footer>

    """
  }

  // MARK: Pieces

  func h(_ text: String) -> String { XMLEscaping.text(CoverageWording.oneLine(text)) }
  func a(_ text: String) -> String { XMLEscaping.attribute(CoverageWording.oneLine(text)) }
  func code(_ text: String) -> String { "<code>\(h(text))</code>" }

  func ownerName(_ id: String, _ report: CoverageReport) -> String {
    report.owners.first { $0.id == id }?.name ?? id
  }

  /// "35 covered · 1 excluded · 25 out of scope" for one framework.
  static func breakdown(_ f: CoverageReport.Framework) -> String {
    var parts: [String] = []
    for s in CoverageReport.RequirementStatus.allCases {
      let n = f.requirements.filter { $0.status == s }.count
      guard n > 0 else { continue }
      switch s {
      case .covered: parts.append("\(n) covered")
      case .plannedOnly: parts.append("\(n) planned only")
      case .uncovered: parts.append("\(n) uncovered")
      case .excluded: parts.append("\(n) excluded")
      case .outOfScope: parts.append("\(n) out of scope")
      }
    }
    return parts.joined(separator: " · ")
  }

  static let requirementLegend: [(String, String)] = [
    ("st-ready", "ready"), ("st-gap", "covered, not ready"), ("st-planned", "planned only"),
    ("st-uncovered", "uncovered"), ("st-excluded", "excluded"), ("st-out", "out of scope"),
  ]

  static let evidenceOrder: [CoverageReport.EvidenceStatus] = [
    .fresh, .unscheduled, .dueSoon, .stale, .neverCollected,
  ]

  static func tileClass(_ r: CoverageReport.Requirement) -> String {
    switch r.status {
    case .covered: return r.ready ? "st-ready" : "st-gap"
    case .plannedOnly: return "st-planned"
    case .uncovered: return "st-uncovered"
    case .excluded: return "st-excluded"
    case .outOfScope: return "st-out"
    }
  }

  static func glyph(_ cls: String) -> String {
    switch cls {
    case "st-ready": return "✓"
    case "st-gap": return "!"
    case "st-planned": return "○"
    case "st-uncovered": return "✕"
    case "st-excluded": return "⊘"
    default: return "–"
    }
  }

  static func displayName(_ framework: String) -> String {
    if let builtIn = BuiltInFramework.named(framework) { return builtIn.displayName }
    // The usual id of a SOC 1 catalog reads better as its name.
    return framework == "soc1" ? "SOC 1" : framework
  }

  /// Tiles a grid row holds at most.
  static let gridWidth = 8

  /// Columns of a framework's grid: eight for SOC 2, so every series lines up; for a catalog,
  /// as many as its largest group and at least four, so short rows get wide, legible tiles.
  static func gridWidth(_ rows: [GridRow], framework: CoverageReport.Framework) -> Int {
    if BuiltInFramework.named(framework.id)?.seriesNames.isEmpty == false { return gridWidth }
    return max(4, rows.map(\.requirements.count).max() ?? 1)
  }

  struct GridRow {
    let label: String
    let about: String?
    let requirements: [CoverageReport.Requirement]
    /// A row of out-of-scope requirements only: small tiles, id and status.
    let compact: Bool
  }

  /// SOC 2 by series (CC1 to CC9, A1, PI1, C1, P1 to P8), a catalog by category; a category
  /// wholly out of scope is one group, so it takes little room. Rows hold at most eight.
  static func gridRows(_ f: CoverageReport.Framework) -> [GridRow] {
    let seriesNames = BuiltInFramework.named(f.id)?.seriesNames ?? [:]
    let bySeries = !seriesNames.isEmpty
    var categoryInScope: [String: Bool] = [:]
    for r in f.requirements {
      categoryInScope[r.category ?? "", default: false] =
        categoryInScope[r.category ?? "", default: false] || r.status != .outOfScope
    }
    var groups: [(key: String, about: String?, items: [CoverageReport.Requirement])] = []
    for r in f.requirements {
      let category = r.category ?? ""
      let key: String
      var about: String? = nil
      if bySeries, categoryInScope[category] == true, let dot = r.id.firstIndex(of: ".") {
        key = String(r.id[..<dot])
        about = seriesNames[key]
      } else {
        key = category.isEmpty ? "requirements" : category
      }
      if let i = groups.firstIndex(where: { $0.key == key }) {
        groups[i].items.append(r)
      } else {
        groups.append((key, about, [r]))
      }
    }
    var rows: [GridRow] = []
    for g in groups {
      let compact = g.items.allSatisfy { $0.status == .outOfScope }
      var start = 0
      while start < g.items.count {
        let end = min(start + gridWidth, g.items.count)
        rows.append(
          GridRow(
            label: start == 0 ? g.key : "",
            about: start == 0 ? g.about ?? (compact ? "out of scope" : nil) : nil,
            requirements: Array(g.items[start..<end]), compact: compact))
        start = end
      }
    }
    return rows
  }

  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November",
    "December",
  ]

  static func longDate(_ d: Day) -> String { "\(d.day) \(months[d.month - 1]) \(d.year)" }
  /// "Sun 6 Dec 2026".
  static func weekdayDate(_ d: Day) -> String {
    // 1970-01-01 was a Thursday.
    let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let w = ((d.ordinal % 7) + 7) % 7
    return "\(names[w]) \(d.day) \(months[d.month - 1].prefix(3)) \(d.year)"
  }

  static func shortDate(_ d: Day) -> String { "\(d.day) \(months[d.month - 1].prefix(3))" }
}
