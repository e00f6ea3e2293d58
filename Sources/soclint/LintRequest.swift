import ArgumentParser
import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules

/// What `soclint lint` was asked to do, as plain values, whichever way the command line was read:
/// by the argument parser (`init(_:)`) or by the fast reading of its common forms
/// (`init?(fastArguments:)`).
struct LintRequest: Equatable {
  var paths: [String] = []
  var project = ProjectSettings()
  var format: LintFormat = .text
  var output: String?
  var strict = false
  var baseline: String?
  var writeBaseline: String?
  var color: ColorChoice = .auto
  var quiet = false
  var changedSince: String?
  var stdinFilename: String?

  /// The request of `soclint lint` with nothing after it.
  init() {}

  /// The request the argument parser read.
  init(_ lint: Lint) {
    paths = lint.paths
    project = lint.project.settings
    format = lint.format
    output = lint.output
    strict = lint.strict
    baseline = lint.baseline
    writeBaseline = lint.writeBaseline
    color = lint.color
    quiet = lint.quiet
    changedSince = lint.changedSince
    stdinFilename = lint.stdinFilename
  }

  func run() throws {
    let session = try project.session(extraPaths: paths, stdinFilename: stdinFilename)
    let result = try session.lint()
    var findings = result.findings
    if let filter = try session.reportFilter(
      paths: paths, changedSince: changedSince, project: result.project)
    {
      findings = findings.filter { filter.contains($0.range.path) }
    }
    if let baseline {
      guard let data = FileManager.default.contents(atPath: baseline) else {
        throw Failure("cannot read the baseline \(baseline)")
      }
      let recorded: Baseline
      do { recorded = try Baseline(json: data, path: baseline) } catch { throw Failure(error.description) }
      findings = findings.filter { !recorded.contains($0) }
    }
    if let writeBaseline {
      try Output.write(Baseline(findings).json, to: writeBaseline)
    }
    let context = ReportContext(
      result: result, displayPath: session.displayPath,
      color: format == .text && output == nil && Output.useColor(color.rawValue, toTerminal: true))
    try Output.write(format.reporter.render(result, findings: findings, context: context), to: output)
    if format == .github {
      // GitHub shows only the first annotations of a step; the job summary lists them all.
      if let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
        try Output.append(GitHubReporter.stepSummary(findings: findings, context: context), to: summary)
      }
    }
    if let why = result.history.unavailable {
      // Once per run, so a clean result is not mistaken for approvals checked against git.
      Output.error("soclint: policy-changed-after-approval is skipped: \(why)")
    }
    if !quiet { Output.error(TextReporter.summary(result, findings: findings)) }
    let fails = findings.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    // Writing a baseline records the findings; that run succeeds once they are written.
    let status: Status =
      result.configurationInvalid ? .usage : fails && writeBaseline == nil ? .failed : .clean
    // Exit while the project is still alive: freeing thousands of small objects only to exit
    // costs a tenth of a large run (compilers skip it the same way).
    withExtendedLifetime(result) { Foundation.exit(status.rawValue) }
  }
}
