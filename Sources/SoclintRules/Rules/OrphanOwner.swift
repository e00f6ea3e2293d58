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
      // bob backs up no one and is named only by the last control read, by its evidence.
      Example(
        [
          ("Controls/example.yaml", Example.goodControl),
          (
            "Controls/last.yaml",
            Example.goodControl.replacingFirst("id: AC-01", with: "id: AC-02").replacingFirst(
              "    last_collected: 2026-09-30\n", with: "    last_collected: 2026-09-30\n    owner: bob\n")
          ),
          ("Controls/owners.yaml", Example.baseOwners.replacingFirst("    backup: bob\n", with: "")),
        ]),
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
    // The active owners nobody has named yet, crossed off as names are read: the walk over
    // every control stops once none is left, which in a project where everyone owns something
    // is within its first few hundred controls.
    var unnamed = Set(context.project.owners.lazy.filter(\.active).map(\.id.value))
    func named(_ name: String) -> Bool {
      unnamed.remove(name)
      return unnamed.isEmpty
    }
    walk: do {
      for owner in context.project.owners { if let b = owner.backup, named(b.value) { break walk } }
      for policy in context.project.policies {
        if named(policy.owner.value) { break walk }
        if let approver = policy.approver, named(approver.value) { break walk }
      }
      for control in context.project.controls {
        if named(control.owner.value) { break walk }
        for e in control.evidence { if let o = e.owner, named(o.value) { break walk } }
      }
    }
    for owner in context.project.owners where owner.active && unnamed.contains(owner.id.value) {
      report.append(
        finding(
          "owner '\(owner.id.value)' owns no control or evidence and backs up no one", at: owner.id,
          help: ["give them a control, evidence or a backup role, or remove them"], subject: [owner.id.value])
      )
    }
  }
}
