import SoclintDiagnostics

/// Every rule: the descriptions of all of them (one per `RuleID`, in its order) and the checkers
/// of the rules that look at the typed model.
public enum Registry {
  /// The rules that check the model, run by the linter's first phase.
  public static let checkers: [any Rule] = [
    DuplicateID(), UnknownOwner(), InactiveOwner(), InvalidBackup(), UnknownFramework(), UnknownRequirement(),
    MissingCriteria(), MissingEvidence(), MissingReview(), PlaceholderText(), ShortDescription(),
    OrphanOwner(),
    UncoveredRequirement(), SecurityNotInScope(), OutOfScopeRequirement(),
    StaleEvidence(), EvidenceDueSoon(), EvidenceNeverCollected(), StaleReview(), FutureDate(),
    EvidenceFrequencyMismatch(), MissingEvidenceFile(), UnsafePath(),
    EvidenceGap(), ImplementedDuringPeriod(), InconsistentHistory(),
    UnknownPolicy(), MissingPolicyDocument(), StalePolicy(), PolicyDueSoon(), SelfApprovedPolicy(),
    UnapprovedPolicy(), PolicyChangedAfterApproval(), OrphanPolicy(),
  ]

  /// The rules that check controls alone, in `checkers` order, and the controls each checks
  /// (two lists: a pair read from one list was a generic copy of an existential, for every
  /// rule and control).
  static let controlCheckers: [any Rule] = checkers.filter { type(of: $0).eachControl != nil }
  static let controlSelections: [ControlSelection] = controlCheckers.map { type(of: $0).eachControl! }

  /// Every description, in `RuleID` order. A rule id without a description, or with two, stops
  /// here with a message naming it (and the registry test names it first).
  public static let descriptions: [RuleDescription] = {
    let all = RuleDescription.structure + checkers.map(\.description) + RuleDescription.suppression
    var byID: [RuleID: RuleDescription] = [:]
    for d in all {
      precondition(byID[d.id] == nil, "rule \(d.id) is described twice")
      byID[d.id] = d
    }
    return RuleID.allCases.map { id in
      guard let d = byID[id] else { preconditionFailure("rule \(id) has no description in the registry") }
      return d
    }
  }()

  /// The description of a rule.
  public static func description(of id: RuleID) -> RuleDescription {
    descriptions[RuleID.allCases.firstIndex(of: id)!]
  }

  /// The description of a rule named by a user (a suppression, the configuration's rules).
  public static func description(of name: String) -> RuleDescription? {
    RuleID(rawValue: name).map(description(of:))
  }

  /// Every rule id as users write it, in order.
  public static var ids: [String] { RuleID.allCases.map(\.rawValue) }
}
