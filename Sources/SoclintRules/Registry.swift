/// Every rule, in RULES.md's order.
public enum Registry {
  public static let rules: [any Rule] = [
    InvalidFile(), YAMLSyntax(), ResourceLimit(), DuplicateKey(), MissingField(), UnknownField(), WrongType(),
    InvalidValue(), EmptyFile(),
    DuplicateID(), UnknownOwner(), InactiveOwner(), InvalidBackup(), UnknownFramework(), UnknownRequirement(),
    MissingCriteria(), MissingEvidence(), MissingReview(), PlaceholderText(), ShortDescription(),
    OrphanOwner(),
    UncoveredRequirement(), SecurityNotInScope(), OutOfScopeRequirement(),
    StaleEvidence(), EvidenceDueSoon(), EvidenceNeverCollected(), StaleReview(), FutureDate(),
    EvidenceFrequencyMismatch(), MissingEvidenceFile(), UnsafePath(),
    SuppressionWithoutReason(), UnusedSuppression(), ExpiredSuppression(), UnknownRule(),
  ]

  public static let descriptions: [RuleDescription] = rules.map { $0.description }

  private static let byID: [String: RuleDescription] = Dictionary(
    uniqueKeysWithValues: descriptions.map { ($0.id, $0) })

  public static func description(of id: String) -> RuleDescription? { byID[id] }

  public static var ids: [String] { descriptions.map(\.id) }
}
