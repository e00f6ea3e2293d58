/// Every rule of soclint, in the order of the rules reference: the one place each rule id is
/// written as text. Findings, severities in force, suppressions and the registry all name rules
/// by this type, so a misspelt id does not compile.
public enum RuleID: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
  case invalidFile = "invalid-file"
  case yamlSyntax = "yaml-syntax"
  case resourceLimit = "resource-limit"
  case duplicateKey = "duplicate-key"
  case missingField = "missing-field"
  case unknownField = "unknown-field"
  case wrongType = "wrong-type"
  case invalidValue = "invalid-value"
  case emptyFile = "empty-file"
  case duplicateID = "duplicate-id"
  case unknownOwner = "unknown-owner"
  case inactiveOwner = "inactive-owner"
  case invalidBackup = "invalid-backup"
  case unknownFramework = "unknown-framework"
  case unknownRequirement = "unknown-requirement"
  case missingCriteria = "missing-criteria"
  case missingEvidence = "missing-evidence"
  case missingReview = "missing-review"
  case placeholderText = "placeholder-text"
  case shortDescription = "short-description"
  case orphanOwner = "orphan-owner"
  case uncoveredRequirement = "uncovered-requirement"
  case securityNotInScope = "security-not-in-scope"
  case outOfScopeRequirement = "out-of-scope-requirement"
  case staleEvidence = "stale-evidence"
  case evidenceDueSoon = "evidence-due-soon"
  case evidenceNeverCollected = "evidence-never-collected"
  case staleReview = "stale-review"
  case futureDate = "future-date"
  case evidenceFrequencyMismatch = "evidence-frequency-mismatch"
  case missingEvidenceFile = "missing-evidence-file"
  case unsafePath = "unsafe-path"
  case suppressionWithoutReason = "suppression-without-reason"
  case unusedSuppression = "unused-suppression"
  case expiredSuppression = "expired-suppression"
  case unknownRule = "unknown-rule"

  /// The kebab-case id, as users write it and every output format shows it.
  public var description: String { rawValue }

  /// The severity a finding of the rule has unless the configuration changes it.
  public var defaultSeverity: Severity {
    switch self {
    case .invalidFile, .yamlSyntax, .resourceLimit, .duplicateKey, .missingField, .unknownField, .wrongType,
      .invalidValue, .duplicateID, .unknownOwner, .invalidBackup, .unknownFramework, .unknownRequirement,
      .missingCriteria, .missingEvidence, .uncoveredRequirement, .securityNotInScope, .staleEvidence,
      .futureDate, .missingEvidenceFile, .unsafePath, .expiredSuppression, .unknownRule:
      return .error
    case .emptyFile, .inactiveOwner, .missingReview, .placeholderText, .shortDescription,
      .evidenceNeverCollected, .staleReview, .evidenceFrequencyMismatch, .suppressionWithoutReason,
      .unusedSuppression:
      return .warning
    case .orphanOwner, .outOfScopeRequirement, .evidenceDueSoon:
      return .info
    }
  }

  /// Structure rules are found while files are read; they cannot be turned off, re-graded or
  /// silenced.
  public var isStructural: Bool {
    switch self {
    case .invalidFile, .yamlSyntax, .resourceLimit, .duplicateKey, .missingField, .unknownField, .wrongType,
      .invalidValue, .emptyFile:
      return true
    default:
      return false
    }
  }
}
