import Foundation
import SoclintRules
import Testing

/// The command line's contract: exit statuses, PATH filtering, baselines, standard input,
/// output files, init.
@Suite struct CLITests {
  /// A project with one defect in each of two control files.
  func project() throws -> URL {
    let stale = Example.goodControl.replacingOccurrences(
      of: "last_collected: 2026-09-30", with: "last_collected: 2026-06-30")
    let unknownOwner = Example.goodControl.replacingOccurrences(of: "id: AC-01", with: "id: AC-02")
      .replacingOccurrences(of: "owner: alice", with: "owner: alcie")
    return try Support.write(
      Example([("Controls/a.yaml", stale), ("Controls/b.yaml", unknownOwner)]).project)
  }

  @Test func argumentErrorsAreStatus2() async throws {
    let dir = try project()
    #expect(try await Support.run(["lint", "--no-such-flag"], in: dir).status == 2)
    #expect(try await Support.run(["lint", "--as-of", "2026-02-30"], in: dir).status == 2)
    #expect(try await Support.run(["lint", "--format", "xml"], in: dir).status == 2)
    #expect(try await Support.run(["lint", "Controls/missing.yaml"], in: dir).status == 2)
    #expect(try await Support.run(["lint", "--config", "nope.yaml"], in: dir).status == 2)
    let noConfig = try Support.temporaryFolder()
    let run = try await Support.run(["lint"], in: noConfig)
    #expect(run.status == 2)
    #expect(run.stderr.contains("no .soclint.yaml found"))
  }

  @Test func helpAndVersionAreStatus0() async throws {
    let dir = try project()
    #expect(try await Support.run(["--version"], in: dir).status == 0)
    #expect(try await Support.run(["lint", "--help"], in: dir).status == 0)
  }

  @Test func explainUnknownRuleSuggestsTheClosest() async throws {
    let dir = try project()
    let run = try await Support.run(["explain", "stale-evidense"], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("did you mean 'stale-evidence'?"))
    let ok = try await Support.run(["explain", "stale-evidence"], in: dir)
    #expect(ok.status == 0)
    #expect(ok.stdout.contains("Fails:") && ok.stdout.contains("Passes:"))
  }

  @Test func pathsLimitTheReportNotTheReading() async throws {
    let dir = try project()
    let all = try await Support.run(["lint"], in: dir)
    #expect(all.stdout.contains("[stale-evidence]") && all.stdout.contains("[unknown-owner]"))
    let one = try await Support.run(["lint", "Controls/b.yaml"], in: dir)
    #expect(one.status == 1)
    #expect(one.stdout.contains("[unknown-owner]"))
    #expect(!one.stdout.contains("[stale-evidence]"))
    let folder = try await Support.run(["lint", "Controls"], in: dir)
    #expect(folder.stdout == all.stdout)
  }

  @Test func stdinReplacesTheFileOnDisk() async throws {
    let dir = try project()
    let fixed = Example.goodControl.replacingOccurrences(of: "id: AC-01", with: "id: AC-02")
    let run = try await Support.run(
      ["lint", "--stdin-filename", "Controls/b.yaml", "Controls/b.yaml"], in: dir, stdin: Data(fixed.utf8))
    #expect(run.status == 0, "\(run.stdout)")
    #expect(run.stdout.isEmpty)
  }

  @Test func baselineHidesRecordedFindingsAndSurvivesLineMoves() async throws {
    let dir = try project()
    let baseline = dir.appendingPathComponent("baseline.json").path
    // Writing the baseline succeeds once it is written, findings or not (CLI.md).
    #expect(try await Support.run(["lint", "--write-baseline", baseline], in: dir).status == 0)
    #expect(try await Support.run(["lint", "--baseline", baseline], in: dir).status == 0)
    // Moving lines does not resurrect old findings.
    let a = dir.appendingPathComponent("Controls/a.yaml")
    let text = try String(contentsOf: a, encoding: .utf8)
    try Data(("x-note: moved down\n" + text).utf8).write(to: a)
    #expect(try await Support.run(["lint", "--baseline", baseline], in: dir).status == 0)
    // A new defect fails with only that finding.
    try Data((text.replacingOccurrences(of: "source: Jira project SEC", with: "source: TBD")).utf8).write(
      to: a)
    let run = try await Support.run(["lint", "--baseline", baseline, "--strict"], in: dir)
    #expect(run.status == 1)
    #expect(run.stdout.components(separatedBy: "[placeholder-text]").count == 2)
    #expect(!run.stdout.contains("[stale-evidence]") && !run.stdout.contains("[unknown-owner]"))
  }

