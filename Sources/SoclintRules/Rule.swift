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
  case audit = "The audit period and histories"
  case policies = "Policies"
}

/// A small project that shows a rule: files by project-relative path. Files not given come
/// from `Example.base` (a configuration judged on 2026-11-20, two owners, a one-objective
/// SOC 1 catalog), so an example shows only what matters.
///
/// In a failing example, `↓` marks where each finding of the rule points, as SwiftLint marks
/// its examples, and `messages` holds their messages in the same order; the tests check the
/// rule finds exactly those. The marks are not part of the files.
public struct Example: Sendable {
  /// The mark of an expected finding.
  public static let mark: Character = "↓"

  /// The files as written, with their marks.
  public let markedFiles: [(path: String, text: String)]
  /// The messages of the findings at the marks, in the order of the marks.
  public let messages: [String]
  /// The project's git history, oldest commit first; empty when the example is no git
  /// repository. The files after the last commit are the example's own, all committed.
  public let history: [Commit]

  /// One commit of an example's history: the example's files with `files` written over them,
  /// committed on `day` (as committer and author date) by `author`.
  public struct Commit: Sendable {
    /// The day, YYYY-MM-DD; the commit is made at noon UTC.
    public let day: String
    /// The author's name.
    public let author: String
    /// What the commit records, for the reader of the example.
    public let summary: String
    /// Files as they stood in this commit, in place of the example's own.
    public let files: [(path: String, text: String)]

    /// A commit of the example's files, with some of them as they stood then.
    public init(day: String, author: String, summary: String, files: [(path: String, text: String)] = []) {
      self.day = day
      self.author = author
      self.summary = summary
      self.files = files
    }
  }

  /// An example of these files (over the base), with the messages of its marked findings.
  public init(_ files: [(path: String, text: String)], messages: [String] = [], history: [Commit] = []) {
    self.markedFiles = files
    self.messages = messages
    self.history = history
  }

  /// An example of one control file.
  public init(control text: String, messages: [String] = []) {
    self.init([("Controls/example.yaml", text)], messages: messages)
  }

  /// The files without their marks.
  public var files: [(path: String, text: String)] {
    markedFiles.map { ($0.path, $0.text.filter { $0 != Example.mark }) }
  }

