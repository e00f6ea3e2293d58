import SoclintDiagnostics
import SoclintModel

struct OrphanOwner: Rule {
  static let description = RuleDescription(
    id: .orphanOwner, category: .completeness,
    summary: "An active owner owns no control or evidence and backs up no one",
    explanation: """
      An owner with nothing to own is usually a leftover from a reorganisation, or someone who
      was meant to take over a control. Owning or approving a policy counts as owning something.
      Give them something to own, or remove them from the list.
      """,
    failing: [
      Example(
        [
          ("Controls/example.yaml", Example.goodControl),
          (
            "Controls/owners.yaml",
            Example.baseOwners.replacingFirst("    backup: bob\n", with: "").replacingFirst(
              "  - id: bob", with: "  - id: ↓bob")
          ),
        ], messages: ["owner 'bob' owns no control or evidence and backs up no one"])
    ],
    passing: [
      Example(control: Example.goodControl),
      // bob backs up no one and owns no control, but approves a policy.
      Example(
        Example.policyFiles + [
          ("Controls/owners.yaml", Example.baseOwners.replacingFirst("    backup: bob\n", with: ""))
        ]),
    ])

  func check(_ context: LintContext, report: inout [Finding]) {
    guard !context.project.ownersIncomplete, !context.project.controlsIncomplete,
      !context.project.policiesIncomplete
    else { return }
    var used: Set<String> = []
    for control in context.project.controls {
      used.insert(control.owner.value)
      for e in control.evidence { if let o = e.owner { used.insert(o.value) } }
    }
    for owner in context.project.owners { if let b = owner.backup { used.insert(b.value) } }
    for policy in context.project.policies {
      used.insert(policy.owner.value)
      if let approver = policy.approver { used.insert(approver.value) }
    }
    for owner in context.project.owners where owner.active && !used.contains(owner.id.value) {
      report.append(
        finding(
          "owner '\(owner.id.value)' owns no control or evidence and backs up no one", at: owner.id,
          help: ["give them a control, evidence or a backup role, or remove them"], subject: [owner.id.value])
      )
    }
  }
}
