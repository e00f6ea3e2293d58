import SoclintDiagnostics
import SoclintModel

struct EvidenceGap: Rule {
  static let description = RuleDescription(
    id: .evidenceGap, category: .audit,
    summary: "Under a Type II audit, evidence was not collected in an elapsed window of the period",
    explanation: """
      A Type II examination tests that a control operated throughout the observation period. The
      period is cut into windows of the evidence's frequency, counted from the audit's `start`
      (quarterly evidence over 2026 has four windows: January to March, April to June...). An
      auditor samples each window; a window that has elapsed (its last day plus `grace_days` is
      before the as-of date) with no collection on one of its days, or within the grace days
      after it, is an exception printed in the report. Windows that end before the control's
      `implemented_on` are not required. Collect the evidence now, record every collection under
      `collected`, and prepare the explanation of the gap for the auditor. Evidence never
      collected at all is reported by evidence-never-collected instead.
      """,
    failing: [
      Example(
        [
          (".soclint.yaml", Example.type2Configuration),
          (
            "Controls/example.yaml",
            Example.goodControl.replacingFirst(
              "    last_collected: 2026-09-30\n",
              with: "    ↓collected: [2026-01-14, 2026-07-08, 2026-10-06]\n")
          ),
        ],
        messages: [
          "evidence 'review-ticket' of control AC-01 missed 1 of 3 elapsed quarterly windows of the audit period, the first from 2026-04-01 to 2026-06-30"
        ])
    ],
    passing: [
      Example([
        (".soclint.yaml", Example.type2Configuration),
        (
          "Controls/example.yaml",
          Example.goodControl.replacingFirst(
            "    last_collected: 2026-09-30\n",
            with: "    collected: [2026-01-14, 2026-04-09, 2026-07-08, 2026-10-06]\n")
        ),
      ])
    ])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard context.auditPeriod != nil else { return }
    for e in control.evidence {
      // Never collected at all is evidence-never-collected's alone.
      guard let at = EvidenceGap.place(of: e, in: control) else { continue }
      let windows = context.windows(of: e, in: control)
      let missed = windows.filter { $0.status == .missed }
      guard let first = missed.first else { continue }
      let elapsed = windows.filter { $0.status != .notRequired && context.hasElapsed($0) }
      report.append(
        finding(
          "evidence '\(e.id.value)' of control \(control.id.value) missed \(missed.count) of \(elapsed.count) elapsed \(e.frequency.value) window\(elapsed.count == 1 ? "" : "s") of the audit period, the first from \(first.start) to \(first.end)",
          at: at.range, pointer: at.pointer,
          help: EvidenceGap.help(missed), subject: [control.id.value, e.id.value]))
    }
  }

  /// Where a finding about an item's windows points: the key `collected`, else the value of
  /// `last_collected`; nil for evidence never collected.
  static func place(of e: Evidence, in control: Control) -> (range: SourceRange, pointer: String)? {
    if let key = e.collectedKey { return (control.file.range(of: key), e.pointer + "/collected") }
    return e.lastCollectedField.map { ($0.range, $0.pointer) }
  }

  /// Up to three missed windows, then how many more, and what to do.
  static func help(_ missed: [CollectionWindow]) -> [String] {
    let listed = missed.prefix(3).map(\.span).joined(separator: ", ")
    let more = missed.count > 3 ? " and \(missed.count - 3) more" : ""
    return [
      "no collection in \(listed)\(more)",
      "collect the evidence now, record it under 'collected', and prepare the explanation of the gap for the auditor",
    ]
  }
}
