import SoclintDiagnostics
import SoclintModel

struct InactiveOwner: Rule {
  static let description = RuleDescription(
    id: .inactiveOwner, category: .names,
    summary: "A control, evidence item, policy or backup names an owner who has left (active: false)",
    explanation: """
      When someone leaves, their controls and evidence must pass to someone who is still there,
      or nobody runs them. An owner marked `active: false` must own nothing, approve no policy in
      force and back up no one. Hand the control, evidence, policy or backup role to an active
      owner; a policy whose approver has left is approved again by someone who is still here.
      """,
    failing: [
      Example(
        [
          (
            "Controls/example.yaml", Example.goodControl.replacingFirst("owner: alice", with: "owner: ↓carol")
          ),
          (
            "Controls/owners.yaml",
            Example.baseOwners
              + "  - id: carol\n    name: Carol Diaz\n    email: carol@example.com\n    active: false\n"
          ),
        ], messages: ["owner 'carol' of control AC-01 has left (active: false)"]),
      Example(
        Example.policyFiles + [
          (
            "Controls/owners.yaml",
            Example.baseOwners
              + "  - id: carol\n    name: Carol Diaz\n    email: carol@example.com\n    active: false\n"
          )
        ], messages: ["approver 'carol' of policy POL-ACCESS has left (active: false)"]
      ).replacing("approver: bob", with: "approver: ↓carol", in: Example.policyPath),
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .active

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard !context.project.ownersIncomplete else { return }
    OwnerReferences.of(control) { look($0, $1, context, &report) }
  }

  func check(_ context: LintContext, report: inout [Finding]) {
    guard !context.project.ownersIncomplete else { return }
    for policy in context.project.policies where policy.status != .retired {
      OwnerReferences.of(policy) { look($0, $1, context, &report) }
    }
    for owner in context.project.owners where owner.active {
      if let backup = owner.backup {
        look(backup, { "backup '\(backup.value)' of owner '\(owner.id.value)'" }, context, &report)
      }
    }
  }

  /// `what` is built only for a finding: most values are fine, and the message costs.
  private func look(
    _ value: Located<String>, _ describe: () -> String, _ context: LintContext,
    _ report: inout [Finding]
  ) {
    guard let owner = context.owners[value.value], !owner.active else { return }
    let what = describe()
    report.append(
      finding(
        "\(what) has left (active: false)", at: value,
        notes: [Note("owner '\(owner.id.value)' is declared inactive here", at: owner.id.range)],
        help: [
          owner.backup.map { "hand it to their backup '\($0.value)' or another active owner" }
            ?? "hand it to an active owner"
        ],
        subject: [value.value]))
  }
}
