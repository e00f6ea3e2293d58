import SoclintDiagnostics
import SoclintModel

/// The outcome of a lint: the findings to report and what was silenced.
public struct LintResult: Sendable {
  public let project: Project
  public let asOf: Day
  /// Sorted by path, line, column, rule; de-duplicated.
  public let findings: [Finding]
  /// Findings silenced by a suppression, with it (coverage reports them as accepted exceptions).
  public let suppressed: [(finding: Finding, suppression: Suppression)]
  /// The configuration is invalid or names unknown rules: the run ends with status 2.
  public let configurationInvalid: Bool

  public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// Runs every rule over a project, then applies the configuration's severities and the
/// suppressions, in one place, so every output format sees the same findings.
public struct Linter: Sendable {
  public var jobs: Int

  public init(jobs: Int = 1) {
    self.jobs = jobs
  }

  public func lint(_ project: Project, asOf override: Day?, today: Day) -> LintResult {
    guard let configuration = project.configuration else {
      return LintResult(
        project: project, asOf: override ?? today, findings: Linter.ordered(project.findings), suppressed: [],
        configurationInvalid: true)
    }
    let asOf = override ?? configuration.asOf?.value ?? today
    let context = LintContext(project: project, configuration: configuration, asOf: asOf)
    let perRule = ParallelMap.map(Registry.rules, jobs: jobs) { rule -> [Finding] in
      var out: [Finding] = []
      rule.check(context, report: &out)
      return out
    }
    var findings = project.findings + perRule.flatMap { $0 }

    // The configuration's categories must exist, and its rules be rules. While a category is
    // unknown the scope is not what the user meant, so coverage is not judged against it.
    var categoryFindings = ScopeCategories.findings(context)
    if !categoryFindings.isEmpty {
      let scoped: Set<String> = ["uncovered-requirement", "out-of-scope-requirement"]
      findings.removeAll { scoped.contains($0.rule) }
      categoryFindings[0].notes.append(
        Note(
          "while the scope names a category that does not exist, coverage is not judged (uncovered-requirement, out-of-scope-requirement are skipped)",
          at: nil))
    }
    findings += categoryFindings
    var configurationInvalid = !categoryFindings.isEmpty
    var severities: [String: Severity?] = [:]
    for setting in configuration.rules {
      let id = setting.rule.value
      guard let description = Registry.description(of: id) else {
        configurationInvalid = true
        findings.append(
          Finding(
            rule: "unknown-rule", severity: .error,
            message: "'\(id)' in the configuration's rules is not a rule",
            range: setting.rule.range, pointer: setting.rule.pointer,
            help: Suggest.closest(to: id, in: Registry.ids).map { ["did you mean '\($0)'?"] } ?? [
              "soclint rules lists them all"
            ],
            subject: [id]))
        continue
      }
      if description.isStructural {
        configurationInvalid = true
        findings.append(
          Finding(
            rule: "invalid-value", severity: .error,
            message: "'\(id)' is a structure rule; it cannot be turned off or re-graded",
            range: setting.rule.range,
            pointer: setting.rule.pointer, help: ["remove '\(id)' from the configuration's rules"],
            subject: [id]))
        continue
      }
      severities[id] = setting.severity
    }

    // Suppressions, file by file.
    var suppressions: [String: [Suppression]] = [:]
    for file in project.files where file.contains(ascii: "soclint:") {
      let parsed = Suppression.parse(file)
      if !parsed.isEmpty { suppressions[file.path] = parsed }
    }
    var used = Set<String>()  // "path#index"
    var kept: [Finding] = []
    var silenced: [(Finding, Suppression)] = []
    // The suppressions that can apply to a line, found without scanning the file's list for
    // every finding: a file of thousands of both stays linear.
    var candidates: [String: (byLine: [Int: [Int]], fileWide: [Int])] = [:]
    for (path, list) in suppressions {
      var byLine: [Int: [Int]] = [:]
      var fileWide: [Int] = []
      for (i, s) in list.enumerated() {
        switch s.scope {
        case .file: fileWide.append(i)
        case .line(let line): byLine[line, default: []].append(i)
        }
      }
      candidates[path] = (byLine, fileWide)
    }
    for f in findings {
      let structural = Registry.description(of: f.rule)?.isStructural ?? true
      if !structural, let list = suppressions[f.range.path], let places = candidates[f.range.path],
        let i = ((places.byLine[f.range.line] ?? []) + places.fileWide).filter({ i in
          let s = list[i]
          return s.until.map { asOf <= $0 } ?? (s.badUntil == nil) && s.rules.contains { $0.name == f.rule }
        }).min()
      {
        used.insert("\(f.range.path)#\(i)")
        silenced.append((f, list[i]))
        continue
      }
      kept.append(f)
    }
    // A file with a reading or structure error was not fully judged, so a suppression in it
    // may have had nothing to silence only because of that error: not reported as unused.
    let brokenFiles = Set(
      project.findings.filter { Registry.description(of: $0.rule)?.isStructural ?? true }.map(\.range.path))
    for (path, list) in suppressions {
      for (i, s) in list.enumerated() {
        let used = used.contains("\(path)#\(i)") || brokenFiles.contains(path)
        kept += Linter.findings(for: s, used: used, asOf: asOf)
      }
    }

    // Severities in force, last, so that suppression findings obey them too.
    var final: [Finding] = []
    for var f in kept {
      if let override = severities[f.rule] {
        guard let severity = override else { continue }
        f.severity = severity
      }
      final.append(f)
    }
    return LintResult(
      project: project, asOf: asOf, findings: Linter.ordered(final), suppressed: silenced,
      configurationInvalid: configurationInvalid)
  }

