import SoclintDiagnostics
import SoclintModel

struct UnknownOwner: Rule {
  static let description = RuleDescription(
    id: .unknownOwner, category: .names,
    summary: "A control, evidence item, policy or backup names an owner that no owners list declares",
    explanation: """
      Every control and piece of evidence needs someone accountable, and an auditor will ask who.
      Owners are declared in `kind: owners` documents; a control's `owner`, an evidence item's
      `owner`, a policy's `owner` and `approver` and an owner's `backup` must name one of them by
      id. Declare the owner, or fix the
      spelling (the help suggests the closest declared id).
      """,
    failing: [
      Example.control(
        replacing: "owner: alice", with: "owner: ↓alcie",
        messages: ["owner 'alcie' of control AC-01 is not declared"]),
      Example.policy(
        replacing: "approver: bob", with: "approver: ↓dana",
        messages: ["approver 'dana' of policy POL-ACCESS is not declared"]),
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
    for owner in context.project.owners {
      if let backup = owner.backup, backup.value != owner.id.value {
        look(backup, { "backup '\(backup.value)' of owner '\(owner.id.value)'" }, context, &report)
      }
    }
  }

  /// `what` and the help are built only for a finding: most values are fine, and they cost.
  private func look(
    _ value: Located<String>, _ describe: () -> String, _ context: LintContext,
    _ report: inout [Finding]
  ) {
    guard context.owners[value.value] == nil else { return }
    let what = describe()
    let help =
      Suggest.closest(to: value.value, in: context.project.owners.map(\.id.value)).map {
        ["did you mean '\($0)'?"]
      }
      ?? ["declare '\(value.value)' in an owners list (kind: owners)"]
    report.append(finding("\(what) is not declared", at: value, help: help, subject: [value.value]))
  }
}
