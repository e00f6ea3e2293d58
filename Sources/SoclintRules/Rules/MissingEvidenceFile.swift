import SoclintDiagnostics
import SoclintModel

struct MissingEvidenceFile: Rule {
  static let description = RuleDescription(
    id: .missingEvidenceFile, category: .staleness,
    summary: "An evidence path matches no file in the repository",
    explanation: """
      When evidence is kept in the repository, its `path` (a glob relative to the project root)
      must match at least one regular file; otherwise the evidence was moved, renamed or never
      added. Fix the path or add the file.
      """,
    failing: [
      Example.control(
        replacing: "    last_collected: 2026-09-30\n",
        with: "    last_collected: 2026-09-30\n    path: ↓evidence/AC-01/*.pdf\n",
        messages: ["path 'evidence/AC-01/*.pdf' of evidence 'review-ticket' of control AC-01 matches no file"]
      )
    ],
    passing: [
      Example([
        (
          "Controls/example.yaml",
          Example.goodControl.replacingFirst(
            "    last_collected: 2026-09-30\n",
            with: "    last_collected: 2026-09-30\n    path: evidence/AC-01/*.md\n")
        ),
        ("evidence/AC-01/review-2026-q3.md", "# Access review, Q3 2026\n\nSigned off by Alice Chen.\n"),
      ])
    ])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    for p in context.evidencePaths(of: control) where p.status == .noMatch {
      report.append(
        finding(
          "path '\(p.path.value)' of \(p.owner) of control \(control.id.value) matches no file",
          at: p.path,
          help: ["paths are globs relative to the project root; fix the path or add the file"],
          subject: [control.id.value, p.evidence.id.value, p.path.value]))
    }
  }
}
