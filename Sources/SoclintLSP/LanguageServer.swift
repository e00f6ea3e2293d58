import Dispatch
import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules

/// soclint's language server (LSP 3.17): it reads messages (`receive`), answers them and
/// publishes diagnostics through `send`, one message body at a time (framing is the
/// transport's). Every message is handled in order on one serial queue, which owns all the
/// state; judging a project happens there too, after a short quiet time (`debounce`) so a burst
/// of keystrokes is judged once.
public final class LanguageServer: @unchecked Sendable {
  // @unchecked: all mutable state is touched only on `queue`.

  /// When to judge again after an edit: on every change (after the debounce) or on save.
  public enum RunMode: String, Sendable {
    case onType, onSave
  }

  /// How the server runs; the editor's initialization options may change `run` and `debounce`.
  public struct Settings: Sendable {
    /// The quiet time after a change before judging, in seconds.
    public var debounce: Double = 0.05
    public var run: RunMode = .onType
    /// Files read and rules run at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// The day staleness is judged on when the configuration has no `as_of`.
    public var today: @Sendable () -> Day = { Day.today(now: Date().timeIntervalSince1970) }

    public init() {}
  }

  let queue = DispatchQueue(label: "soclint.lsp")
  let output: @Sendable (Data) -> Void
  let onExit: @Sendable (Int32) -> Void
  let loader: ProjectLoader
  var settings: Settings

