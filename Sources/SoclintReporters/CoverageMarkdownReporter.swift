import SoclintModel
import SoclintRules

/// `soclint coverage --format markdown`: GitHub-flavoured Markdown for a pull-request comment
/// or a job summary (`>> "$GITHUB_STEP_SUMMARY"`). The readiness table and what needs attention
/// show at once; the long tables fold into `<details>` so the page stays short.
public struct CoverageMarkdownReporter: CoverageRenderer {
  /// The reporter, which has no settings.
  public init() {}

  /// The report as Markdown.
  public func render(_ report: CoverageReport) -> String {
    var out = "## Readiness assessment as of \(report.asOf)\n\n"
    if let audit = report.audit {
      out += "**Audit:** \(CoverageMarkdownReporter.escape(CoverageWording.audit(audit)))\n\n"
    }
    out += readiness(report)
    out += "**Requirements:** \(CoverageWording.requirementTotals(report))<br>\n"
    out += "**Evidence:** \(CoverageWording.evidenceTotals(report))\n\n"
    out += "_\(CoverageMarkdownReporter.escape(CoverageWording.readinessDefinition))_\n\n"
    if report.audit?.period != nil {
      out += "_\(CoverageMarkdownReporter.escape(CoverageWording.operatingDefinition))_\n\n"
    }
    out += attention(report)
    for f in report.frameworks { out += requirements(f) }
    out += evidence(report)
    out += windows(report)
    out += owners(report)
    out += comingDue(report)
    out += policies(report)
    return out
  }

  func readiness(_ report: CoverageReport) -> String {
    guard !report.frameworks.isEmpty else { return "No framework in the configuration is known.\n\n" }
    let typeII = report.frameworks.contains { $0.operating != nil }
    var out =
      typeII
      ? "| Framework | Readiness | Ready | In scope | Operating through the period | Operating |\n| :-- | --: | --: | --: | --: | --: |\n"
      : "| Framework | Readiness | Ready | In scope |\n| :-- | --: | --: | --: |\n"
    func operating(_ o: CoverageReport.Readiness?, bold: Bool) -> String {
      guard typeII, let o else { return typeII ? " | |" : "" }
      let percent = CoverageWording.percent(o)
      return " \(bold ? "**\(percent)**" : percent) | \(o.ready) |"
    }
    for f in report.frameworks {
      out +=
        "| **\(code(f.id))** \(cell(f.title)) | **\(CoverageWording.percent(f.readiness))** | \(f.readiness.ready) | \(f.readiness.inScope) |\(operating(f.operating, bold: true))\n"
      for c in f.categories where f.categories.count > 1 || c.name != "uncategorised" {
        out +=
          "| &emsp;\(cell(c.name)) | \(CoverageWording.percent(c.readiness)) | \(c.readiness.ready) | \(c.readiness.inScope) |\(operating(c.operating, bold: false))\n"
      }
    }
    return out + "\n"
  }

