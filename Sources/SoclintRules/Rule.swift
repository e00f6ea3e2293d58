import SoclintDiagnostics
import SoclintModel
import SoclintYAML

/// The group a rule belongs to, as RULES.md's tables.
public enum RuleCategory: String, Sendable, CaseIterable {
  case structure = "Reading and structure"
  case names = "Names and references"
  case completeness = "Completeness"
  case coverage = "Coverage"
  case staleness = "Staleness"
  case suppressions = "Suppressions and rule names"
}

/// A small project that shows a rule: files by project-relative path. Files not given come
/// from `Example.base` (a configuration judged on 2026-11-20, two owners, a one-objective
/// SOC 1 catalog), so an example shows only what matters.
public struct Example: Sendable {
  public let files: [(path: String, text: String)]

  public init(_ files: [(path: String, text: String)]) {
    self.files = files
  }

  /// An example of one control file.
  public init(control text: String) {
    self.files = [("Controls/example.yaml", text)]
  }

  /// The example's files merged over the base, by path.
  public var project: [(path: String, text: String)] {
    var out = files
    for base in Example.base where !files.contains(where: { $0.path == base.path }) {
      out.append(base)
    }
    return out.sorted { $0.path < $1.path }
  }

  public static let base: [(path: String, text: String)] = [
    (".soclint.yaml", baseConfiguration), ("Controls/owners.yaml", baseOwners),
    ("Controls/soc1.yaml", baseCatalog),
  ]

  public static let baseConfiguration = """
    version: 1
    frameworks:
      soc1: {}
    as_of: 2026-11-20

    """

  public static let baseOwners = """
    kind: owners
    owners:
      - id: alice
        name: Alice Chen
        email: alice@example.com
        backup: bob
      - id: bob
        name: Bob Okafor
        email: bob@example.com

    """

  public static let baseCatalog = """
    kind: catalog
    framework: soc1
    title: Example SOC 1 control objectives
    requirements:
      - id: CO-1
        title: Access to payroll systems is limited to authorised staff

    """
}

/// What a rule is: the text `soclint explain` prints and the examples the tests run.
public struct RuleDescription: Sendable {
  public let id: RuleID
  public let category: RuleCategory
  /// One line, for `soclint rules` and SARIF's shortDescription.
  public let summary: String
  /// Why the rule exists and how to fix what it finds.
  public let explanation: String
  /// Each yields at least one finding of this rule.
  public let failing: [Example]
  /// Each yields no finding of this rule.
  public let passing: [Example]

  public init(
    id: RuleID, category: RuleCategory, summary: String, explanation: String,
    failing: [Example], passing: [Example]
  ) {
    self.id = id
    self.category = category
    self.summary = summary
    self.explanation = explanation
    self.failing = failing
    self.passing = passing
  }

  /// The default severity, which the id carries (findings made while reading know only the id).
  public var severity: Severity { id.defaultSeverity }

  /// Structure rules cannot be turned off, re-graded or silenced.
  public var isStructural: Bool { id.isStructural }
}

/// A rule that checks the typed model: it looks at the whole project once. Structure rules are
/// found while reading (SoclintModel) and suppression rules by the `SuppressionEngine`; those are
/// descriptions only (`RuleDescription.structure`, `RuleDescription.suppression`).
public protocol Rule: Sendable {
  static var description: RuleDescription { get }
  init()
  func check(_ context: LintContext, report: inout [Finding])
}

extension Rule {
  public var description: RuleDescription { Self.description }

  /// A finding of this rule at its default severity.
  public func finding(
    _ message: String, at range: SourceRange, pointer: String = "", notes: [Note] = [], help: [String] = [],
    subject: [String] = []
  ) -> Finding {
    Finding(
      rule: Self.description.id, message: message, range: range,
      pointer: pointer, notes: notes, help: help, subject: subject)
  }

  public func finding<T>(
    _ message: String, at value: Located<T>, notes: [Note] = [], help: [String] = [], subject: [String] = []
  ) -> Finding {
    finding(message, at: value.range, pointer: value.pointer, notes: notes, help: help, subject: subject)
  }

  /// A finding at a key of a control when the key is written (`criteria: []`), else at the
  /// control's id: where missing-criteria and missing-evidence point.
  public func finding(
    _ message: String, atKey key: Node?, pointer: String, of control: Control, help: [String]
  ) -> Finding {
    guard let key else { return finding(message, at: control.id, help: help, subject: [control.id.value]) }
    return finding(
      message, at: control.file.range(of: key), pointer: pointer, help: help, subject: [control.id.value])
  }
}
