import ArgumentParser
import Foundation
import SoclintLSP

struct Lsp: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lsp",
    abstract: "Run the language server (LSP 3.17 over standard input and output) for editors.",
    discussion: """
      Editors start it; it is not meant to be typed. Each open file's project is found by \
      walking up to .soclint.yaml. Initialization option run: onType (default) or onSave.
      """)

  func run() throws {
    let status: Int32
    do {
      status = try StdioServer.run()
    } catch {
      throw Failure(
        "the embedded schemas do not compile (\(error)); this is a bug in soclint, please report it",
        status: .internalError)
    }
    Foundation.exit(status)
  }
}
