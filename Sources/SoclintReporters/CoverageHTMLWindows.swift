import SoclintModel
import SoclintRules

/// The Type II parts of the coverage page: the operating figure and the strips of windows.
extension CoverageHTMLReporter {
  func operatingLine(_ o: CoverageReport.Readiness) -> String {
    "<p class=\"card-operating\"><strong>\(h(CoverageWording.percent(o)))</strong> operating through the period (\(o.ready) of \(o.inScope))</p>\n"
  }

  /// Under a Type II audit, each evidence item's windows across the period, grouped by control;
  /// every cell says its status in words and carries its dates in its title.
  func windows(_ report: CoverageReport) -> String {
    guard let period = report.audit?.period else { return "" }
    var out =
      "<section class=\"windows\" aria-labelledby=\"windows\">\n<h2 id=\"windows\">Collection windows of the audit period</h2>\n"
    out +=
      "<p class=\"lede\">From \(h(Self.longDate(period.start))) to \(h(Self.longDate(period.end))): each evidence item must be collected once in every window of its frequency.</p>\n"
    let items = CoverageWording.windowed(report)
    guard !items.isEmpty else {
      return out + "<p class=\"empty-note\">No evidence has a calendar frequency.</p>\n</section>\n"
    }
    out +=
      "<table class=\"list window-list\">\n<caption class=\"sr\">Collection windows by evidence item</caption>\n"
    out +=
      "<thead><tr><th scope=\"col\">Control</th><th scope=\"col\">Evidence</th><th scope=\"col\">Windows</th></tr></thead>\n<tbody>\n"
    for e in items {
      var about = h(e.frequency) + " · " + h(CoverageWording.windowCounts(e.windows ?? []))
      if let on = e.implementedOn, on > period.start { about += " · started \(h(on.description))" }
      out += "<tr><td>\(code(e.control))</td><td>\(code(e.id))<small class=\"sub\">\(about)</small></td><td>"
      out += "<ol class=\"strip\">" + (e.windows ?? []).map(cell).joined() + "</ol></td></tr>\n"
    }
    return out + "</tbody>\n</table>\n</section>\n"
  }

  func cell(_ w: CollectionWindow) -> String {
    let word = w.status == .notRequired ? "not required" : w.status.word
    var title = "\(w.span): \(CoverageReport.describe(w))"
    if w.status == .notRequired { title += " (before the control was implemented)" }
    return
      "<li class=\"win win-\(w.status.word)\" title=\"\(a(title))\"><small>\(h(Self.shortDate(w.start)))</small>\(h(word))</li>"
  }

  static let windowStyle = """
    .audit-line { margin: 0.3rem 0 0; color: #dfe7f5; font-weight: 600; }
    .card-operating { margin: -0.4rem 0 0.8rem; color: var(--muted); }
    .card-operating strong { color: var(--ink); }
    .window-list td { vertical-align: top; }
    .window-list .sub { display: block; color: var(--muted); font-size: 0.78rem; }
    .strip { display: flex; flex-wrap: wrap; gap: 3px; list-style: none; margin: 0; padding: 0; }
    .win {
      flex: 0 0 auto; min-width: 58px; padding: 2px 5px; border-radius: 4px; font-size: 0.74rem;
      line-height: 1.25; text-align: center;
    }
    .win small { display: block; color: var(--muted); font-size: 0.68rem; }
    .win-met { background: var(--ok-bg); border: 1px solid var(--ok); color: var(--ok); }
    .win-missed {
      background: repeating-linear-gradient(135deg, rgba(176, 40, 31, 0.18) 0 2px, transparent 2px 7px), var(--bad-bg);
      border: 2px solid var(--bad); color: var(--bad); font-weight: 700;
    }
    .win-pending { background: var(--paper); border: 1px dashed var(--grey); color: var(--muted); }
    .win-not-required { background: var(--grey-bg); border: 1px dotted var(--grey); color: var(--faint); }
    li.issue.win-missed { font-weight: 400; color: var(--ink); border-left: 5px solid var(--bad) !important; }
    @media print { .windows { break-before: page; } .win { break-inside: avoid; } }

    """
}
