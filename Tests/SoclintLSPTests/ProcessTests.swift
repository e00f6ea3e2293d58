import Foundation
import SoclintLSP
import Testing

/// `soclint lsp` as editors run it: the built binary, over pipes, through a whole session.
@Suite struct ProcessTests {
  static var binary: URL {
    let bundle = Bundle.main.bundleURL
    for dir in [bundle, bundle.deletingLastPathComponent()] {
      let candidate = dir.appendingPathComponent("soclint")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(".build/debug/soclint")
  }

  static func frame(_ message: LSPAny) throws -> Data {
    Framing.frame(try JSONEncoder().encode(message))
  }

  @Test func aWholeSessionOverPipes() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let uri = project.uri("Controls/AC-01.yaml")
    let messages: [LSPAny] = [
      .object([
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": .object(["processId": .null, "rootUri": .null, "capabilities": .object([:])]),
      ]),
      .object(["jsonrpc": "2.0", "method": "initialized", "params": .object([:])]),
      .object([
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": .object([
          "textDocument": .object([
            "uri": .string(uri), "languageId": "yaml", "version": 1,
            "text": .string(TestProject.control(owner: "alcie")),
          ])
        ]),
      ]),
    ]
    var input = Data()
    for message in messages { input.append(try Self.frame(message)) }
    input.append(Data("Content-Length: 3\r\n\r\n{x}".utf8))
    let output = try await Self.run(input, until: "unknown-owner") { _ in
      var closing = Data()
      closing.append(
        try! Self.frame(
          .object(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": at(uri, 9, 10)])))
      closing.append(try! Self.frame(.object(["jsonrpc": "2.0", "id": 3, "method": "shutdown"])))
      closing.append(try! Self.frame(.object(["jsonrpc": "2.0", "method": "exit"])))
      return closing
    }
    #expect(output.status == 0)
    // Standard output holds framed messages and nothing else.
    var buffer = output.stdout
    var bodies: [LSPAny] = []
    while let item = Framing.next(from: &buffer) {
      guard case .message(let body) = item else { throw TestFailure("a bad header on standard output") }
      bodies.append(try JSONDecoder().decode(LSPAny.self, from: body))
    }
    #expect(buffer.isEmpty, "bytes outside any message: \(String(decoding: buffer, as: UTF8.self))")
    #expect(bodies.first?.at("result", "serverInfo", "name") == .string("soclint"))
    #expect(bodies.contains { $0.at("error", "code") == .int(-32700) })
    let published = bodies.first { $0.at("params", "uri") == .string(uri) }
    #expect(published?.at("params", "diagnostics")?.description.contains("unknown-owner") == true)
    #expect(bodies.contains { $0["id"] == .int(2) && $0.at("result", "contents") != nil })
    #expect(bodies.contains { $0["id"] == .int(3) && $0["result"] == .null })
  }

  struct Output {
    let status: Int32
    let stdout: Data
  }

  /// Runs the binary with `input`, waits for `marker` on its output, then sends what `then` gives
  /// and closes standard input.
  static func run(
    _ input: Data, until marker: String, then: @escaping @Sendable (Data) -> Data
  ) async throws
    -> Output
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        do {
          continuation.resume(returning: try runBlocking(input, until: marker, then: then))
        } catch {
          continuation.resume(throwing: error)
        }
      }
    }
  }

  static func runBlocking(_ input: Data, until marker: String, then: (Data) -> Data) throws -> Output {
    let process = Process()
    process.executableURL = binary
    process.arguments = ["lsp"]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(input)
    var received = Data()
    let deadline = Date().addingTimeInterval(30)
    while !String(decoding: received, as: UTF8.self).contains(marker) && Date() < deadline {
      let chunk = stdout.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      received.append(chunk)
    }
    stdin.fileHandleForWriting.write(then(received))
    try stdin.fileHandleForWriting.close()
    received.append(stdout.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: received)
  }
}

extension LSPAny: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
}

extension LSPAny: CustomStringConvertible {
  public var description: String {
    String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self)
  }
}
