import SoclintModel

/// Where a control, or a policy that is not retired, names an owner, with how a message names
/// each place: unknown-owner and inactive-owner look the same names up. The description is a
/// closure, made into text only for a finding: most names are fine, and the text costs.
enum OwnerReferences {
  /// The control's `owner`, then each evidence item's `owner`.
  static func of(_ control: Control, _ body: (_ name: Located<String>, _ describe: () -> String) -> Void) {
    body(control.owner) { "owner '\(control.owner.value)' of control \(control.id.value)" }
    for e in control.evidence {
      if let owner = e.owner {
        body(owner) { "owner '\(owner.value)' of evidence '\(e.id.value)' of control \(control.id.value)" }
      }
    }
  }

  /// The policy's `owner`, then its `approver`.
  static func of(_ policy: Policy, _ body: (_ name: Located<String>, _ describe: () -> String) -> Void) {
    body(policy.owner) { "owner '\(policy.owner.value)' of policy \(policy.id.value)" }
    if let approver = policy.approver {
      body(approver) { "approver '\(approver.value)' of policy \(policy.id.value)" }
    }
  }
}
