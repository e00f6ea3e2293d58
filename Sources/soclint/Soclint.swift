import ArgumentParser
import Foundation
import SoclintReporters

/// The command line. Each subcommand's `run()` is thin: it gathers options, asks the layers
/// below, and maps the outcome to an exit status.
struct Soclint: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "soclint",
    abstract: "Lint SOC 1 and SOC 2 controls kept as YAML: structure, references, coverage and staleness.",
    version: ReportContext.toolVersion,
    subcommands: [Lint.self, Rules.self, Explain.self, Schema.self, Init.self],
    defaultSubcommand: Lint.self)
}

/// Exit statuses of CLI.md.
enum Status: Int32 {
  case clean = 0
  case failed = 1
  case usage = 2
  case internalError = 3
}

/// soclint's own errors: printed on standard error, with the status they end the run with.
struct Failure: Error, CustomStringConvertible {
  let message: String
  let status: Status

  init(_ message: String, status: Status = .usage) {
    self.message = message
    self.status = status
  }

  var description: String { message }
}

@main
enum Main {
  static func main() {
    do {
      var command = try Soclint.parseAsRoot()
      try command.run()
    } catch let failure as Failure {
      FileHandle.standardError.write(Data("soclint: error: \(failure.message)\n".utf8))
      exit(failure.status.rawValue)
    } catch let code as ExitCode {
      exit(code.rawValue)
    } catch {
      let status = Soclint.exitCode(for: error)
      if status == .success {
        print(Soclint.fullMessage(for: error))
        exit(0)
      }
      // Argument errors are status 2, never the parser's 64.
      FileHandle.standardError.write(Data((Soclint.fullMessage(for: error) + "\n").utf8))
      exit(status == .validationFailure || status.rawValue == 64 ? Status.usage.rawValue : Status.usage.rawValue)
    }
  }
}
