import Foundation
import SoclintRules
import Testing

/// Golden tests of the command line: each fixture repository under Tests/Fixtures/ is linted by
/// the real binary, and its standard output, standard error and exit status must equal the
/// fixture's `expected.txt` to the byte. Every rule's failing example is linted the same way
/// and compared with Tests/Fixtures/rules/RULE.txt.
///
/// To accept new output after a deliberate change, run with SOCLINT_UPDATE_GOLDEN=1 and review
/// the diff before committing it.
@Suite struct GoldenTests {
  static let update = ProcessInfo.processInfo.environment["SOCLINT_UPDATE_GOLDEN"] == "1"

  static var fixtureNames: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Support.fixtures.path)) ?? []
    return names.filter { name in
      name != "rules"
        && FileManager.default.fileExists(
          atPath: Support.fixtures.appendingPathComponent("\(name)/.soclint.yaml").path)
    }.sorted()
  }

  /// The transcript compared with the golden file.
  static func transcript(_ arguments: [String], _ run: Support.Run) -> String {
    "$ soclint \(arguments.joined(separator: " "))\n\(run.stdout)--- standard error\n\(run.stderr)--- exit status \(run.status)\n"
  }

  static func compare(_ actual: String, golden: URL) throws {
    if update {
      try FileManager.default.createDirectory(
        at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: golden)
      return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(actual == expected, "output differs from \(golden.path)")
  }

  @Test(arguments: fixtureNames)
  func fixture(_ name: String) async throws {
    let dir = Support.fixtures.appendingPathComponent(name)
    let argsFile = dir.appendingPathComponent("args")
    var arguments = ["lint"]
    if let text = try? String(contentsOf: argsFile, encoding: .utf8) {
      arguments = text.split(separator: "\n").map(String.init)
    }
    // A fixture stands for a repository of its own, not a folder of soclint's: git must not
    // find soclint's history above it.
    let run = try await Support.run(
      arguments, in: dir, environment: ["GIT_CEILING_DIRECTORIES": Support.fixtures.path])
    try Self.compare(Self.transcript(arguments, run), golden: dir.appendingPathComponent("expected.txt"))
  }

  static let ruleIDs = Registry.ids

  @Test(arguments: ruleIDs)
  func ruleExample(_ id: String) async throws {
    let description = try #require(Registry.description(of: id))
    let example = try #require(description.failing.first)
    let root = try Support.write(example)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try await Support.run(["lint"], in: root)
    try Self.compare(
      Self.transcript(["lint"], run), golden: Support.fixtures.appendingPathComponent("rules/\(id).txt"))
  }

  static let commands = [
    "", "lint", "rules", "explain", "schema", "init", "coverage", "history", "export", "lsp",
  ]

  /// The help of every command, as users read it (the width is fixed: help is laid out for the
  /// terminal's width, and tests run without one).
  @Test(arguments: commands)
  func help(_ command: String) async throws {
    let arguments = (command.isEmpty ? [] : [command]) + ["--help"]
    let run = try await Support.run(arguments, in: Support.fixtures, environment: ["COLUMNS": "80"])
    try Self.compare(
      Self.transcript(arguments, run),
      golden: Support.fixtures.appendingPathComponent("help/\(command.isEmpty ? "soclint" : command).txt"))
  }

  /// The same bytes whatever the number of jobs.
  @Test func outputDoesNotDependOnJobs() async throws {
    let dir = Support.packageRoot
    let one = try await Support.run(["lint", "--jobs", "1"], in: dir)
    let two = try await Support.run(["lint", "--jobs", "2"], in: dir)
    let many = try await Support.run(["lint", "--jobs", "7"], in: dir)
    #expect(one.stdout == two.stdout && two.stdout == many.stdout)
    #expect(one.status == 0, "the example Controls/ must lint clean: \(one.stdout)")
  }
}
