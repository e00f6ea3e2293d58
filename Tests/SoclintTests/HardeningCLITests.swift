import Foundation
import SoclintModel
import SoclintRules
import Testing

/// What an untrusted pull request or a careless run must not do to soclint: the configuration as
/// a link out of the project or a FIFO, standard input past the limit, an output that is a
/// folder. Each was a defect once; each runs the real binary.
@Suite struct HardeningCLITests {
  func project(_ extra: [(path: String, text: String)] = []) throws -> URL {
    try Support.write(Example.base + [("Controls/AC-01.yaml", Example.goodControl)] + extra)
  }

  @Test func aConfigurationLinkedOutsideTheProjectIsNeverRead() async throws {
    let dir = try project()
    let outside = try Support.temporaryFolder()
    let secret = outside.appendingPathComponent("credentials")
    try Data("aws_secret_access_key: AKIASECRETVALUE\n".utf8).write(to: secret)
    let config = dir.appendingPathComponent(".soclint.yaml")
    try FileManager.default.removeItem(at: config)
    try FileManager.default.createSymbolicLink(atPath: config.path, withDestinationPath: secret.path)
    let run = try await Support.run(["lint"], in: dir)
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("is a link leading outside the project root; soclint does not read it"),
      "\(run.stderr)")
    #expect(!(run.stdout + run.stderr).contains("AKIASECRETVALUE"))
    // A link to a configuration kept inside the project is read.
    try Data(Example.baseConfiguration.utf8).write(
      to: dir.appendingPathComponent("config/soclint.yaml"), createFolder: true)
    try FileManager.default.removeItem(at: config)
    try FileManager.default.createSymbolicLink(
      atPath: config.path, withDestinationPath: "config/soclint.yaml")
    #expect(try await Support.run(["lint"], in: dir).status == 0)
  }

  @Test func aConfigurationThatIsAFIFOIsRefusedAtOnce() async throws {
    let dir = try project()
    let config = dir.appendingPathComponent(".soclint.yaml")
    try FileManager.default.removeItem(at: config)
    #expect(mkfifo(config.path, 0o644) == 0)
    let run = try await Support.run(["lint"], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("is not a regular file"), "\(run.stderr)")
  }

  @Test func standardInputIsHeldToTheLimit() async throws {
    let dir = try project()
    let big = Data(repeating: UInt8(ascii: "#"), count: 8 * 1024 * 1024 + 1)
    let control = try await Support.run(
      ["lint", "--stdin-filename", "Controls/AC-01.yaml"], in: dir, stdin: big)
    #expect(control.status == 1)
    #expect(control.stdout.contains("(standard input) is larger than the 8 MiB limit"))
    // The configuration given on standard input too.
    let config = try await Support.run(["lint", "--stdin-filename", ".soclint.yaml"], in: dir, stdin: big)
    #expect(config.status == 2)
    #expect(
      config.stdout.contains(".soclint.yaml is 8,388,609 bytes, larger than the 8 MiB limit"),
      "\(config.stdout)")
  }

  @Test func anUnsavedBufferIsTheFile() async throws {
    let dir = try project()
    let buffer = Example.goodControl.replacingOccurrences(of: "id: AC-01", with: "id: AC-02")
      .replacingOccurrences(of: "owner: alice", with: "owner: alcie")
    let run = try await Support.run(
      ["lint", "--stdin-filename", "Controls/new.yaml", "Controls/new.yaml"], in: dir,
      stdin: Data(buffer.utf8))
    #expect(run.status == 1, "\(run.stderr)")
    #expect(
      run.stdout.contains("Controls/new.yaml:7:8: error: owner 'alcie' of control AC-02 is not declared"))
  }

  @Test func anOutputThatCannotBeWrittenSaysWhy() async throws {
    let dir = try project()
    let folder = try await Support.run(["lint", "--output", "Controls"], in: dir)
    #expect(folder.status == 2)
    #expect(folder.stderr.contains("Controls is a folder"), "\(folder.stderr)")
    #expect(!folder.stderr.contains("NSCocoaErrorDomain"))
    let missing = try await Support.run(["lint", "--output", "no/such/folder/out.txt"], in: dir)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("the folder no/such/folder does not exist"), "\(missing.stderr)")
    let fine = try await Support.run(["lint", "--format", "json", "--output", "out.json"], in: dir)
    #expect(fine.status == 0)
    let written = try String(contentsOf: dir.appendingPathComponent("out.json"), encoding: .utf8)
    #expect(written.hasPrefix("{"))
    // No temporary file is left behind.
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(!names.contains { $0.hasPrefix(".soclint-") }, "\(names)")
  }

  /// A pull request that deletes the only control of a requirement must fail on the
  /// requirement it uncovers, although the file with the finding (the configuration) did not
  /// change.
  @Test func changedSinceReportsProjectWideFindingsWhenAnyProjectFileChanged() async throws {
    let dir = try project()
    try Support.git(["init", "-q"], in: dir)
    try Support.git(["add", "-A"], in: dir)
    try Support.git(["commit", "-q", "-m", "base"], in: dir)
    #expect(try await Support.run(["lint", "--changed-since", "HEAD"], in: dir).status == 0)
    // A change outside the project's files changes nothing that is reported.
    try Data("notes\n".utf8).write(to: dir.appendingPathComponent("NOTES.txt"))
    #expect(try await Support.run(["lint", "--changed-since", "HEAD"], in: dir).stdout.isEmpty)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("Controls/AC-01.yaml"))
    let run = try await Support.run(["lint", "--changed-since", "HEAD"], in: dir)
    #expect(run.status == 1)
    #expect(run.stdout.contains("[uncovered-requirement]"), "\(run.stdout)")
  }
}

/// The evidence walk below a path that C would cut short at a NUL ends, and finds nothing.
@Test func anEvidencePathWithANULIsRefusedBeforeTheDiskIsTouched() throws {
  let root = try Support.write([("evidence/AC-01/x.pdf", "pdf\n")])
  defer { try? FileManager.default.removeItem(at: root) }
  #expect(
    EvidencePathStatus.resolve("evidence/\u{0}/x.pdf", root: root.path)
      == .unsafe("it holds a control character"))
  #expect(EvidencePathStatus.resolve("evidence/**/x.pdf", root: root.path) == .matches(1))
  // A link cycle below the start is walked once.
  try FileManager.default.createSymbolicLink(
    atPath: root.appendingPathComponent("evidence/AC-01/loop").path, withDestinationPath: "..")
  #expect(EvidencePathStatus.resolve("evidence/**/*.pdf", root: root.path) == .matches(1))
}

extension Data {
  func write(to url: URL, createFolder: Bool) throws {
    if createFolder {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    }
    try write(to: url)
  }
}
