import Foundation
import SoclintReporters

extension LanguageServer {
  /// The command a "suppress RULE here" action runs after its edit, to put the cursor where the
  /// reason goes (LSP 3.17 cannot place the cursor from an edit).
  static let placeCursorCommand = "soclint.placeCursor"

  func initialize(_ params: InitializeParams) -> InitializeResult {
    initialized = true
    let capabilities = params.capabilities ?? .null
    pullDiagnostics = capabilities.at("textDocument", "diagnostic") != nil
    refreshSupport = capabilities.at("workspace", "diagnostics", "refreshSupport")?.bool ?? false
    showDocumentSupport = capabilities.at("window", "showDocument", "support")?.bool ?? false
    watchRegistrationSupport =
      capabilities.at("workspace", "didChangeWatchedFiles", "dynamicRegistration")?.bool ?? false
    apply(params.initializationOptions)
    var server: [String: LSPAny] = [
      "textDocumentSync": .object([
        "openClose": .bool(true), "change": .int(1), "save": .object(["includeText": .bool(false)]),
      ]),
      "hoverProvider": .bool(true),
      "definitionProvider": .bool(true),
      "completionProvider": .object([
        "triggerCharacters": .array([":", " ", "[", ",", "-"].map(LSPAny.string))
      ]),
      "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
      "executeCommandProvider": .object(["commands": .array([.string(LanguageServer.placeCursorCommand)])]),
    ]
    if pullDiagnostics {
      // Findings cross files: a change to owners.yaml changes a control's diagnostics.
      server["diagnosticProvider"] = .object([
        "identifier": .string("soclint"), "interFileDependencies": .bool(true),
        "workspaceDiagnostics": .bool(false),
      ])
    }
    return InitializeResult(
      capabilities: .object(server),
      serverInfo: InitializeResult.ServerInfo(name: "soclint", version: ReportContext.toolVersion))
  }

  /// Reads `run` (onType or onSave) and `debounceMilliseconds` from initialization options or
  /// settings, at the top level or under `soclint`.
  func apply(_ options: LSPAny?) {
    guard let options else { return }
    let scoped = options["soclint"] ?? options
    if let run = scoped["run"]?.string {
      if let mode = RunMode(rawValue: run) {
        settings.run = mode
      } else {
        log("soclint: unknown run mode '\(run)'; expected onType or onSave", type: 2)
      }
    }
    if let milliseconds = scoped["debounceMilliseconds"]?.number, milliseconds >= 0 {
      settings.debounce = milliseconds / 1000
    }
  }

  /// Asks the client to report saved, created and deleted files: YAML files change findings,
  /// and any created or deleted file may be an evidence file a control names.
  func registerWatchers() {
    guard watchRegistrationSupport else { return }
    let watchers: LSPAny = .array([
      .object(["globPattern": .string("**/*.{yaml,yml}")]),
      // Create (1) and Delete (4) only: evidence files change often and their content does not matter.
      .object(["globPattern": .string("**/*"), "kind": .int(5)]),
    ])
    request(
      "client/registerCapability",
      RegistrationParams(registrations: [
        Registration(
          id: "soclint-watched-files", method: "workspace/didChangeWatchedFiles",
          registerOptions: .object(["watchers": watchers]))
      ]))
  }

  func didChangeConfiguration(_ params: DidChangeConfigurationParams) {
    apply(params.settings)
    for project in projects.values { project.dirty = true }
    schedule()
  }

  /// `soclint.placeCursor [uri, line, character]`: shows the document with the cursor there.
  func execute(_ params: ExecuteCommandParams) -> LSPAny {
    guard params.command == LanguageServer.placeCursorCommand, let arguments = params.arguments,
      arguments.count == 3, let uri = arguments[0].string, let line = arguments[1].number,
      let character = arguments[2].number
    else { return .null }
    if showDocumentSupport {
      let position = Position(line: Int(line), character: Int(character))
      request(
        "window/showDocument",
        ShowDocumentParams(uri: uri, takeFocus: true, selection: LSPRange(start: position, end: position)))
    }
    return .null
  }
}
