/// Every rule of soclint, in the order of the rules reference: the one place each rule id is
/// written as text. Findings, severities in force, suppressions and the registry all name rules
/// by this type, so a misspelt id does not compile.
public enum RuleID: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
  /// A file is not readable UTF-8 text: a link out of the project, not a regular file, not UTF-8, a NUL
  /// byte, or over 8 MiB.
  case invalidFile = "invalid-file"
  /// libyaml cannot parse the file.
  case yamlSyntax = "yaml-syntax"
  /// Nesting deeper than 256 levels, or aliases expanding beyond 100,000 nodes.
  case resourceLimit = "resource-limit"
  /// A mapping holds the same key twice.
  case duplicateKey = "duplicate-key"
  /// A required field is absent (a missing `kind` too).
  case missingField = "missing-field"
  /// A key the schema does not know; keys starting with `x-` are always allowed.
  case unknownField = "unknown-field"
  /// A value of the wrong YAML type.
  case wrongType = "wrong-type"
  /// A value outside its allowed values, pattern or format, too short or too long, or an empty list.
  case invalidValue = "invalid-value"
  /// A file holds no YAML document, or only empty ones.
  case emptyFile = "empty-file"
  /// Two controls, policies, owners, catalogs, requirements of a catalog or evidence items of a
  /// control share an id (controls and policies share one namespace).
  case duplicateID = "duplicate-id"
  /// A control, evidence item or backup names an owner that no owners list declares.
  case unknownOwner = "unknown-owner"
  /// A control, evidence item or backup names an owner who has left (`active: false`).
  case inactiveOwner = "inactive-owner"
  /// An owner is named as their own backup.
  case invalidBackup = "invalid-backup"
  /// A control's criteria or the configuration names a framework that no catalog declares.
  case unknownFramework = "unknown-framework"
  /// A control maps, or the configuration excludes, a requirement its framework does not have.
  case unknownRequirement = "unknown-requirement"
  /// An implemented control maps to no requirement.
  case missingCriteria = "missing-criteria"
  /// An implemented control lists no evidence.
  case missingEvidence = "missing-evidence"
  /// An implemented control has no `last_reviewed` date.
  case missingReview = "missing-review"
  /// A title, description, evidence source or owner name holds placeholder text (TODO, TBD, <fill in>).
  case placeholderText = "placeholder-text"
  /// A control's description is under 30 characters or repeats its title.
  case shortDescription = "short-description"
  /// An active owner owns no control or evidence and backs up no one.
  case orphanOwner = "orphan-owner"
  /// An in-scope requirement is met by no implemented control.
  case uncoveredRequirement = "uncovered-requirement"
  /// SOC 2 is in scope without the security category.
  case securityNotInScope = "security-not-in-scope"
  /// A control maps a requirement outside the configuration's scope.
  case outOfScopeRequirement = "out-of-scope-requirement"
  /// Evidence was not collected again within its frequency (plus grace days).
  case staleEvidence = "stale-evidence"
  /// Evidence falls due within `due_soon_days` of the as-of date.
  case evidenceDueSoon = "evidence-due-soon"
  /// An evidence item of an implemented control has no `last_collected` date.
  case evidenceNeverCollected = "evidence-never-collected"
  /// A control's design review is overdue (`last_reviewed` plus `review_interval`).
  case staleReview = "stale-review"
  /// A `last_collected` or `last_reviewed` date is after the as-of date.
  case futureDate = "future-date"
  /// Evidence is collected less often than its control operates.
  case evidenceFrequencyMismatch = "evidence-frequency-mismatch"
  /// An evidence path matches no file in the repository.
  case missingEvidenceFile = "missing-evidence-file"
  /// An evidence path is absolute, has a '..' segment, or leads outside the project through a link.
  case unsafePath = "unsafe-path"
  /// A `soclint: ignore` comment gives no reason.
  case suppressionWithoutReason = "suppression-without-reason"
  /// A suppression silences nothing.
  case unusedSuppression = "unused-suppression"
  /// A suppression's `until` date has passed.
  case expiredSuppression = "expired-suppression"
  /// A suppression or the configuration's `rules` names no rule.
  case unknownRule = "unknown-rule"
  /// Under a Type II audit, evidence has an elapsed window of the period with no collection.
  case evidenceGap = "evidence-gap"
  /// Under a Type II audit, a control began to operate after the period's start.
  case implementedDuringPeriod = "implemented-during-period"
  /// A collection history is out of order, repeats a date, or disagrees with last_collected.
  case inconsistentHistory = "inconsistent-history"
  /// A control names a policy that no policy document declares.
  case unknownPolicy = "unknown-policy"
  /// A policy's `document` is no regular file in the repository.
  case missingPolicyDocument = "missing-policy-document"
  /// An approved policy's review is overdue (`approved_on` plus `review_interval`).
  case stalePolicy = "stale-policy"
  /// An approved policy's review falls due within `due_soon_days` of the as-of date.
  case policyDueSoon = "policy-due-soon"
  /// A policy's approver is its owner.
  case selfApprovedPolicy = "self-approved-policy"
  /// An implemented control carries out a draft or retired policy.
  case unapprovedPolicy = "unapproved-policy"
  /// A policy's document changed in git after its approval.
  case policyChangedAfterApproval = "policy-changed-after-approval"
  /// An approved policy that no implemented control carries out.
  case orphanPolicy = "orphan-policy"

  /// The kebab-case id, as users write it and every output format shows it.
  public var description: String { rawValue }

  /// The severity a finding of the rule has unless the configuration changes it.
  public var defaultSeverity: Severity {
    switch self {
    case .invalidFile, .yamlSyntax, .resourceLimit, .duplicateKey, .missingField, .unknownField, .wrongType,
      .invalidValue, .duplicateID, .unknownOwner, .invalidBackup, .unknownFramework, .unknownRequirement,
      .missingCriteria, .missingEvidence, .uncoveredRequirement, .securityNotInScope, .staleEvidence,
      .futureDate, .missingEvidenceFile, .unsafePath, .expiredSuppression, .unknownRule, .evidenceGap,
      .inconsistentHistory, .unknownPolicy, .missingPolicyDocument, .stalePolicy, .selfApprovedPolicy:
      return .error
    case .emptyFile, .inactiveOwner, .missingReview, .placeholderText, .shortDescription,
      .evidenceNeverCollected, .staleReview, .evidenceFrequencyMismatch, .suppressionWithoutReason,
      .unusedSuppression, .implementedDuringPeriod, .unapprovedPolicy, .policyChangedAfterApproval:
      return .warning
    case .orphanOwner, .outOfScopeRequirement, .evidenceDueSoon, .policyDueSoon, .orphanPolicy:
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