  func attention(_ report: CoverageReport) -> String {
    let a = CoverageWording.Attention(report)
    var out = "### Needs attention\n\n"
    if a.isEmpty {
      return out + "Nothing: every requirement in scope is covered and ready, and no evidence is stale.\n\n"
    }
    let byControl = CoverageWording.evidenceByControl(report)
    for (f, r) in a.uncovered {
      out +=
        "- **uncovered**: \(code(f.id)) \(r.id) \(cell(r.title)): no implemented or planned control maps it\n"
    }
    for (f, r) in a.plannedOnly {
      out +=
        "- **planned only**: \(code(f.id)) \(r.id) \(cell(r.title)): only planned \(list(r.plannedControls)) map\(r.plannedControls.count == 1 ? "s" : "") it\n"
    }
    for (f, r) in a.notReady {
      out +=
        "- **covered, not ready**: \(code(f.id)) \(r.id) \(cell(r.title)): \(cell(CoverageWording.blockers(r, byControl: byControl)))\n"
    }
    for e in a.stale {
      out +=
        "- **stale** evidence \(code("\(e.control)/\(e.id)")), due \(e.due.map(\.description) ?? "?"), owner \(code(e.owner))"
      if let x = e.exception {
        out += "; accepted exception\(x.until.map { " until \($0)" } ?? ""): \(cell(x.reason))"
      }
      out += "\n"
    }
    for e in a.gaps {
      let missed = CoverageWording.missed(e)
      out +=
        "- **missed \(CoverageWording.count(missed.count, "window"))** of evidence \(code("\(e.control)/\(e.id)")): \(missed.prefix(3).map(\.span).joined(separator: ", "))\(missed.count > 3 ? " and \(missed.count - 3) more" : ""), owner \(code(e.owner))\(cell(CoverageWording.accepted(e.gapException)))\n"
    }
    for e in a.neverCollected {
      let future = e.collected.map { " (dated \($0), after the as-of date)" } ?? ""
      out +=
        "- **never collected** evidence \(code("\(e.control)/\(e.id)"))\(future), owner \(code(e.owner))\n"
    }
    for r in a.reviewsOverdue {
      out += "- **review overdue** of \(code(r.control)), owner \(code(r.owner))\n"
    }
    for o in a.handovers {
      let what = o.declared ? "has left (active: false)" : "is not declared in any owners list"
      out +=
        "- **hand over**: owner \(code(o.id)) \(what) but still owns \(CoverageWording.count(o.controls.count + o.plannedControls.count, "control")) and \(CoverageWording.count(o.evidence.count, "evidence item"))\n"
    }
    out += policyAttention(a, asOf: report.asOf)
    return out + "\n"
  }

  func requirements(_ f: CoverageReport.Framework) -> String {
    let inScope = f.requirements.filter(\.status.isInScope).count
    var out = details(
      "Requirements of \(f.id): \(CoverageWording.oneLine(f.title)) (\(inScope) in scope of \(f.requirements.count))"
    )
    out += "| Requirement | Status | Controls | Title |\n| --- | --- | --- | --- |\n"
    for r in f.requirements {
      var controls = r.controls
      if !r.plannedControls.isEmpty {
        controls.append("planned: " + r.plannedControls.joined(separator: ", "))
      }
      var about = cell(r.title)
      if let reason = r.reason { about += "<br>_Excluded:_ \(cell(reason))" }
      let label = CoverageWording.label(r)
      let status = r.ready || !r.status.isInScope ? label : "**\(label)**"
      out +=
        "| \(cell(r.id)) | \(status) | \(controls.isEmpty ? "" : cell(controls.joined(separator: ", "))) | \(about) |\n"
    }
    return out + "\n</details>\n\n"
  }

  func evidence(_ report: CoverageReport) -> String {
    var out = details("Evidence of implemented controls (\(CoverageWording.evidenceTotals(report)))")
    guard !report.evidence.isEmpty else { return out + "None.\n\n</details>\n\n" }
    out +=
      "| Control | Evidence | Status | Collected | Due | Owner | Exception |\n| --- | --- | --- | --- | --- | --- | --- |\n"
    for e in report.evidence {
      let label = CoverageWording.label(e.status)
      let status = e.status.supportsReadiness ? label : "**\(label)**"
      let exception =
        e.exception.map { x in
          "until \(x.until.map(\.description) ?? "(no date)"): \(cell(x.reason))"
        } ?? ""
      out +=
        "| \(cell(e.control)) | \(cell(e.id)) | \(status) | \(e.collected?.description ?? "") | \(e.due?.description ?? "") | \(cell(e.owner)) | \(exception) |\n"
    }
    return out + "\n</details>\n\n"
  }

