import SoclintDiagnostics
import SoclintModel

struct UnsafePath: Rule {
  static let description = RuleDescription(
    id: .unsafePath, category: .staleness,
    summary:
      "An evidence path or policy document is absolute, has a '..' segment, or leads outside the project through a link",
    explanation: """
      soclint reads untrusted pull requests in CI, so it never looks outside the project root: an
      evidence `path` or a policy's `document` must be relative to the root, without `..`, and
      must not resolve through a link to a place outside it. Such a path is not looked up at
      all. Move the evidence or the policy text into the repository, or describe where evidence
      lives in `source` instead.
      """,
    failing: [
      Example.control(
        replacing: "    last_collected: 2026-09-30\n",
        with: "    last_collected: 2026-09-30\n    path: ↓../secrets/review.pdf\n",
        messages: [
          "path '../secrets/review.pdf' of evidence 'review-ticket' of control AC-01 is unsafe: it has a '..' segment"
        ]),
      Example.policy(
        replacing: "document: Controls/policies/access-control.md",
        with: "document: ↓/srv/policies/access.md",
        messages: ["document '/srv/policies/access.md' of policy POL-ACCESS is unsafe: it is absolute"]),
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    for p in context.evidencePaths(of: control) {
      guard case .unsafe(let why)? = p.status else { continue }
      report.append(
        finding(
          "path '\(p.path.value)' of \(p.owner) of control \(control.id.value) is unsafe: \(why)",
          at: p.path, help: ["write a path relative to the project root that stays inside it"],
          subject: [control.id.value, p.evidence.id.value, p.path.value]))
    }
  }

  func check(_ context: LintContext, report: inout [Finding]) {
    for policy in context.project.policies {
      guard case .unsafe(let why)? = policy.documentStatus else { continue }
      report.append(
        finding(
          "document '\(policy.document.value)' of policy \(policy.id.value) is unsafe: \(why)",
          at: policy.document,
          help: ["write a path relative to the project root that stays inside it"],
          subject: [policy.id.value, policy.document.value]))
    }
  }
}
