import Foundation
import SoclintLSP
import SoclintModel
import Testing

/// Malformed messages, unknown files and broken buffers: answered, never fatal.
@Suite struct RobustnessTests {
  @Test func malformedMessagesGetErrorsAndTheServerGoesOn() async throws {
    let client = try TestClient()
    let early = try await client.request("textDocument/hover", at("file:///nowhere.yaml", 0, 0))
    #expect(early.at("error", "code") == .int(-32002))
    try await client.initialize()
    client.sendRaw("{not json")
    let parse = try await client.take("a parse error") { $0.at("error", "code") == .int(-32700) }
    #expect(parse["id"] == .null)
    client.sendRaw(#"{"jsonrpc":"2.0","id":41}"#)
    #expect(
      try await client.take("invalid request") { $0["id"] == .int(41) }.at("error", "code") == .int(-32600))
    client.sendRaw(#"{"jsonrpc":"2.0","id":42,"method":"textDocument/hover","params":{"position":"here"}}"#)
    #expect(
      try await client.take("invalid params") { $0["id"] == .int(42) }.at("error", "code") == .int(-32602))
    let unknown = try await client.request("textDocument/rename", .object([:]))
    #expect(unknown.at("error", "code") == .int(-32601))
    // A malformed notification is logged, not answered.
    client.sendRaw(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}"#)
    #expect(try await client.message("window/logMessage").at("params", "type") == .int(1))
    // Still serving.
    #expect(
      try await client.request("textDocument/hover", at("file:///nowhere.yaml", 0, 0))["result"] == .null)
    try await client.finish()
  }

  @Test func unknownFilesAndFilesOutsideAnyProject() async throws {
    let folder = try TestProject([:])
    defer { folder.remove() }
    let client = try TestClient()
    try await client.initialize()
    for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition"] {
      let response = try await client.request(method, at(folder.uri("never-opened.yaml"), 3, 4))
      #expect(response["error"] == nil, "\(method)")
    }
    // Out of range positions in an open document outside any project.
    client.open(folder.uri("loose.yaml"), "kind: control\n")
    #expect(
      try await client.message("window/logMessage").at("params", "message")?.string?.contains(
        "no .soclint.yaml") == true)
    #expect(
      try await client.request("textDocument/hover", at(folder.uri("loose.yaml"), 99, 99))["error"] == nil)
    try await client.finish()
  }

  @Test func anUnparsableBufferGetsItsSyntaxDiagnostic() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, "kind: control\nid: [AC-01\n  😀: é\n\t- \"")
    let published = try await client.diagnostics(uri)
    #expect(published.diagnostics.first?.code == "yaml-syntax")
    // Requests on the broken text answer.
    for line in 0..<5 {
      for character in [0, 2, 5, 40] {
        #expect(try await client.request("textDocument/completion", at(uri, line, character))["error"] == nil)
        #expect(try await client.request("textDocument/hover", at(uri, line, character))["error"] == nil)
      }
    }
    try await client.finish()
  }

  @Test func aBufferOutsideIncludeIsNotJudged() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    // A CI workflow: YAML, in the project's folder, but not one of its files.
    client.open(project.uri(".github/workflows/ci.yaml"), "on: push\njobs: {}\n")
    try await client.settle()
    #expect(client.unread().isEmpty)
    try await client.finish()
  }

  @Test func exitWithoutShutdownIsStatusOne() async throws {
    let client = try TestClient()
    try await client.initialize()
    client.notify("exit", .null)
    await client.server.drained()
    #expect(client.status == 1)
  }

  @Test func framingCutsMessagesAndSkipsBadHeaders() {
    var buffer = Data("Content-Length: 2\r\n\r\n{}X-Bad: 1\r\n\r\nContent-Length: 4\r\n\r\nnu".utf8)
    #expect(Framing.next(from: &buffer) == .message(Data("{}".utf8)))
    #expect(Framing.next(from: &buffer) == .badHeader("X-Bad: 1"))
    #expect(Framing.next(from: &buffer) == nil)
    buffer.append(Data("ll".utf8))
    #expect(Framing.next(from: &buffer) == .message(Data("null".utf8)))
    #expect(buffer.isEmpty)
  }

  /// The loader's cache: an edit re-reads one file; the others keep their parsed result.
  @Test func theCacheReparsesOnlyChangedFiles() throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let loader = try ProjectLoader.standard()
    var options = ProjectLoader.Options(configPath: project.root.appendingPathComponent(".soclint.yaml").path)
    options.cache = FileResultCache()
    let first = try loader.load(options)
    #expect(options.cache?.count == 3)
    options.overrides[project.root.appendingPathComponent("Controls/AC-01.yaml").path] = Array(
      TestProject.control(owner: "bob").utf8)
    let second = try loader.load(options)
    func file(_ project: Project, _ path: String) -> SourceFile? { project.files.first { $0.path == path } }
    #expect(file(first, "Controls/owners.yaml") === file(second, "Controls/owners.yaml"))
    #expect(file(first, "Controls/soc1.yaml") === file(second, "Controls/soc1.yaml"))
    #expect(file(first, "Controls/AC-01.yaml") !== file(second, "Controls/AC-01.yaml"))
    #expect(second.controls.first?.owner.value == "bob")
  }
}
