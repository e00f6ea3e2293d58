import Foundation
import SoclintRules
import Testing

/// `soclint history --from-git` on a repository built here, commit by dated commit: a control
/// renamed along the way, one whose history is partly written already (CRLF, a flow list and
/// comments), and the refusals.
@Suite struct HistoryCLITests {
  static let configuration = "version: 1\nframeworks:\n  soc1: {}\nas_of: 2026-11-20\n"

  static func control(_ id: String, _ evidence: String) -> String {
    """
    kind: control
    id: \(id)   # reviewed by the auditor in 2025
    title: "Quarterly review \(id)"
    description: Security reviews every production account against the HR roster each quarter.
    owner: alice
    frequency: quarterly
    criteria:
      soc1: [CO-1]
    evidence:
      - id: review-ticket
        description: Signed-off access review ticket
        type: ticket
        source: Jira project SEC
        frequency: quarterly
    \(evidence)
    last_reviewed: 2026-06-15

    """
  }

  func write(_ root: URL, _ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  func commit(_ root: URL, _ date: String) throws {
    try Support.git(["add", "-A"], in: root)
    try Support.git(["commit", "-q", "-m", "on \(date)"], in: root, date: date)
  }

  /// AC-01 is renamed after its second collection; AC-02's file (CRLF) already lists one date.
  func repository() throws -> URL {
    let root = try Support.temporaryFolder()
    try Support.git(["init", "-q"], in: root)
    try write(root, ".soclint.yaml", Self.configuration)
    try write(root, "Controls/owners.yaml", Example.baseOwners)
    try write(root, "Controls/soc1.yaml", Example.baseCatalog)
    let crlf = { (text: String) in text.replacingOccurrences(of: "\n", with: "\r\n") }
    try write(root, "Controls/access.yaml", Self.control("AC-01", "    last_collected: 2026-01-14"))
    try write(
      root, "Controls/AC-02.yaml", crlf(Self.control("AC-02", "    last_collected: 2026-02-02  # Q1")))
    try commit(root, "2026-01-15")
    try write(root, "Controls/access.yaml", Self.control("AC-01", "    last_collected: 2026-04-09"))
    try commit(root, "2026-04-10")
    try Support.git(["mv", "Controls/access.yaml", "Controls/AC-01.yaml"], in: root)
    try commit(root, "2026-05-01")
    try write(root, "Controls/AC-01.yaml", Self.control("AC-01", "    last_collected: 2026-07-08"))
    try write(
      root, "Controls/AC-02.yaml",
      crlf(Self.control("AC-02", "    last_collected: 2026-08-03  # Q3\n    collected: [2026-02-02]")))
    try commit(root, "2026-08-04")
    return root
  }

  @Test func printsEachDateWithTheCommitThatRecordedIt() async throws {
    let root = try repository()
    let run = try await Support.run(["history", "--from-git"], in: root)
    #expect(run.status == 0, "\(run.stderr)")
    // Commit hashes differ from run to run; everything else is fixed.
    let shown = run.stdout.replacing(/recorded in [0-9a-f]{7,}/, with: "recorded in HASH")
    #expect(
      shown == """
        Controls/AC-01.yaml
          AC-01 review-ticket
            2026-01-14  recorded in HASH on 2026-01-15
            2026-04-09  recorded in HASH on 2026-04-10
            2026-07-08  recorded in HASH on 2026-08-04
        Controls/AC-02.yaml
          AC-02 review-ticket
            2026-02-02  recorded in HASH on 2026-01-15  (already in collected)
            2026-08-03  recorded in HASH on 2026-08-04

        """)
  }

  @Test func writeAddsTheDatesAndChangesNoOtherByte() async throws {
    let root = try repository()
    let run = try await Support.run(["history", "--from-git", "--write"], in: root)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("  wrote 3 dates to Controls/AC-01.yaml\n"))
    #expect(run.stdout.contains("  wrote 1 date to Controls/AC-02.yaml\n"))
    let one = try String(contentsOf: root.appendingPathComponent("Controls/AC-01.yaml"), encoding: .utf8)
    #expect(
      one
        == Self.control(
          "AC-01",
          "    last_collected: 2026-07-08\n    collected:\n      - 2026-01-14\n      - 2026-04-09\n      - 2026-07-08"
        ))
    let two = try Data(contentsOf: root.appendingPathComponent("Controls/AC-02.yaml"))
    #expect(
      two
        == Data(
          Self.control(
            "AC-02", "    last_collected: 2026-08-03  # Q3\n    collected: [2026-02-02, 2026-08-03]"
          )
          .replacingOccurrences(of: "\n", with: "\r\n").utf8))
    // The result lints clean of history findings, and a second run adds nothing.
    let lint = try await Support.run(["lint", "--as-of", "2026-09-01"], in: root)
    #expect(lint.status == 0, "\(lint.stdout)")
    try commit(root, "2026-09-01")
    let again = try await Support.run(["history", "--from-git", "--write", "Controls/AC-02.yaml"], in: root)
    #expect(again.status == 0)
    #expect(again.stdout.hasSuffix("  wrote 0 dates to Controls/AC-02.yaml\n"))
    #expect(try Data(contentsOf: root.appendingPathComponent("Controls/AC-02.yaml")) == two)
  }

  @Test func aFolderNamesTheControlFilesUnderIt() async throws {
    let root = try repository()
    let run = try await Support.run(["history", "--from-git", "Controls"], in: root)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout.split(separator: "\n").filter { $0.hasPrefix("Controls/") } == [
        "Controls/AC-01.yaml", "Controls/AC-02.yaml",
      ])
    let empty = try await Support.run(["history", "--from-git", "Controls/none"], in: root)
    #expect(empty.status == 2)
  }

  @Test func writeRefusesFilesWithUncommittedChanges() async throws {
    let root = try repository()
    let path = root.appendingPathComponent("Controls/AC-01.yaml")
    let edited = try String(contentsOf: path, encoding: .utf8) + "# not committed\n"
    try edited.write(to: path, atomically: true, encoding: .utf8)
    let run = try await Support.run(["history", "--from-git", "--write"], in: root)
    #expect(run.status == 2)
    #expect(run.stderr.contains("Controls/AC-01.yaml has uncommitted changes"), "\(run.stderr)")
    #expect(try String(contentsOf: path, encoding: .utf8) == edited)
    #expect(
      try String(contentsOf: root.appendingPathComponent("Controls/AC-02.yaml"), encoding: .utf8).contains(
        "[2026-02-02]"))
  }

  @Test func outsideAGitRepositoryIsExitTwo() async throws {
    let root = try Support.write([
      (".soclint.yaml", Self.configuration),
      ("Controls/AC-01.yaml", Self.control("AC-01", "    last_collected: 2026-07-08")),
    ])
    let run = try await Support.run(["history", "--from-git"], in: root)
    #expect(run.status == 2)
    #expect(run.stderr.contains("is not inside a git repository"), "\(run.stderr)")
  }

  @Test func withoutFromGitIsAUsageError() async throws {
    let run = try await Support.run(["history"], in: Support.fixtures.appendingPathComponent("clean"))
    #expect(run.status == 2)
    #expect(run.stderr.contains("--from-git"))
  }
}