  func owners(_ report: CoverageReport) -> String {
    var out = details("Owners (\(report.owners.count))")
    guard !report.owners.isEmpty else { return out + "None declared.\n\n</details>\n\n" }
    out += "| Owner | Role | Controls | Evidence | Stale | Due soon | Never collected | Reviews overdue |\n"
    out += "| --- | --- | --: | --: | --: | --: | --: | --: |\n"
    for o in report.owners {
      var who = cell(o.name ?? o.id) + (o.name == nil ? "" : " (\(cell(o.id)))")
      if !o.declared { who += " **not declared**" } else if !o.active { who += " **inactive**" }
      if o.needsHandover { who += " **must hand over**" }
      out +=
        "| \(who) | \(cell(o.role ?? "")) | \(o.controls.count + o.plannedControls.count) | \(o.evidence.count) | \(o.stale.count) | \(o.dueSoon.count) | \(o.neverCollected.count) | \(o.reviewsOverdue.count) |\n"
    }
    return out + "\n</details>\n\n"
  }

  func comingDue(_ report: CoverageReport) -> String {
    var out = details(
      "Coming due in the next \(CoverageReport.comingDueDays) days (\(report.comingDue.count))")
    guard !report.comingDue.isEmpty else { return out + "Nothing.\n\n</details>\n" }
    out += "| Due | In | What | Owner |\n| --- | --: | --- | --- |\n"
    for d in report.comingDue {
      let what =
        d.kind == .review
        ? "review of \(cell(d.control))" : "evidence \(cell(d.control))/\(cell(d.evidence ?? ""))"
      out +=
        "| \(d.date) | \(d.daysLeft == 0 ? "today" : CoverageWording.count(d.daysLeft, "day")) | \(what) | \(cell(d.owner)) |\n"
    }
    return out + "\n</details>\n"
  }

  // MARK: Markdown

  func details(_ summary: String) -> String {
    "<details>\n<summary>\(CoverageMarkdownReporter.html(summary))</summary>\n\n"
  }

  func list(_ controls: [String]) -> String {
    (controls.count == 1 ? "control " : "controls ") + controls.map(code).joined(separator: ", ")
  }

  /// An id in code style; backticks in it cannot end the span because ids have none, but
  /// user text could, so they are dropped.
  func code(_ text: String) -> String {
    "`"
      + CoverageWording.oneLine(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(
        of: "|", with: "\\|") + "`"
  }

  /// User text in a table cell or a list item: one line, Markdown and HTML characters escaped.
  func cell(_ text: String) -> String {
    CoverageMarkdownReporter.escape(CoverageWording.oneLine(text))
  }

  /// Backslash-escapes every ASCII punctuation character Markdown gives a meaning to, and
  /// writes `<`, `>` and `&` as entities so no user text becomes HTML.
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!":
        out.append("\\")
        out.append(c)
      default: out.append(c)
      }
    }
    return out
  }

  /// Text inside an HTML element (the `<summary>`), where Markdown is not read.
  static func html(_ text: String) -> String {
    XMLEscaping.text(CoverageWording.oneLine(text))
  }

  /// Under a Type II audit, each evidence item's windows, folded.
  func windows(_ report: CoverageReport) -> String {
    guard let period = report.audit?.period else { return "" }
    let items = CoverageWording.windowed(report)
    var out =
      "<details><summary><strong>Collection windows</strong> of the audit period \(period.start) to \(period.end)</summary>\n\n"
    if items.isEmpty { return out + "No evidence with a calendar frequency.\n\n</details>\n\n" }
    out += "| Control | Evidence | Frequency | Windows | Missed |\n| :-- | :-- | :-- | :-- | :-- |\n"
    for e in items {
      let missed = CoverageWording.missed(e).map(\.span).joined(separator: ", ")
      out +=
        "| \(code(e.control)) | \(code(e.id)) | \(e.frequency) | \(CoverageWording.windowCounts(e.windows ?? [])) | \(missed.isEmpty ? "none" : missed) |\n"
    }
    return out + "\n</details>\n\n"
  }
}
