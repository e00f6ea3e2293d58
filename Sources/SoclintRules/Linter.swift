import SoclintDiagnostics
import SoclintModel

/// The outcome of a lint: the findings to report and what was silenced.
public struct LintResult: Sendable {
  /// The project that was linted.
  public let project: Project
  /// The day staleness was judged on.
  public let asOf: Day
  /// Sorted by path, line, column, rule; de-duplicated.
  public let findings: [Finding]
  /// Findings silenced by a suppression, with it (coverage reports them as accepted exceptions).
  public let suppressed: [(finding: Finding, suppression: Suppression)]
  /// The configuration is invalid or names unknown rules: the run ends with status 2.
  public let configurationInvalid: Bool
  /// The git history of the policy documents the run read; `unavailable` says why
  /// policy-changed-after-approval was skipped.
  public var history: DocumentHistory = .empty
  /// What the rules judged with, kept so that it is freed with the result and not between the
  /// rules and the output: the index of mapped ids and the tables by id of a large project are
  /// tens of thousands of values, and freeing them held a 10,000-control run's output up by 2
  /// to 3 ms (the command line exits without freeing either).
  var context: LintContext? = nil

  /// How many of the findings have this severity.
  public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// Runs every rule over a project, in three phases, so every output format sees the same
/// findings: the rules' checks (in parallel), then the configuration's own checks and the
/// severities it sets, then the suppressions (`SuppressionEngine`). Severities apply last, so
/// that suppression findings obey them too.
public struct Linter: Sendable {
  /// How many rules to run at once.
  public var jobs: Int
  /// Where the history of policy documents comes from.
  public var history: HistorySource = .git
  /// How many controls one piece of the rules' work holds: enough that handing it out costs
  /// nothing, few enough that the threads finish together. Tests make it small, so that
  /// every project is cut into many pieces.
  var controlSlice = 64

  /// Where policy-changed-after-approval learns when documents changed.
  public enum HistorySource: Sendable {
    /// `git log` in the project root, once per run, when an approved policy has a document.
    case git
    /// A history the caller read.
    case given(DocumentHistory)
  }

  /// A linter that runs up to `jobs` rules at once.
  public init(jobs: Int = 1) {
    self.jobs = jobs
  }

  /// The history the run judges with, read by git on a thread of its own while the context is
  /// built and the rules run; none is read when no approved policy has a document.
  func readHistory(_ project: Project) -> PendingHistory {
    switch history {
    case .given(let h): return PendingHistory(h)
    case .git:
      let paths = LintContext.historyPaths(project)
      if paths.isEmpty { return PendingHistory(.empty) }
      let root = project.root
      return PendingHistory { DocumentHistory.git(root: root, paths: paths) }
    }
  }

  /// Lints a project; `asOf` (from the command line) wins over the configuration's as_of, which wins over `today`.
  public func lint(_ project: Project, asOf override: Day?, today: Day) -> LintResult {
    guard let configuration = project.configuration else {
      return LintResult(
        project: project, asOf: override ?? today, findings: Linter.ordered(project.findings), suppressed: [],
        configurationInvalid: true)
    }
    let asOf = override ?? configuration.asOf?.value ?? today
    let history = readHistory(project)
    let context = LintContext(project: project, configuration: configuration, asOf: asOf, pending: history)

    // 1. The rules: each rule's part beyond single controls, and every control once through
    // the rules that check controls alone, a slice of controls at a time.
    let work = RuleWork.plan(controls: project.controls.count, slice: controlSlice)
    let parts = ParallelMap.map(work, jobs: jobs) { item -> [Finding] in
      var out: [Finding] = []
      item.run(context, report: &out)
      return out
    }
    // Each list of findings from here on is made at its size and let go as soon as the next is
    // made: on 10,000 controls, lists grown by doubling were 4 MB of fresh pages on one thread
    // (see "Where the time goes" in the README).
    var findings: [Finding] = []
    findings.reserveCapacity(parts.reduce(project.findings.count) { $0 + $1.count })
    findings += project.findings
    for part in parts { findings += part }

    // 2. The configuration: its categories must exist and its rules be rules.
    let settings = ConfigurationChecks(context)
    settings.dropUnjudged(&findings)

    // 3. Suppressions, then the severities in force; the configuration's own findings are
    // beyond both, since they say why the run cannot be trusted.
    let suppressions = SuppressionEngine(project: project, asOf: asOf)
    var (kept, silenced) = suppressions.apply(to: findings)
    findings = []
    settings.applySeverities(&kept)
    kept += settings.findings
    var result = LintResult(
      project: project, asOf: asOf, findings: Linter.ordered(kept), suppressed: silenced,
      configurationInvalid: settings.invalid)
    result.history = history.value
    result.context = context
    return result
  }