  var initialized = false
  var shutdownRequested = false
  var exited = false
  /// The client pulls diagnostics of open documents (`textDocument/diagnostic`).
  var pullDiagnostics = false
  var refreshSupport = false
  var showDocumentSupport = false
  var watchRegistrationSupport = false
  var documents: [String: OpenDocument] = [:]
  var projects: [String: ProjectState] = [:]
  /// What the client was last sent for each file (by absolute path), under which URI.
  var pushed: [String: (uri: String, diagnostics: [Diagnostic])] = [:]
  /// Bumped by every change; a debounced judgement runs only if no change came after it.
  var generation = 0
  var nextRequestID = 1
  let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
    return encoder
  }()
  let decoder = JSONDecoder()

  /// A server that writes message bodies with `send` and calls `exit` with the status to end
  /// the process with (0 after shutdown, 1 without), once, on `exit`.
  public init(
    settings: Settings = Settings(), send: @escaping @Sendable (Data) -> Void,
    exit: @escaping @Sendable (Int32) -> Void
  ) throws {
    self.settings = settings
    self.output = send
    self.onExit = exit
    self.loader = try ProjectLoader.standard()
  }

  /// One message body from the client; handled in order, after those before it.
  public func receive(_ body: Data) {
    queue.async { self.handle(body) }
  }

  /// A header block the transport could not read: answered with a parse error.
  public func receiveBadHeader(_ header: String) {
    queue.async {
      self.sendError(
        nil,
        ResponseError(
          code: ErrorCode.parseError,
          message: "a message header without a valid Content-Length: \(header.prefix(200))"))
    }
  }

  /// The client closed its end without `exit`.
  public func receiveEndOfInput() {
    queue.async { self.finish() }
  }

  /// Waits until every message received so far is handled (for tests).
  public func drain() {
    queue.sync {}
  }

  /// Waits, without holding a thread, until every message received so far is handled.
  public func drained() async {
    await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
  }

  func handle(_ body: Data) {
    guard !exited else { return }
    let envelope: IncomingEnvelope
    do {
      envelope = try decoder.decode(IncomingEnvelope.self, from: body)
    } catch {
      sendError(
        nil, ResponseError(code: ErrorCode.parseError, message: "the message is not a JSON object: \(error)"))
      return
    }
    guard let method = envelope.method else {
      // A response to one of the server's requests (registration, refresh, showDocument).
      if envelope.isResponse { return }
      sendError(
        envelope.id, ResponseError(code: ErrorCode.invalidRequest, message: "the message has no method"))
      return
    }
    if envelope.hasID {
      handleRequest(method, id: envelope.id, body: body)
    } else {
      handleNotification(method, body: body)
    }
  }

  func handleRequest(_ method: String, id: RequestID?, body: Data) {
    guard initialized || method == "initialize" else {
      sendError(id, ResponseError(code: ErrorCode.serverNotInitialized, message: "initialize first"))
      return
    }
    guard !shutdownRequested else {
      sendError(id, ResponseError(code: ErrorCode.invalidRequest, message: "the server is shutting down"))
      return
    }
    do {
      try answer(method, id: id, body: body)
    } catch let error as ResponseError {
      sendError(id, error)
    } catch {
      sendError(id, ResponseError(code: ErrorCode.internalError, message: "\(error)"))
    }
  }

  func answer(_ method: String, id: RequestID?, body: Data) throws {
    switch method {
    case "initialize": reply(id, initialize(try params(InitializeParams.self, body)))
    case "shutdown":
      shutdownRequested = true
      reply(id, LSPAny.null)
    case "textDocument/hover": reply(id, hover(try params(TextDocumentPositionParams.self, body)))
    case "textDocument/definition": reply(id, definition(try params(TextDocumentPositionParams.self, body)))
    case "textDocument/completion": reply(id, completion(try params(TextDocumentPositionParams.self, body)))
    case "textDocument/codeAction": reply(id, codeActions(try params(CodeActionParams.self, body)))
    case "textDocument/diagnostic": reply(id, pull(try params(DocumentDiagnosticParams.self, body)))
    case "workspace/executeCommand": reply(id, execute(try params(ExecuteCommandParams.self, body)))
    default:
      throw ResponseError(code: ErrorCode.methodNotFound, message: "soclint does not handle \(method)")
    }
  }

  func handleNotification(_ method: String, body: Data) {
    if method == "exit" {
      finish()
      return
    }
    guard initialized, !shutdownRequested else { return }
    do {
      switch method {
      case "initialized": registerWatchers()
      case "textDocument/didOpen": didOpen(try params(DidOpenTextDocumentParams.self, body))
      case "textDocument/didChange": didChange(try params(DidChangeTextDocumentParams.self, body))
      case "textDocument/didClose": didClose(try params(DidCloseTextDocumentParams.self, body))
      case "textDocument/didSave": didSave(try params(DidSaveTextDocumentParams.self, body))
      case "workspace/didChangeWatchedFiles":
        didChangeWatchedFiles(try params(DidChangeWatchedFilesParams.self, body))
      case "workspace/didChangeConfiguration":
        didChangeConfiguration(try params(DidChangeConfigurationParams.self, body))
      default: break  // Notifications soclint does not need ($/cancelRequest, $/setTrace...) are ignored.
      }
    } catch {
      // A notification gets no response; the client's log is told instead.
      log("soclint: ignored a malformed \(method) notification: \(error)", type: 1)
    }
  }

  func finish() {
    guard !exited else { return }
    exited = true
    onExit(shutdownRequested ? 0 : 1)
  }

  func params<P: Decodable>(_ type: P.Type, _ body: Data) throws -> P {
    do {
      return try decoder.decode(ParamsEnvelope<P>.self, from: body).params
    } catch {
      throw ResponseError(code: ErrorCode.invalidParams, message: "invalid params: \(error)")
    }
  }

  // MARK: Writing

  func write<M: Encodable>(_ message: M) {
    do {
      output(try encoder.encode(message))
    } catch {
      FileHandle.standardError.write(Data("soclint lsp: cannot encode a message: \(error)\n".utf8))
    }
  }

  func reply<R: Encodable>(_ id: RequestID?, _ result: R) {
    write(ResponseMessage(id: id, result: result))
  }

  func sendError(_ id: RequestID?, _ error: ResponseError) {
    write(ErrorMessage(id: id, error: error))
  }

  func notify<P: Encodable>(_ method: String, _ params: P) {
    write(NotificationMessage(method: method, params: params))
  }

  func request<P: Encodable>(_ method: String, _ params: P) {
    let id = RequestID.string("soclint-\(nextRequestID)")
    nextRequestID += 1
    write(RequestMessage(id: id, method: method, params: params))
  }

  /// A message for the editor's log (`window/logMessage`: 1 error, 2 warning, 3 info, 4 log),
  /// never standard output.
  func log(_ message: String, type: Int = 4) {
    notify("window/logMessage", LogMessageParams(type: type, message: message))
  }
}
