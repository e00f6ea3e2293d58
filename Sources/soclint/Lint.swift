import ArgumentParser
import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules

struct Lint: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read the whole project, run every rule, print the findings.",
    discussion: """
      Exit status: 0 when no finding fails the run; 1 when an error remains after overrides, \
      suppressions and the baseline (or, with --strict, a warning); 2 when the run could not be \
      done as asked (bad arguments, no or an invalid configuration, a PATH that does not exist, \
      an output that cannot be written); 3 when soclint itself failed (a bug: please report it).
      """)

  @Argument(
    help: ArgumentHelp("Files or folders to report on (the whole project is still read).", valueName: "PATH"))
  var paths: [String] = []

  @OptionGroup var project: ProjectOptions

  @Option(help: ArgumentHelp("The output format.", valueName: "FORMAT"))
  var format: LintFormat = .text

  @Option(
    help: ArgumentHelp("Write the report to FILE (atomically) instead of standard output.", valueName: "FILE")
  )
  var output: String?

  @Flag(help: "Warnings fail the run too.")
  var strict = false

  @Option(
    help: ArgumentHelp(
      "Hide the findings recorded in this baseline FILE; report only new ones.", valueName: "FILE"))
  var baseline: String?

  @Option(
    help: ArgumentHelp("Record today's findings in this baseline FILE, then exit 0.", valueName: "FILE"))
  var writeBaseline: String?

  @Option(
    help: ArgumentHelp(
      "When to colour the text output (auto: on a terminal, without NO_COLOR).", valueName: "WHEN"))
  var color: ColorChoice = .auto

  @Flag(name: [.customShort("q"), .long], help: "No summary line.")
  var quiet = false

  @Option(
    help: ArgumentHelp(
      "Report only findings in files changed since this git revision (and untracked files).", valueName: "REF"
    ))
  var changedSince: String?

  @Option(
    help: ArgumentHelp("Read this file's content from standard input instead of the disk.", valueName: "PATH")
  )
  var stdinFilename: String?

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

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

enum LintFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, sarif, github, junit

  var reporter: any Reporter {
    switch self {
    case .text: return TextReporter()
    case .json: return JSONReporter()
    case .sarif: return SARIFReporter()
    case .github: return GitHubReporter()
    case .junit: return JUnitReporter()
    }
  }
}
