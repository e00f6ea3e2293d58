import Foundation
import SoclintLSP
import Testing

/// An in-memory LSP client for a server in the same process (ruff's server tests are the
/// model): messages go straight to `LanguageServer.receive`, the server's messages land in an
/// inbox, and every one must be taken by the test: `finish()` fails on any left unread.
final class TestClient: @unchecked Sendable {
  // @unchecked: `inbox` and `exitStatus` are guarded by `lock`; the server writes from its queue.
  private let lock = NSLock()
  private var inbox: [LSPAny] = []
  private var exitStatus: Int32?
  private var nextID = 1
  private(set) var server: LanguageServer!

  init(debounceMilliseconds: Double = 1) throws {
    var settings = LanguageServer.Settings()
    settings.debounce = debounceMilliseconds / 1000
    settings.jobs = 2
    server = try LanguageServer(
      settings: settings,
      send: { [unowned self] body in self.deliver(body) },
      exit: { [unowned self] status in self.lock.withLock { self.exitStatus = status } })
  }

  private func deliver(_ body: Data) {
    let message = try! JSONDecoder().decode(LSPAny.self, from: body)
    lock.withLock { inbox.append(message) }
  }

  /// Sends a message as raw bytes (for malformed ones).
  func sendRaw(_ body: String) {
    server.receive(Data(body.utf8))
  }

  func notify(_ method: String, _ params: LSPAny) {
    send(.object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]))
  }

  private func send(_ message: LSPAny) {
    server.receive(try! JSONEncoder().encode(message))
  }

  /// Sends a request and waits for its response (result or error).
  @discardableResult
  func request(_ method: String, _ params: LSPAny? = nil) async throws -> LSPAny {
    let id = lock.withLock {
      defer { nextID += 1 }
      return nextID
    }
    var message: [String: LSPAny] = ["jsonrpc": .string("2.0"), "id": .int(id), "method": .string(method)]
    if let params { message["params"] = params }
    send(.object(message))
    return try await take("the response to \(method)") { $0["id"] == .int(id) }
  }

  /// Waits for the first unread server message that matches, and takes it off the inbox.
  func take(_ what: String, timeout: Double = 60, where matches: (LSPAny) -> Bool) async throws -> LSPAny {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      // Looked at once more after the deadline: on a busy machine the task may wake late.
      let found = lock.withLock { () -> LSPAny? in
        guard let index = inbox.firstIndex(where: matches) else { return nil }
        return inbox.remove(at: index)
      }
      if let found { return found }
      guard Date() < deadline else { break }
      try await Task.sleep(for: .milliseconds(2))
    }
    throw TestFailure("timed out waiting for \(what); unread: \(unread())")
  }

  /// The next diagnostics published for a URI.
  func diagnostics(_ uri: String) async throws -> PublishDiagnosticsParams {
    let message = try await take("diagnostics for \(uri)") {
      $0["method"] == .string("textDocument/publishDiagnostics") && $0.at("params", "uri") == .string(uri)
    }
    return try decode(PublishDiagnosticsParams.self, message["params"]!)
  }

  /// The next notification or server request of a method.
  func message(_ method: String) async throws -> LSPAny {
    try await take(method) { $0["method"] == .string(method) }
  }

  func decode<T: Decodable>(_ type: T.Type, _ value: LSPAny) throws -> T {
    try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
  }

  /// Lets the server handle everything sent so far, then waits `milliseconds` for anything
  /// it schedules (a debounced judgement) to happen.
  func settle(milliseconds: Int = 150) async throws {
    await server.drained()
    try await Task.sleep(for: .milliseconds(milliseconds))
    await server.drained()
  }

  func unread() -> [LSPAny] {
    lock.withLock { inbox }
  }

  var status: Int32? { lock.withLock { exitStatus } }

  /// initialize and initialized, with the client capabilities and options given.
  @discardableResult
  func initialize(capabilities: LSPAny = .object([:]), options: LSPAny? = nil) async throws -> LSPAny {
    var params: [String: LSPAny] = ["processId": .null, "rootUri": .null, "capabilities": capabilities]
    if let options { params["initializationOptions"] = options }
    let response = try await request("initialize", .object(params))
    notify("initialized", .object([:]))
    return response
  }

  func open(_ uri: String, _ text: String, version: Int = 1) {
    notify(
      "textDocument/didOpen",
      .object([
        "textDocument": .object([
          "uri": .string(uri), "languageId": .string("yaml"), "version": .int(version), "text": .string(text),
        ])
      ]))
  }

  func change(_ uri: String, _ text: String, version: Int) {
    notify(
      "textDocument/didChange",
      .object([
        "textDocument": .object(["uri": .string(uri), "version": .int(version)]),
        "contentChanges": .array([.object(["text": .string(text)])]),
      ]))
  }

  /// shutdown and exit; then nothing may be left unread.
  func finish(sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let response = try await request("shutdown")
    #expect(response["result"] == .null, sourceLocation: sourceLocation)
    notify("exit", .null)
    await server.drained()
    #expect(status == 0, sourceLocation: sourceLocation)
    let left = unread()
    #expect(left.isEmpty, "server messages left unread: \(left)", sourceLocation: sourceLocation)
  }
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Position parameters.
func at(_ uri: String, _ line: Int, _ character: Int) -> LSPAny {
  .object([
    "textDocument": .object(["uri": .string(uri)]),
    "position": .object(["line": .int(line), "character": .int(character)]),
  ])
}

/// A project written to a new temporary folder.
struct TestProject {
  let root: URL

  init(_ files: [String: String]) throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "soclint-lsp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    // Resolved, as the server resolves folders (/tmp may be a link elsewhere).
    root = URL(fileURLWithPath: base.resolvingSymlinksInPath().path)
    for (path, text) in files { try write(path, text) }
  }

  func write(_ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func uri(_ path: String) -> String { root.appendingPathComponent(path).absoluteString }

  func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  static let configuration = "version: 1\nframeworks:\n  soc1: {}\nas_of: 2026-11-20\n"
  static let owners = """
    kind: owners
    owners:
      - id: alice
        name: Alice Chen
        email: alice@example.com
        role: Security Lead
        backup: bob
      - id: bob
        name: Bob Okafor
        email: bob@example.com

    """
  static let catalog = """
    kind: catalog
    framework: soc1
    title: Example SOC 1 control objectives
    requirements:
      - id: CO-1
        title: Access to payroll systems is limited to authorised staff
        category: access

    """
  static func control(owner: String = "alice", extra: String = "") -> String {
    """
    kind: control
    id: AC-01
    title: Quarterly user access review
    description: >
      Security reviews every production account against the HR roster each quarter
      and removes access that is no longer needed.
    owner: \(owner)
    frequency: quarterly
    criteria:
      soc1: [CO-1]
    evidence:
      - id: review-ticket
        description: Signed-off access review ticket with the accounts removed
        type: ticket
        source: Jira project SEC
        frequency: quarterly
        last_collected: 2026-09-30
        owner: bob
    last_reviewed: 2026-06-15
    \(extra)
    """
  }

  /// A clean project: a configuration, owners, a SOC 1 catalog and one control.
  static func standard(control: String = TestProject.control()) throws -> TestProject {
    try TestProject([
      ".soclint.yaml": configuration, "Controls/owners.yaml": owners, "Controls/soc1.yaml": catalog,
      "Controls/AC-01.yaml": control,
    ])
  }
}