  @Test func outputFileIsWrittenAndStdoutStaysEmpty() async throws {
    let dir = try project()
    let out = dir.appendingPathComponent("report.json").path
    let run = try await Support.run(["lint", "--format", "json", "--output", out, "--quiet"], in: dir)
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty && run.stderr.isEmpty)
    let data = try Data(contentsOf: URL(fileURLWithPath: out))
    #expect((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["findings"] != nil)
    let bad = try await Support.run(["lint", "--output", "/nonexistent/dir/report.txt"], in: dir)
    #expect(bad.status == 2)
  }

  @Test func strictMakesWarningsFail() async throws {
    let dir = try Support.write(Example.control(replacing: "last_reviewed: 2026-06-15\n", with: "").project)
    #expect(try await Support.run(["lint"], in: dir).status == 0)
    #expect(try await Support.run(["lint", "--strict"], in: dir).status == 1)
  }

  @Test func unknownRuleInConfigurationIsStatus2() async throws {
    let config = "version: 1\nframeworks:\n  soc1: {}\nas_of: 2026-11-20\nrules:\n  stale-evidense: off\n"
    let dir = try Support.write(
      Example([(".soclint.yaml", config), ("Controls/example.yaml", Example.goodControl)]).project)
    let run = try await Support.run(["lint"], in: dir)
    #expect(run.status == 2)
    #expect(run.stdout.contains("[unknown-rule]") && run.stdout.contains("did you mean 'stale-evidence'?"))
  }

  @Test func severityOverridesAndOff() async throws {
    let config =
      "version: 1\nframeworks:\n  soc1: {}\nas_of: 2026-11-20\nrules:\n  missing-review: error\n  orphan-owner: off\n"
    let control = Example.goodControl.replacingOccurrences(of: "last_reviewed: 2026-06-15\n", with: "")
    let dir = try Support.write(
      Example([(".soclint.yaml", config), ("Controls/example.yaml", control)]).project)
    let run = try await Support.run(["lint"], in: dir)
    #expect(run.status == 1)
    #expect(run.stdout.contains("error: control AC-01 has no last_reviewed date [missing-review]"))
    let rules = try await Support.run(["rules", "--format", "json"], in: dir)
    #expect(rules.stdout.contains("\"severity\" : \"error\""))
    // The same finding with its rule turned off: gone, and the run clean.
    let off = config.replacingOccurrences(of: "missing-review: error", with: "missing-review: off")
    try off.write(to: dir.appendingPathComponent(".soclint.yaml"), atomically: true, encoding: .utf8)
    let quiet = try await Support.run(["lint"], in: dir)
    #expect(quiet.status == 0, "\(quiet.stdout)")
    #expect(!quiet.stdout.contains("[missing-review]"), "\(quiet.stdout)")
  }

  @Test func initWritesARepositoryThatLintsAndNeverOverwrites() async throws {
    let dir = try Support.temporaryFolder()
    #expect(try await Support.run(["init"], in: dir).status == 0)
    let lint = try await Support.run(["lint"], in: dir)
    #expect(lint.status == 0, "\(lint.stdout)")
    #expect(!lint.stdout.contains("error:"))
    // One starter policy, with its text, that the starter control carries out.
    for path in ["Controls/policies/access-control.yaml", "Controls/policies/access-control.md"] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path), "\(path)")
    }
    #expect(lint.stderr.contains("1 policy"), "\(lint.stderr)")
    let again = try await Support.run(["init"], in: dir)
    #expect(again.status == 2)
    #expect(again.stderr.contains("not overwriting"))
  }

  @Test func schemaCommandPrintsEmbeddedSchemas() async throws {
    let dir = try project()
    for kind in ["control", "owners", "catalog", "policy", "config", "findings", "coverage"] {
      let run = try await Support.run(["schema", kind], in: dir)
      #expect(run.status == 0)
      #expect(run.stdout.contains("\"$schema\""))
    }
    #expect(try await Support.run(["schema", "nope"], in: dir).status == 2)
  }

  @Test func changedSinceReportsOnlyChangedAndUntrackedFiles() async throws {
    let dir = try project()
    try Support.git(["init", "-q"], in: dir)
    try Support.git(["add", "-A"], in: dir)
    try Support.git(["commit", "-q", "-m", "base"], in: dir)
    #expect(try await Support.run(["lint", "--changed-since", "HEAD"], in: dir).stdout.isEmpty)
    let b = dir.appendingPathComponent("Controls/b.yaml")
    try Data((try String(contentsOf: b, encoding: .utf8) + "x-touched: true\n").utf8).write(to: b)
    let run = try await Support.run(["lint", "--changed-since", "HEAD"], in: dir)
    #expect(run.stdout.contains("[unknown-owner]") && !run.stdout.contains("[stale-evidence]"))
    #expect(try await Support.run(["lint", "--changed-since", "no-such-revision"], in: dir).status == 2)
  }

  @Test func hugeFilesAreNotRead() async throws {
    let dir = try project()
    let big = String(repeating: "x-padding: 0123456789012345678901234567890123456789\n", count: 180_000)
    try Data(big.utf8).write(to: dir.appendingPathComponent("Controls/huge.yaml"))
    let run = try await Support.run(["lint", "Controls/huge.yaml"], in: dir)
    #expect(run.status == 1)
    #expect(
      run.stdout.contains(
        "Controls/huge.yaml:1:1: error: Controls/huge.yaml is 9,360,000 bytes, larger than the 8 MiB limit (8,388,608 bytes)"
      ))
    // One byte over is told exactly, not rounded to "8.0 MiB".
    try Data([UInt8](repeating: UInt8(ascii: "#"), count: 8_388_609)).write(
      to: dir.appendingPathComponent("Controls/huge.yaml"))
    let edge = try await Support.run(["lint", "Controls/huge.yaml"], in: dir)
    #expect(
      edge.stdout.contains(
        "Controls/huge.yaml is 8,388,609 bytes, larger than the 8 MiB limit (8,388,608 bytes)"))
  }

  @Test func linkedFoldersInsideTheRootAreWalkedOnceAndOthersNever() async throws {
    let dir = try project()
    let fm = FileManager.default
    // A folder kept elsewhere in the project, linked into Controls/, and a link back up (a cycle).
    try fm.createDirectory(at: dir.appendingPathComponent("common"), withIntermediateDirectories: true)
    try Data(Example.goodControl.replacingOccurrences(of: "id: AC-01", with: "id: AC-09").utf8)
      .write(to: dir.appendingPathComponent("common/AC-09.yaml"))
    try fm.createSymbolicLink(
      atPath: dir.appendingPathComponent("Controls/common").path, withDestinationPath: "../common")
    try fm.createSymbolicLink(
      atPath: dir.appendingPathComponent("Controls/loop").path, withDestinationPath: ".")
    // A folder outside the project, with a control that must never be read.
    let outside = try Support.temporaryFolder()
    try Data("kind: control\nid: SECRET-1\n".utf8).write(to: outside.appendingPathComponent("x.yaml"))
    try fm.createSymbolicLink(
      atPath: dir.appendingPathComponent("Controls/outside").path, withDestinationPath: outside.path)
    let run = try await Support.run(["lint", "--format", "json", "--quiet"], in: dir)
    #expect(run.status == 1)
    #expect(!run.stdout.contains("SECRET-1"))
    #expect(run.stdout.contains("Controls/outside is a link leading outside the project root"))
    let text = try await Support.run(["lint"], in: dir)
    // AC-09 is read through the link, once: no duplicate-id from the cycle.
    #expect(!text.stdout.contains("[duplicate-id]"))
    #expect(text.stderr.contains("(3 controls,"), "\(text.stderr)")
  }

  @Test func aPathOutsideTheProjectIsAnError() async throws {
    let dir = try project()
    let other = try Support.temporaryFolder()
    try Data("kind: control\n".utf8).write(to: other.appendingPathComponent("x.yaml"))
    let run = try await Support.run(["lint", other.appendingPathComponent("x.yaml").path], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("is outside the project root"))
  }

  @Test func aHugeConfigurationIsNotRead() async throws {
    let dir = try project()
    let padding = String(repeating: "# padding line\n", count: 700_000)
    try Data((Example.baseConfiguration + padding).utf8).write(
      to: dir.appendingPathComponent(".soclint.yaml"))
    let run = try await Support.run(["lint"], in: dir)
    #expect(run.status == 2)
    #expect(
      run.stdout.contains(".soclint.yaml:1:1: error: .soclint.yaml is 10,500,"))
    #expect(run.stdout.contains("bytes, larger than the 8 MiB limit (8,388,608 bytes)"))
  }
}
