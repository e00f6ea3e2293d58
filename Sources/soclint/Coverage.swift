import ArgumentParser
import Foundation
import SoclintDiagnostics
import SoclintReporters
import SoclintRules

struct Coverage: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The readiness assessment: requirements, evidence, owners and what comes due.",
    discussion: """
      Computed by the same engine and on the same as-of date as lint. A requirement is ready \
      when an implemented control maps it whose evidence is all fresh, due soon or collected \
      continuously; readiness is ready requirements out of those in scope, per framework.
      """)

  @OptionGroup var project: ProjectOptions

  @Option(help: ArgumentHelp("The output format.", valueName: "FORMAT"))
  var format: CoverageFormat = .text

  @Option(
    help: ArgumentHelp("Write the report to FILE (atomically) instead of standard output.", valueName: "FILE")
  )
  var output: String?

  @Option(
    name: .customLong("fail-under"),
    help: ArgumentHelp(
      "Exit 1 when a framework's readiness (or, under a Type II audit, operating figure), as printed, is under PERCENT (0 to 100).",
      valueName: "PERCENT"))
  var failUnder: String?

  func validate() throws {
    if let failUnder, CoverageReport.Threshold(failUnder) == nil {
      throw ValidationError("--fail-under takes a percentage from 0 to 100, such as 82.9, not '\(failUnder)'")
    }
  }

  func run() throws {
    let session = try project.session()
    let result = try session.lint()
    let report: CoverageReport
    do {
      report = try CoverageReport(result: result)
    } catch {
      throw unavailable(error, result: result, session: session)
    }
    try Output.write(format.renderer.render(report), to: output)
    var status = Status.clean
    if let threshold = failUnder.flatMap(CoverageReport.Threshold.init) {
      for (framework, figure, r) in report.figures(under: threshold) {
        let counted = figure == "readiness" ? "ready" : "operating"
        Output.error(
          "soclint: \(figure) of \(framework.id) is \(r.percentText ?? "")% (\(r.ready) of \(r.inScope) requirements \(counted)), under --fail-under \(threshold)"
        )
        status = .failed
      }
    }
    withExtendedLifetime(result) { Foundation.exit(status.rawValue) }
  }

  /// Why there is no report, as an exit-2 failure; for an invalid configuration, its findings
  /// go to standard error first, as lint would show them.
  func unavailable(_ error: CoverageReport.Unavailable, result: LintResult, session: Session) -> Failure {
    if error == .configurationInvalid {
      let context = ReportContext(result: result, displayPath: session.displayPath)
      let path = result.project.configFile.path
      let findings = result.findings.filter { $0.range.path == path }
      FileHandle.standardError.write(
        Data(TextReporter().render(result, findings: findings, context: context).utf8))
    }
    return Failure(error.description)
  }
}

enum CoverageFormat: String, ExpressibleByArgument, CaseIterable {
  case text, markdown, json, html

  var renderer: any CoverageRenderer {
    switch self {
    case .text: return CoverageTextReporter()
    case .markdown: return CoverageMarkdownReporter()
    case .json: return CoverageJSONReporter()
    case .html: return CoverageHTMLReporter()
    }
  }
}
