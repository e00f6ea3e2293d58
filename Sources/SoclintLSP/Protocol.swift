// The LSP 3.17 types soclint's server reads and writes, and only those. Field names are the
// protocol's, so the synthesized Codable conformances read and write them as they are.

/// A place in a document: a 0-based line, and a 0-based offset in UTF-16 code units.
public struct Position: Codable, Sendable, Hashable, Comparable {
  public var line: Int
  public var character: Int

  public init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  public static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }
}

/// From `start` to just before `end` (LSP's Range; named so as not to hide Swift's).
public struct LSPRange: Codable, Sendable, Hashable {
  public var start: Position
  public var end: Position

  public init(start: Position, end: Position) {
    self.start = start
    self.end = end
  }

  /// Whether the two ranges share a position (touching ends count, as editors ask with the cursor).
  public func overlaps(_ other: LSPRange) -> Bool { start <= other.end && other.start <= end }
}

public struct Location: Codable, Sendable, Hashable {
  public var uri: String
  public var range: LSPRange
}

public struct DiagnosticRelatedInformation: Codable, Sendable, Hashable {
  public var location: Location
  public var message: String
}

public enum DiagnosticSeverity {
  public static let error = 1
  public static let warning = 2
  public static let information = 3
}

public enum DiagnosticTag {
  public static let unnecessary = 1
}

public struct Diagnostic: Codable, Sendable, Hashable {
  public var range: LSPRange
  public var severity: Int
  public var code: String
  public var source: String
  public var message: String
  public var relatedInformation: [DiagnosticRelatedInformation]?
  public var tags: [Int]?
}

public struct PublishDiagnosticsParams: Codable, Sendable, Hashable {
  public var uri: String
  public var version: Int?
  public var diagnostics: [Diagnostic]
}

public struct TextDocumentIdentifier: Codable, Sendable, Hashable {
  public var uri: String
}

public struct TextDocumentItem: Codable, Sendable, Hashable {
  public var uri: String
  public var languageId: String?
  public var version: Int
  public var text: String
}

public struct VersionedTextDocumentIdentifier: Codable, Sendable, Hashable {
  public var uri: String
  public var version: Int?
}

public struct TextDocumentContentChangeEvent: Codable, Sendable, Hashable {
  /// Absent for a whole-document change (what soclint asks for); present if a client sends
  /// incremental changes anyway.
  public var range: LSPRange?
  public var text: String
}

struct DidOpenTextDocumentParams: Codable {
  var textDocument: TextDocumentItem
}

struct DidChangeTextDocumentParams: Codable {
  var textDocument: VersionedTextDocumentIdentifier
  var contentChanges: [TextDocumentContentChangeEvent]
}

struct DidCloseTextDocumentParams: Codable {
  var textDocument: TextDocumentIdentifier
}

struct DidSaveTextDocumentParams: Codable {
  var textDocument: TextDocumentIdentifier
  var text: String?
}

struct TextDocumentPositionParams: Codable {
  var textDocument: TextDocumentIdentifier
  var position: Position
}

struct FileEvent: Codable {
  var uri: String
  /// 1 created, 2 changed, 3 deleted.
  var type: Int
}

struct DidChangeWatchedFilesParams: Codable {
  var changes: [FileEvent]
}

struct DidChangeConfigurationParams: Codable {
  var settings: LSPAny?
}

struct InitializeParams: Codable {
  var processId: Int?
  var rootUri: String?
  var capabilities: LSPAny?
  var initializationOptions: LSPAny?
}

struct InitializeResult: Codable {
  var capabilities: LSPAny
  var serverInfo: ServerInfo

  struct ServerInfo: Codable {
    var name: String
    var version: String
  }
}

public struct MarkupContent: Codable, Sendable, Hashable {
  public var kind: String
  public var value: String
}

public struct Hover: Codable, Sendable, Hashable {
  public var contents: MarkupContent
  public var range: LSPRange?
}

public struct TextEdit: Codable, Sendable, Hashable {
  public var range: LSPRange
  public var newText: String
}

public struct CompletionItem: Codable, Sendable, Hashable {
  public var label: String
  /// LSP's CompletionItemKind: 12 value, 18 reference, 20 enum member.
  public var kind: Int?
  public var detail: String?
  public var documentation: String?
  public var sortText: String?
  public var filterText: String?
  public var textEdit: TextEdit?
}

public struct CompletionList: Codable, Sendable, Hashable {
  public var isIncomplete: Bool
  public var items: [CompletionItem]
}

public struct Command: Codable, Sendable, Hashable {
  public var title: String
  public var command: String
  public var arguments: [LSPAny]?
}

public struct WorkspaceEdit: Codable, Sendable, Hashable {
  public var changes: [String: [TextEdit]]
}

public struct CodeAction: Codable, Sendable, Hashable {
  public var title: String
  public var kind: String
  public var diagnostics: [Diagnostic]?
  public var isPreferred: Bool?
  public var edit: WorkspaceEdit?
  public var command: Command?
}

struct CodeActionParams: Codable {
  var textDocument: TextDocumentIdentifier
  var range: LSPRange
  var context: Context?

  struct Context: Codable {
    /// The client's diagnostics at the range, possibly from other servers: read loosely and not
    /// relied on (the server knows its own findings).
    var diagnostics: [LSPAny]?
    var only: [String]?
  }
}

struct DocumentDiagnosticParams: Codable {
  var textDocument: TextDocumentIdentifier
}

struct FullDocumentDiagnosticReport: Codable {
  var kind = "full"
  var items: [Diagnostic]
}

struct ExecuteCommandParams: Codable {
  var command: String
  var arguments: [LSPAny]?
}

struct ShowDocumentParams: Codable {
  var uri: String
  var takeFocus: Bool?
  var selection: LSPRange?
}

struct LogMessageParams: Codable {
  /// 1 error, 2 warning, 3 info, 4 log.
  var type: Int
  var message: String
}

struct Registration: Codable {
  var id: String
  var method: String
  var registerOptions: LSPAny?
}

struct RegistrationParams: Codable {
  var registrations: [Registration]
}

/// For methods without params (shutdown, exit) and results that are empty objects.
struct Empty: Codable {}
