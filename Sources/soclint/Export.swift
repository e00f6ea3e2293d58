import ArgumentParser
import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Hand the controls over: the control matrix, evidence requests, calendars, OSCAL.",
    discussion: """
      Built from the same model and on the same as-of date as lint and coverage. Output is \
      deterministic: the same project gives the same bytes. Exit 2 when the project cannot be \
      read (its errors go to standard error) or an argument is wrong.
      """)

  @Argument(help: ArgumentHelp("What to write:", discussion: ExportFormat.help, valueName: "FORMAT"))
  var format: ExportFormat

  @OptionGroup var project: ProjectOptions

  @Option(help: ArgumentHelp("Only what this owner owns (controls, evidence, reviews).", valueName: "ID"))
  var owner: String?

  @Option(help: ArgumentHelp("Write to FILE (atomically) instead of standard output.", valueName: "FILE"))
  var output: String?

  func run() throws {
    let session = try project.session()
    let result = try session.lint()
    let handoff: Handoff
    do {
      handoff = try Handoff(result: result, owner: owner)
    } catch {
      let context = ReportContext(result: result, displayPath: session.displayPath)
      let errors = result.findings.filter { $0.severity == .error }
      FileHandle.standardError.write(
        Data(TextReporter().render(result, findings: errors, context: context).utf8))
      throw Failure(
        error.description.replacingOccurrences(
          of: "coverage cannot be judged", with: "nothing can be exported"))
    }
    if let owner, handoff.context.owners[owner] == nil {
      let hint =
        Suggest.closest(to: owner, in: handoff.context.owners.keys).map { "; did you mean '\($0)'?" } ?? ""
      throw Failure("--owner '\(owner)' is not declared in any owners list\(hint)")
    }
    try Output.write(bytes: format.exporter.export(handoff), to: output)
    withExtendedLifetime(result) { Foundation.exit(Status.clean.rawValue) }
  }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
  case matrix, requests, calendar, oscal

  /// One line each in `soclint export --help`.
  static let help = """
    matrix    CSV, the control matrix: a row per control and requirement
    requests  CSV, evidence requests: a row per item (a window, Type II)
    calendar  iCalendar: collections and reviews due within 365 days
    oscal     JSON: an OSCAL component definition for GRC tools
    """

  var exporter: any HandoffExporter {
    switch self {
    case .matrix: return ControlMatrixExporter()
    case .requests: return EvidenceRequestsExporter()
    case .calendar: return CalendarExporter()
    case .oscal: return OSCALExporter()
    }
  }
}
