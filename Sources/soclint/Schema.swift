import ArgumentParser
import Foundation
import SoclintModel

struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the JSON Schema of a kind, for editors with a YAML language server.")

  @Argument(help: "control, owners, catalog, config or findings.")
  var kind: String = "control"

  func run() throws {
    guard let text = EmbeddedSchemas.all[kind] else {
      let names = EmbeddedSchemas.all.keys.sorted()
      throw Failure("no schema for '\(kind)'; choose one of \(names.joined(separator: ", "))")
    }
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }
}
