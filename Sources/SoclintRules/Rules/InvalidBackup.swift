import SoclintDiagnostics
import SoclintModel

struct InvalidBackup: Rule {
  static let description = RuleDescription(
    id: .invalidBackup, category: .names,
    summary: "An owner is named as their own backup",
    explanation: """
      A backup covers for an owner who is away; an owner cannot cover for themselves. Name
      another owner, or remove `backup`.
      """,
    failing: [
      Example(
        [
          ("Controls/example.yaml", Example.goodControl),
          ("Controls/owners.yaml", Example.baseOwners + "    backup: ↓bob\n"),
        ], messages: ["owner 'bob' is named as their own backup"])
    ],
    passing: [Example(control: Example.goodControl)])

  func check(_ context: LintContext, report: inout [Finding]) {
    guard !context.project.ownersIncomplete else { return }
    for owner in context.project.owners {
      guard let backup = owner.backup, backup.value == owner.id.value else { continue }
      report.append(
        finding(
          "owner '\(owner.id.value)' is named as their own backup", at: backup,
          help: ["name another owner as backup, or remove 'backup'"], subject: [owner.id.value]))
    }
  }
}
