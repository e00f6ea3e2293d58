import ArgumentParser
import Foundation
import SoclintModel
import SoclintReporters
import Synchronization

// Imported only to be linked: jemalloc becomes the process's malloc (see "Why jemalloc" in the README).
#if canImport(CJemalloc)
  import CJemalloc
#endif

/// The command line. Each subcommand's `run()` is thin: it gathers options, asks the layers
/// below, and maps the outcome to an exit status.
struct Soclint: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "soclint",
    abstract: "Lint SOC 1 and SOC 2 controls kept as YAML: structure, references, coverage and staleness.",
    version: ReportContext.toolVersion,
    subcommands: [
      Lint.self, Rules.self, Explain.self, Schema.self, Init.self, Coverage.self, History.self, Export.self,
      Lsp.self,
    ],
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
    if let request = lintFastPath() { execute { try request.run() } }
    var command: ParsableCommand
    do {
      command = try Soclint.parseAsRoot()
    } catch {
      // --help and --version arrive as errors with status 0.
      if Soclint.exitCode(for: error) == .success {
        print(Soclint.fullMessage(for: error))
        exit(0)
      }
      // Argument errors are status 2, never the parser's 64, in soclint's one error style.
      FileHandle.standardError.write(Data((Main.styled(Soclint.fullMessage(for: error)) + "\n").utf8))
      exit(Status.usage.rawValue)
    }
    execute { try command.run() }
  }

  /// Runs a command and ends the process with the status its outcome maps to.
  static func execute(_ run: () throws -> Void) -> Never {
    do {
      try run()
      exit(Status.clean.rawValue)
    } catch let failure as Failure {
      FileHandle.standardError.write(Data("soclint: error: \(failure.message)\n".utf8))
      exit(failure.status.rawValue)
    } catch let code as ExitCode {
      exit(code.rawValue)
    } catch let error as ValidationError {
      FileHandle.standardError.write(Data("soclint: error: \(error)\n".utf8))
      exit(Status.usage.rawValue)
    } catch {
      // `soclint lint --help` arrives here, from the help command the parser returned.
      switch Soclint.exitCode(for: error) {
      case .success:
        print(Soclint.fullMessage(for: error))
        exit(0)
      case .validationFailure:
        FileHandle.standardError.write(Data((Main.styled(Soclint.fullMessage(for: error)) + "\n").utf8))
        exit(Status.usage.rawValue)
      default:
        break
      }
      FileHandle.standardError.write(
        Data(
          "soclint: internal error: \(error)\nThis is a bug in soclint; please report it with the command you ran.\n"
            .utf8))
      exit(Status.internalError.rawValue)
    }
  }

  /// `soclint lint ...` in its common forms, read without the argument parser (see
  /// `LintRequest.init?(fastArguments:)`), or nil to parse the whole command line.
  ///
  /// Building the parser of every subcommand (by reflection over their properties) costs more
  /// instructions than linting a repository of 200 controls, and `lint` is what pre-commit
  /// hooks and CI run every time. Anything the fast reading does not take (a help or version
  /// request, an argument error, a rare form) goes to the whole parser, so that what soclint
  /// prints stays the same.
  static func lintFastPath() -> LintRequest? {
    guard CommandLine.argc > 1, strcmp(CommandLine.unsafeArgv[1]!, "lint") == 0 else { return nil }
    // The schemas are compiled on the other core while the command line is read and the
    // project's files are found: without a cache, those of the files first, then the
    // configuration's, which the loader checks once the files are read. With a cache, most files
    // need no schema, and those that do compile theirs when first met. One thread, so that it
    // never takes the core the discovery runs on.
    StructureChecker.compileEmbeddedAhead {
      Main.aheadPlan.load(ordering: .acquiring) == Main.cachedRun
        ? [.config] : DocumentKind.declarable + [.config]
    }
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let request = LintRequest(fastArguments: Array(arguments.dropFirst())) else {
      aheadPlan.store(cachedRun, ordering: .releasing)
      return nil
    }
    // Still undecided when asked (the thread got there first), the schemas are compiled: at
    // worst a cached run compiles what it need not.
    let cached = request.project.cache || request.project.cacheDir != nil
    aheadPlan.store(cached ? cachedRun : uncachedRun, ordering: .releasing)
    return request
  }

  /// What `lintFastPath` has decided about the schemas not compiled yet.
  private static let aheadPlan = Atomic<Int>(0)
  private static let uncachedRun = 1
  private static let cachedRun = 2

  /// The parser's "Error: ..." in soclint's style, "soclint: error: ...", as every other error.
  static func styled(_ message: String) -> String {
    message.hasPrefix("Error: ") ? "soclint: error: " + message.dropFirst("Error: ".count) : message
  }
}