  /// Where the marks are: project-relative path, 1-based line and column (in Unicode scalars,
  /// as findings count them), in file and then text order.
  public var marks: [(path: String, line: Int, column: Int)] {
    var out: [(path: String, line: Int, column: Int)] = []
    for file in markedFiles.sorted(by: { $0.path < $1.path }) {
      var line = 1
      var column = 1
      for scalar in file.text.unicodeScalars {
        if Character(scalar) == Example.mark {
          out.append((file.path, line, column))
        } else if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
    }
    return out
  }

  /// The example with one more piece of text replaced in one of its files (the control by
  /// default): to mark a node the first change does not touch.
  public func replacing(_ old: String, with new: String, in path: String = "Controls/example.yaml") -> Example
  {
    Example(
      markedFiles.map { file in
        guard file.path == path else { return file }
        precondition(file.text.contains(old), "example text not found: \(old)")
        return (file.path, file.text.replacingFirst(old, with: new))
      }, messages: messages, history: history)
  }

  /// The example's files merged over the base, by path.
  public var project: [(path: String, text: String)] { Example.merge(files, over: Example.base) }

  /// The project as it stood in a commit of its history.
  public func project(at commit: Commit) -> [(path: String, text: String)] {
    Example.merge(commit.files, over: project)
  }

  static func merge(
    _ files: [(path: String, text: String)], over base: [(path: String, text: String)]
  ) -> [(path: String, text: String)] {
    var out = files
    for b in base where !files.contains(where: { $0.path == b.path }) { out.append(b) }
    return out.sorted { $0.path < $1.path }
  }

  /// The files every example starts from: the configuration, the owners and the catalog below.
  public static let base: [(path: String, text: String)] = [
    (".soclint.yaml", baseConfiguration), ("Controls/owners.yaml", baseOwners),
    ("Controls/soc1.yaml", baseCatalog),
  ]

  /// A configuration with SOC 1 in scope, judged on 2026-11-20.
  public static let baseConfiguration = """
    version: 1
    frameworks:
      soc1: {}
    as_of: 2026-11-20

    """

  /// Two owners: alice, backed up by bob, and bob.
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

  /// A SOC 1 catalog with one control objective, CO-1.
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
  /// The rule id.
  public let id: RuleID
  /// The group the rule belongs to in the rules reference.
  public let category: RuleCategory
  /// One line, for `soclint rules` and SARIF's shortDescription.
  public let summary: String
  /// Why the rule exists and how to fix what it finds.
  public let explanation: String
  /// Each yields at least one finding of this rule.
  public let failing: [Example]
  /// Each yields no finding of this rule.
  public let passing: [Example]

  /// A description; the severity comes with the id.
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

/// The controls a rule checks one at a time.
public enum ControlSelection: Sendable {
  /// Every control, retired ones included.
  case all
  /// The controls that count: implemented and planned.
  case active
  /// Implemented controls only: the ones that count for coverage and staleness.
  case implemented

  /// Whether a control is one of the selection.
  public func contains(_ control: Control) -> Bool {
    switch self {
    case .all: return true
    case .active: return control.status != .retired
    case .implemented: return control.isImplemented
    }
  }
}

/// A rule that checks the typed model. Structure rules are found while reading (SoclintModel)
/// and suppression rules by the `SuppressionEngine`; those are descriptions only
/// (`RuleDescription.structure`, `RuleDescription.suppression`).
///
/// A rule has two parts, and either may be empty. What it finds in one control alone, from that
/// control and the context's tables, is `check(_:in:report:)`: the linter takes each control
/// once through every rule that has such a part, on the thread that holds the control. The rest
/// (across controls, and policies, owners, catalogs and the configuration) is
/// `check(_:report:)`, run once.
public protocol Rule: Sendable {
  static var description: RuleDescription { get }
  /// The controls `check(_:in:report:)` is given; nil for a rule that checks no control alone.
  static var eachControl: ControlSelection? { get }
  /// Whether `check(_:report:)` walks the index of mapped ids (`LintContext.mappedIDs`): the
  /// linter runs such rules after the index is built, not while another thread builds it.
  static var readsMappedIDs: Bool { get }
  init()
  /// Checks one control of `eachControl`; what it finds may not depend on any other control.
  func check(_ control: Control, in context: LintContext, report: inout [Finding])
  /// Checks what is not one control alone.
  func check(_ context: LintContext, report: inout [Finding])
}

extension Rule {
  /// No control is checked alone.
  public static var eachControl: ControlSelection? { nil }

  /// The index of mapped ids is not read.
  public static var readsMappedIDs: Bool { false }

  /// Nothing to find in one control alone.
  public func check(_ control: Control, in context: LintContext, report: inout [Finding]) {}

  /// Nothing to find beyond single controls.
  public func check(_ context: LintContext, report: inout [Finding]) {}

  /// The rule's description, from an instance.
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

  /// A finding of this rule at a located value (its node and JSON Pointer).
  public func finding<T>(
    _ message: String, at value: Located<T>, notes: [Note] = [], help: [String] = [], subject: [String] = []
  ) -> Finding {
    finding(message, at: value.range, pointer: value.pointer, notes: notes, help: help, subject: subject)
  }

  /// A finding at a key of a control when the key is written (`criteria: []`), else at the
  /// control's id: where missing-criteria and missing-evidence point.
  public func finding(
    _ message: String, atKey key: YAMLFile.Span?, pointer: String, of control: Control, help: [String]
  ) -> Finding {
    guard let key else { return finding(message, at: control.id, help: help, subject: [control.id.value]) }
    return finding(
      message, at: control.file.range(of: key), pointer: pointer, help: help, subject: [control.id.value])
  }
}
