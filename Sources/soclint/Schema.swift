import ArgumentParser
import Foundation
import SoclintModel

struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the JSON Schema of a kind, for editors with a YAML language server and for tools.")

  /// The schemas soclint carries: the five kinds of file, and the two JSON reports.
  enum Kind: String, CaseIterable, ExpressibleByArgument {
    case control, owners, catalog, policy, config, findings, coverage
  }

  @Argument(help: ArgumentHelp("The kind of document.", valueName: "KIND"))
  var kind: Kind = .control

  func run() throws {
    guard let text = EmbeddedSchemas.all[kind.rawValue] else {
      throw Failure(
        "the schema of \(kind.rawValue) is missing from this build; this is a bug in soclint",
        status: .internalError)
    }
    Output.standard(text + "\n")
  }
}
