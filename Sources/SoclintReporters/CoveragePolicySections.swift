import SoclintModel
import SoclintRules

// The policies section of each coverage format. A project that declares no policy gets none in
// the formats people read (a section about something not used is noise); the JSON always has
// its `policies` array.

extension CoverageWording {
  static func label(_ s: CoverageReport.PolicyStatus) -> String {
    switch s {
    case .current: return "current"
    case .dueSoon: return "due soon"
    case .stale: return "stale"
    case .draft: return "draft"
    case .retired: return "retired"
    }
  }

  /// "commit e149b45 on 2026-06-15 by Bob Okafor".
  static func commit(_ c: DocumentChange) -> String {
    "commit \(c.commit) on \(c.day) by \(c.author)"
  }

  /// Whether the policy's text is the one approved, in words: nil when there is nothing to
  /// compare (a draft or retired policy).
  static func textState(_ p: CoverageReport.Policy, _ report: CoverageReport) -> String? {
    guard p.status != .draft && p.status != .retired else { return nil }
    if let c = p.changedAfterApproval { return "changed since approval: \(commit(c))" }
    return p.textChecked ? "as approved" : "not checked"
  }

  /// "12 policies: 9 current, 1 due soon, 1 stale, 1 draft; 1 changed since approval".
  static func policyTotals(_ report: CoverageReport) -> String {
    var parts: [String] = []
    for s in CoverageReport.PolicyStatus.allCases {
      let n = report.policies.filter { $0.status == s }.count
      if n > 0 { parts.append("\(n) \(label(s))") }
    }
    let changed = report.policies.filter { $0.changedAfterApproval != nil }.count
    let total = count(report.policies.count, "policy", "policies")
    return "\(total): \(parts.joined(separator: ", "))"
      + (changed > 0 ? "; \(changed) changed since approval" : "")
  }
}

extension CoverageWording {
  /// Why a policy needs attention, without its id: "its review was due on 2026-06-01".
  static func policyProblems(_ p: CoverageReport.Policy, asOf: Day) -> [String] {
    var out: [String] = []
    if p.status == .stale {
      if let approved = p.approvedOn, approved > asOf {
        out.append("is stale: approved on \(approved), after the as-of date")
      } else {
        out.append("is stale: its review was due on \(p.due.map(\.description) ?? "?")")
      }
    }
    if let c = p.changedAfterApproval { out.append("changed since its approval: \(commit(c))") }
    return out
  }
}

extension CoverageTextReporter {
  func policyAttention(_ a: CoverageWording.Attention, asOf: Day) -> String {
    var out = ""
    for p in a.policies {
      for problem in CoverageWording.policyProblems(p, asOf: asOf) {
        out += wrap("  - policy \(p.id) \(problem); owner \(p.owner)", hanging: 2)
      }
    }
    return out
  }

  func policies(_ report: CoverageReport) -> String {
    guard !report.policies.isEmpty else { return "" }
    var out = "\n" + wrap("Policies (" + CoverageWording.policyTotals(report) + ")", hanging: 2)
    var table = TextTable(columns: [
      .init("Policy", max: 14), .init("Version", max: 7), .init("Status"), .init("Approved"),
      .init("Next review"), .init("Owner", max: 15), .init("Approver"),
    ])
    for p in report.policies {
      table.rows.append([
        p.id, p.version ?? "", CoverageWording.label(p.status), p.approvedOn?.description ?? "",
        p.due?.description ?? "", p.owner, p.approver ?? "",
      ])
    }
    out += table.render()
    for p in report.policies {
      let carried =
        p.controls.isEmpty
        ? "carried out by no implemented control" : "carried out by \(p.controls.joined(separator: ", "))"
      out += wrap("  - \(p.id) (\(p.title)): \(carried)", hanging: 4)
      if let c = p.changedAfterApproval {
        out += wrap("    changed since its approval: \(CoverageWording.commit(c))", hanging: 4)
      }
    }
    if let why = report.policyHistoryUnavailable {
      out += wrap("  Changes since approval were not checked: \(why).", hanging: 4)
    }
    return out
  }
}

extension CoverageMarkdownReporter {
  func policyAttention(_ a: CoverageWording.Attention, asOf: Day) -> String {
    var out = ""
    for p in a.policies {
      for problem in CoverageWording.policyProblems(p, asOf: asOf) {
        let tag = problem.hasPrefix("is stale") ? "stale policy" : "policy changed"
        out += "- **\(tag)**: \(code(p.id)) \(cell(problem)), owner \(code(p.owner))\n"
      }
    }
    return out
  }