  static func findings(for s: Suppression, used: Bool, asOf: Day) -> [Finding] {
    var out: [Finding] = []
    for name in s.rules where Registry.description(of: name.name) == nil {
      out.append(
        Finding(
          rule: "unknown-rule", severity: .error, message: "'\(name.name)' in this suppression is not a rule",
          range: name.range,
          help: Suggest.closest(to: name.name, in: Registry.ids).map { ["did you mean '\($0)'?"] } ?? [
            "soclint rules lists them all"
          ],
          subject: [name.name]))
    }
    let names = s.rules.map(\.name).joined(separator: ", ")
    if let bad = s.badUntil {
      out.append(
        Finding(
          rule: "expired-suppression", severity: .error,
          message:
            "the until date '\(bad)' of this suppression is not a calendar date, so it silences nothing",
          range: s.range, help: ["write until YYYY-MM-DD"], subject: [names, bad]))
    } else if let until = s.until, asOf > until {
      out.append(
        Finding(
          rule: "expired-suppression", severity: .error,
          message: "this suppression of \(names) expired on \(until); it no longer silences anything",
          range: s.range,
          help: ["fix what it silenced, or renew the exception with a new until date and its approval"],
          subject: [names, until.description]))
    } else if !used && out.isEmpty {
      // A suppression naming an unknown rule is reported as such, not also as unused.
      var help = ["remove it"]
      if let structural = s.rules.first(where: { Registry.description(of: $0.name)?.isStructural == true }) {
        help = ["\(structural.name) is a structure rule, and structure rules cannot be silenced"]
      }
      if s.rules.isEmpty { help = ["name the rules to silence in the brackets, such as ignore[stale-evidence]"] }
      out.append(
        Finding(
          rule: "unused-suppression", severity: .warning,
          message: s.rules.isEmpty
            ? "this suppression names no rule, so it silences nothing" : "this suppression of \(names) silences nothing",
          range: s.range, help: help, subject: [names, s.reason]))
    }
    if s.reason.isEmpty {
      out.append(
        Finding(
          rule: "suppression-without-reason", severity: .warning,
          message: s.rules.isEmpty ? "this suppression gives no reason" : "this suppression of \(names) gives no reason",
          range: s.range,
          help: ["write why after the brackets, such as the ticket where the exception was approved"],
          subject: [names]))
    }
    return out
  }

  /// Sorted by path, line, column and rule; findings at the same place of the same rule keep
  /// the order the rule gave them (a catalog's order, not the alphabet's: CO-2 before CO-10).
  /// Exact duplicates are removed.
  public static func ordered(_ findings: [Finding]) -> [Finding] {
    let sorted = findings.enumerated().sorted { a, b in
      let x = a.element
      let y = b.element
      if x.range.path != y.range.path {
        return x.range.path.utf8.lexicographicallyPrecedes(y.range.path.utf8)
      }
      if x.range.line != y.range.line { return x.range.line < y.range.line }
      if x.range.column != y.range.column { return x.range.column < y.range.column }
      if x.rule != y.rule { return x.rule < y.rule }
      return a.offset < b.offset
    }
    var seen = Set<Finding>()
    return sorted.compactMap { seen.insert($0.element).inserted ? $0.element : nil }
  }
}
