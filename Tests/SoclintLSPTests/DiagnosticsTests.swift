import Foundation
import SoclintLSP
import Testing

/// Diagnostics: pushed for every file whose findings changed, open or not, as CLI.md shapes them.
@Suite struct DiagnosticsTests {
  @Test func initializeAnswersTheCapabilities() async throws {
    let client = try TestClient()
    let response = try await client.initialize()
    let capabilities = try #require(response.at("result", "capabilities"))
    #expect(capabilities.at("textDocumentSync", "change") == .int(1))
    #expect(capabilities.at("textDocumentSync", "openClose") == .bool(true))
    #expect(capabilities["hoverProvider"] == .bool(true))
    #expect(capabilities["definitionProvider"] == .bool(true))
    #expect(capabilities["completionProvider"] != nil)
    #expect(capabilities.at("codeActionProvider", "codeActionKinds") == .array([.string("quickfix")]))
    // Without the client's pull capability, diagnostics are only pushed.
    #expect(capabilities["diagnosticProvider"] == nil)
    #expect(response.at("result", "serverInfo", "name") == .string("soclint"))
    try await client.finish()
  }

  @Test func anOpenBufferOverridesTheDiskAndItsFindingsArePublished() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, TestProject.control(owner: "alcie"))
    let control = try await client.diagnostics(uri)
    #expect(control.version == 1)
    let diagnostic = try #require(control.diagnostics.first)
    #expect(control.diagnostics.count == 1)
    #expect(diagnostic.code == "unknown-owner")
    #expect(diagnostic.source == "soclint")
    #expect(diagnostic.severity == 1)
    #expect(
      diagnostic.message == "owner 'alcie' of control AC-01 is not declared\nhelp: did you mean 'alice'?")
    #expect(
      diagnostic.range
        == LSPRange(start: Position(line: 6, character: 7), end: Position(line: 6, character: 12)))
    // Cross-file: alice now owns nothing, so the owners list (not open) gets its finding.
    let owners = try await client.diagnostics(project.uri("Controls/owners.yaml"))
    #expect(owners.diagnostics.map(\.code) == ["orphan-owner"])
    #expect(owners.diagnostics.first?.severity == 3)
    #expect(owners.version == nil)
    try await client.finish()
  }

  @Test func renamingAnOwnerUpdatesTheControlsAndClearsThemWhenFixed() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let owners = project.uri("Controls/owners.yaml")
    client.open(owners, TestProject.owners)
    try await client.settle()
    #expect(client.unread().isEmpty, "a clean project publishes nothing")
    client.change(
      owners, TestProject.owners.replacingOccurrences(of: "id: alice", with: "id: alicia"), version: 2)
    let control = try await client.diagnostics(project.uri("Controls/AC-01.yaml"))
    #expect(control.diagnostics.map(\.code) == ["unknown-owner"])
    #expect(control.diagnostics.first?.message.contains("did you mean 'alicia'?") == true)
    let renamed = try await client.diagnostics(owners)
    #expect(renamed.version == 2)
    #expect(renamed.diagnostics.map(\.code) == ["orphan-owner"])
    client.change(owners, TestProject.owners, version: 3)
    #expect(try await client.diagnostics(project.uri("Controls/AC-01.yaml")).diagnostics.isEmpty)
    #expect(try await client.diagnostics(owners).diagnostics.isEmpty)
    try await client.finish()
  }

  @Test func notesAreRelatedInformationAndUnusedSuppressionsAreUnnecessary() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri("Controls/AC-01.yaml")
    let owners = TestProject.owners.replacingOccurrences(
      of: "    role: Security Lead\n", with: "    active: false\n")
    try project.write("Controls/owners.yaml", owners)
    client.open(
      uri, TestProject.control(extra: "# soclint: ignore[stale-evidence] reviewed late\nx-note: 1\n"))
    let published = try await client.diagnostics(uri)
    let inactive = try #require(published.diagnostics.first { $0.code == "inactive-owner" })
    let related = try #require(inactive.relatedInformation?.first)
    #expect(related.location.uri == project.uri("Controls/owners.yaml"))
    #expect(related.location.range.start == Position(line: 2, character: 8))
    let unused = try #require(published.diagnostics.first { $0.code == "unused-suppression" })
    #expect(unused.tags == [1])
    #expect(unused.range.start == Position(line: 19, character: 0))
    #expect(inactive.tags == nil)
    try await client.finish()
  }

  /// A suppression that silences nothing, after é (1 unit), 中 (1 unit) and 😀 (2 units).
  static let wideLine = "title: Revue é中😀  # soclint: ignore[placeholder-text] wording agreed"

  @Test(arguments: ["\n", "\r\n"])
  func positionsAreUTF16CodeUnits(_ lineBreak: String) async throws {
    let control = TestProject.control().replacingOccurrences(
      of: "title: Quarterly user access review", with: Self.wideLine
    )
    .replacingOccurrences(of: "\n", with: lineBreak)
    let project = try TestProject.standard(control: control)
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, control)
    let published = try await client.diagnostics(uri)
    let unused = try #require(published.diagnostics.first { $0.code == "unused-suppression" })
    // "title: Revue " is 13 units, é 1, 中 1, 😀 2, two spaces: the # is at unit 19.
    #expect(unused.range.start == Position(line: 2, character: 19))
    // A suppression's finding covers its '#'.
    #expect(unused.range.end == Position(line: 2, character: 20))
    try await client.finish()
  }

  @Test func severalProjectsAtOnce() async throws {
    let first = try TestProject.standard()
    let second = try TestProject.standard()
    defer {
      first.remove()
      second.remove()
    }
    let client = try TestClient()
    try await client.initialize()
    client.open(first.uri("Controls/AC-01.yaml"), TestProject.control(owner: "carol"))
    client.open(second.uri("Controls/AC-01.yaml"), TestProject.control(owner: "dave"))
    let one = try await client.diagnostics(first.uri("Controls/AC-01.yaml"))
    let two = try await client.diagnostics(second.uri("Controls/AC-01.yaml"))
    #expect(one.diagnostics.first?.message.hasPrefix("owner 'carol'") == true)
    #expect(two.diagnostics.first?.message.hasPrefix("owner 'dave'") == true)
    _ = try await client.diagnostics(first.uri("Controls/owners.yaml"))
    _ = try await client.diagnostics(second.uri("Controls/owners.yaml"))
    try await client.finish()
  }

  @Test func savedFilesAndTheConfigurationAreWatched() async throws {
    let project = try TestProject.standard(control: TestProject.control(owner: "carol"))
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, TestProject.control(owner: "carol"))
    #expect(try await client.diagnostics(uri).diagnostics.map(\.code) == ["unknown-owner"])
    _ = try await client.diagnostics(project.uri("Controls/owners.yaml"))
    // carol is added on disk (another tool, a git pull): the client says so.
    try project.write(
      "Controls/owners.yaml",
      TestProject.owners + "  - id: carol\n    name: Carol Diaz\n    email: carol@example.com\n")
    client.notify(
      "workspace/didChangeWatchedFiles",
      .object([
        "changes": .array([.object(["uri": .string(project.uri("Controls/owners.yaml")), "type": .int(2)])])
      ]))
    #expect(try await client.diagnostics(uri).diagnostics.isEmpty)
    // alice still owns nothing: the owners list's diagnostics did not change, so they are not sent again.
    // The configuration turns orphan-owner off.
    try project.write(".soclint.yaml", TestProject.configuration + "rules:\n  orphan-owner: off\n")
    client.notify(
      "workspace/didChangeWatchedFiles",
      .object(["changes": .array([.object(["uri": .string(project.uri(".soclint.yaml")), "type": .int(2)])])])
    )
    #expect(try await client.diagnostics(project.uri("Controls/owners.yaml")).diagnostics.isEmpty)
    try await client.finish()
  }

  @Test func aCreatedEvidenceFileIsSeen() async throws {
    let control = TestProject.control(extra: "").replacingOccurrences(
      of: "    owner: bob\n", with: "    owner: bob\n    path: evidence/review.pdf\n")
    let project = try TestProject.standard(control: control)
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, control)
    #expect(try await client.diagnostics(uri).diagnostics.map(\.code) == ["missing-evidence-file"])
    try project.write("evidence/review.pdf", "%PDF")
    client.notify(
      "workspace/didChangeWatchedFiles",
      .object([
        "changes": .array([.object(["uri": .string(project.uri("evidence/review.pdf")), "type": .int(1)])])
      ]))
    #expect(try await client.diagnostics(uri).diagnostics.isEmpty)
    try await client.finish()
  }

  @Test func closingADocumentLetsTheDiskSpeak() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, TestProject.control(owner: "alcie"))
    #expect(try await client.diagnostics(uri).diagnostics.count == 1)
    _ = try await client.diagnostics(project.uri("Controls/owners.yaml"))
    client.notify("textDocument/didClose", .object(["textDocument": .object(["uri": .string(uri)])]))
    #expect(try await client.diagnostics(uri).diagnostics.isEmpty)
    #expect(try await client.diagnostics(project.uri("Controls/owners.yaml")).diagnostics.isEmpty)
    try await client.finish()
  }
}
