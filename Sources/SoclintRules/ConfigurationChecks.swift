import SoclintDiagnostics
import SoclintModel

/// What the configuration asks of a run beyond its structure: the categories it scopes by must
/// exist (`ScopeCategories`), the names under `rules` must be rules that can be re-graded, and
/// those rules get the severities it sets. A wrong name makes the configuration invalid: the run
/// ends with status 2, and its findings can be neither suppressed nor re-graded, so the reason
/// is always printed.
struct ConfigurationChecks {
  private(set) var findings: [Finding] = []
  private(set) var invalid = false
  /// A category in the scope does not exist.
  private var scopeInvalid = false
  /// The severity each named rule has in this run; nil for `off`.
  private var severities: [RuleID: Severity?] = [:]

  init(_ context: LintContext) {
    var categoryFindings = ScopeCategories.findings(context)
    if !categoryFindings.isEmpty {
      categoryFindings[0].notes.append(Note(ConfigurationChecks.scopeNote, at: nil))
      invalid = true
      scopeInvalid = true
    }
    findings += categoryFindings
    for setting in context.configuration.rules {
      let name = setting.rule.value
      guard let id = RuleID(rawValue: name) else {
        invalid = true
        findings.append(
          .unknownRule(
            name, in: "the configuration's rules", at: setting.rule.range, pointer: setting.rule.pointer))
        continue
      }
      if id.isStructural {
        invalid = true
        findings.append(
          Finding(
            rule: .invalidValue,
            message: "'\(name)' is a structure rule; it cannot be turned off or re-graded",
            range: setting.rule.range, pointer: setting.rule.pointer,
            help: ["remove '\(name)' from the configuration's rules"], subject: [name]))
        continue
      }
      severities[id] = setting.severity
    }
  }

  /// The rules whose findings depend on the scope being what the user meant.
  static let scopedRules: Set<RuleID> = [.uncoveredRequirement, .outOfScopeRequirement]

  static let scopeNote =
    "while the scope names a category that does not exist, coverage is not judged (\(scopedRules.map(\.rawValue).sorted(by: >).joined(separator: ", ")) are skipped)"

  /// While a category is unknown the scope is not what the user meant, so coverage is not
  /// judged against it: the findings that depend on the scope are dropped.
  func dropUnjudged(_ all: inout [Finding]) {
    if scopeInvalid {
      all.removeAll { ConfigurationChecks.scopedRules.contains($0.rule) }
    }
  }

  /// Gives each finding the severity the configuration gives its rule, and drops those of rules
  /// it turns off; in place, as the list is thousands of findings long on a first run.
  func applySeverities(_ all: inout [Finding]) {
    guard !severities.isEmpty else { return }
    all.removeAll { finding in
      if case .some(.none) = severities[finding.rule] { return true }
      return false
    }
    for i in all.indices {
      if case .some(.some(let severity)) = severities[all[i].rule] { all[i].severity = severity }
    }
  }
}