  func policies(_ report: CoverageReport) -> String {
    guard !report.policies.isEmpty else { return "" }
    var out = "\n" + details("Policies (\(CoverageWording.policyTotals(report)))")
    out +=
      "| Policy | Version | Status | Approved | Next review | Owner | Approver | Changed since approval | Controls |\n"
    out += "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    for p in report.policies {
      let label = CoverageWording.label(p.status)
      let status = p.status == .current ? label : "**\(label)**"
      let changed =
        p.changedAfterApproval.map { "**yes**: \(cell(CoverageWording.commit($0)))" }
        ?? CoverageWording.textState(p, report).map { $0 == "as approved" ? "no" : $0 } ?? ""
      let controls = p.controls.isEmpty ? "none" : p.controls.map(code).joined(separator: ", ")
      out +=
        "| \(code(p.id)) \(cell(p.title)) | \(cell(p.version ?? "")) | \(status) | \(p.approvedOn?.description ?? "") | \(p.due?.description ?? "") | \(cell(p.owner)) | \(cell(p.approver ?? "")) | \(changed) | \(controls) |\n"
    }
    if let why = report.policyHistoryUnavailable {
      out += "\nChanges since approval were not checked: \(cell(why)).\n"
    }
    return out + "\n</details>\n"
  }
}

extension CoverageHTMLReporter {
  /// The attention items of the policies: class, tag and HTML of each.
  func policyAttention(_ a: CoverageWording.Attention, asOf: Day) -> [(String, String, String)] {
    a.policies.flatMap { p in
      CoverageWording.policyProblems(p, asOf: asOf).map { problem in
        let stale = problem.hasPrefix("is stale")
        return (
          stale ? "ev-stale" : "st-gap", stale ? "stale policy" : "policy changed",
          "policy \(code(p.id)) \(h(problem)); owner \(code(p.owner))."
        )
      }
    }
  }

  func policies(_ report: CoverageReport) -> String {
    guard !report.policies.isEmpty else { return "" }
    var out =
      "<section class=\"policies\" aria-labelledby=\"policies\">\n<h2 id=\"policies\">Policies</h2>\n"
    out +=
      "<p class=\"lede\">\(h(CoverageWording.policyTotals(report))), judged on \(h(Self.longDate(report.asOf))). A policy's text changed since its approval when a commit that changed its words is dated after the approval\(report.policyHistoryUnavailable.map { "; not checked here: " + h($0) } ?? "").</p>\n"
    out +=
      "<table class=\"list policy-list\">\n<caption class=\"sr\">Policies, their approval and review</caption>\n"
    out +=
      "<thead><tr><th scope=\"col\">Policy</th><th scope=\"col\">Version</th><th scope=\"col\">Owner</th><th scope=\"col\">Approver</th>"
    out +=
      "<th scope=\"col\">Approved</th><th scope=\"col\">Next review</th><th scope=\"col\">Status</th><th scope=\"col\">Text</th><th scope=\"col\">Controls</th></tr></thead>\n<tbody>\n"
    for p in report.policies {
      out +=
        "<tr><th scope=\"row\"><span class=\"who\">\(h(p.title))</span><span class=\"who-id\">\(h(p.id))</span></th>"
      out += "<td>\(h(p.version ?? "—"))</td><td>\(h(ownerName(p.owner, report)))</td>"
      out += "<td>\(h(p.approver.map { ownerName($0, report) } ?? "—"))</td>"
      out +=
        "<td class=\"date\">\(h(p.approvedOn?.description ?? "—"))</td><td class=\"date\">\(h(p.due?.description ?? "—"))</td>"
      out +=
        "<td><span class=\"badge pol-\(p.status.rawValue)\">\(h(CoverageWording.label(p.status)))</span></td>"
      if let c = p.changedAfterApproval {
        out +=
          "<td><span class=\"badge pol-changed\">changed since approval</span><span class=\"exception\">\(h(CoverageWording.commit(c)))</span></td>"
      } else {
        out += "<td>\(h(CoverageWording.textState(p, report) ?? "—"))</td>"
      }
      out += "<td>\(p.controls.isEmpty ? "none" : p.controls.map(code).joined(separator: ", "))</td></tr>\n"
    }
    return out + "</tbody>\n</table>\n</section>\n"
  }

  /// The styles of the policy table: every status drawn with its own border as well as its
  /// colour, as the evidence badges are, so it reads in grey print.
  static let policyStyle = """
      .badge.pol-current { background: var(--ok-bg); color: var(--ok); border: 1px solid var(--ok); }
      .badge.pol-due-soon { background: var(--warn-bg); color: var(--warn); border: 2px solid var(--warn); }
      .badge.pol-stale { background: var(--bad-bg); color: var(--bad); border: 3px double var(--bad); }
      .badge.pol-draft { background: var(--grey-bg); color: var(--ink); border: 2px dashed var(--ink); }
      .badge.pol-retired { background: var(--grey-bg); color: var(--ink); border: 1px dotted var(--ink); }
      .badge.pol-changed { background: var(--warn-bg); color: var(--warn); border: 2px dashed var(--warn); }
      @media print { .policies { break-before: page; } }

    """
}
