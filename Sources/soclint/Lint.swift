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

  func run() throws { try LintRequest(self).run() }
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