  /// One piece of the rules' work, for one thread.
  ///
  /// Each thread walks controls of its own. When every rule walked every control, both threads
  /// counted references on the same objects at the same time, and each count moved the object's
  /// cache line from one core to the other: rules on one thread took less CPU than on two.
  enum RuleWork: Sendable {
    /// Building the index of mapped ids (`LintContext.mappedIDs`), which several rules walk.
    case mappedIDs
    /// The part of one rule (by its index in `Registry.checkers`) beyond single controls.
    case rule(Int)
    /// These controls (indices in the project's list), each through every rule that checks
    /// controls alone.
    case controls(Range<Int>)

    /// The index of mapped ids first, then the rules' parts that do not read it (some of them
    /// are long), then the controls, `slice` at a time, and last the rules that read the index.
    ///
    /// The index is built once, by the first thread that asks, and any other that asks meanwhile
    /// waits. With the rules in the registry's order, the two threads took a rule that reads it
    /// within their first pieces: on 10,000 controls one of them waited 3 ms for the other to
    /// build it. Put last, they find it built.
    static func plan(controls count: Int, slice: Int) -> [RuleWork] {
      let reads = Registry.checkers.map { type(of: $0).readsMappedIDs }
      let (early, late) = (reads.indices.filter { !reads[$0] }, reads.indices.filter { reads[$0] })
      return [.mappedIDs] + early.map(RuleWork.rule)
        + stride(from: 0, to: count, by: slice).map { .controls($0..<min(count, $0 + slice)) }
        + late.map(RuleWork.rule)
    }

    func run(_ context: LintContext, report: inout [Finding]) {
      switch self {
      case .mappedIDs:
        _ = context.mappedIDs
      case .rule(let index):
        Registry.checkers[index].check(context, report: &report)
      case .controls(let range):
        let controls = context.project.controls
        let (checkers, selections) = (Registry.controlCheckers, Registry.controlSelections)
        for i in range {
          let control = controls[i]
          for k in checkers.indices where selections[k].contains(control) {
            checkers[k].check(control, in: context, report: &report)
          }
        }
      }
    }
  }

  /// Sorted by path, line, column and rule; findings at the same place of the same rule keep
  /// the order the rule gave them (a catalog's order, not the alphabet's: CO-2 before CO-10).
  /// Exact duplicates are removed.
  public static func ordered(_ findings: [Finding]) -> [Finding] {
    // Positions are sorted, not findings: a copy of each finding with its position was a list
    // twice the findings' size, made and moved on one thread.
    // Compared in place: a copy of each finding compared counted its texts and lists in and out,
    // twice a comparison.
    let order = findings.withUnsafeBufferPointer { f in
      findings.indices.sorted { a, b in
        if f[a].range.path != f[b].range.path {
          return f[a].range.path.precedesInBytes(f[b].range.path)
        }
        if f[a].range.line != f[b].range.line { return f[a].range.line < f[b].range.line }
        if f[a].range.column != f[b].range.column { return f[a].range.column < f[b].range.column }
        if f[a].rule != f[b].rule { return f[a].rule.rawValue < f[b].rule.rawValue }
        return a < b
      }
    }
    // Equal findings share path, line, column and rule, so they sit in one run of the sorted
    // list: each is compared with the few of its run, instead of hashing every finding's text.
    var kept: [Finding] = []
    kept.reserveCapacity(findings.count)
    var runStart = 0
    for f in order.lazy.map({ findings[$0] }) {
      if let last = kept.last, last.range.path == f.range.path, last.range.line == f.range.line,
        last.range.column == f.range.column, last.rule == f.rule
      {
        if kept[runStart...].contains(f) { continue }
      } else {
        runStart = kept.count
      }
      kept.append(f)
    }
    return kept
  }
}
