import SoclintDiagnostics
import SoclintYAML

/// A value read from a file, with the node it came from, so findings can point at it.
public struct Located<Value: Sendable>: Sendable {
  public let value: Value
  public let node: Node
  public let pointer: String
  public let file: SourceFile

  public init(_ value: Value, node: Node, pointer: String, file: SourceFile) {
    self.value = value
    self.node = node
    self.pointer = pointer
    self.file = file
  }

  /// The node's whole extent, for a primary location.
  public var range: SourceRange { file.range(of: node) }
}

public enum ControlStatus: String, Sendable {
  case implemented, planned, retired
}

public struct Evidence: Sendable {
  public let id: Located<String>
  public let index: Int
  public let node: Node
  public let pointer: String
  public let description: Located<String>
  public let type: String
  public let source: Located<String>
  public let frequency: Located<Duration>
  public let lastCollected: Located<Day>?
  public let owner: Located<String>?
  public let path: Located<String>?
}

public struct Control: Sendable {
  public let file: SourceFile
  public let document: Int
  public let node: Node
  public let id: Located<String>
  public let title: Located<String>
  public let description: Located<String>
  public let owner: Located<String>
  public let status: ControlStatus
  public let frequency: Located<Duration>
  /// The key `criteria`, when given.
  public let criteriaKey: Node?
  public let criteria: [CriteriaEntry]
  /// The key `evidence`, when given.
  public let evidenceKey: Node?
  public let evidence: [Evidence]
  public let lastReviewed: Located<Day>?
  public let reviewInterval: Located<Duration>?

  public struct CriteriaEntry: Sendable {
    /// The framework id, located at its key under `criteria`.
    public let framework: Located<String>
    public let requirements: [Located<String>]
  }

  public var isImplemented: Bool { status == .implemented }
}

public struct Owner: Sendable {
  public let file: SourceFile
  public let node: Node
  public let id: Located<String>
  public let name: Located<String>
  public let email: String
  public let active: Bool
  public let backup: Located<String>?
}

public struct Requirement: Sendable {
  public let id: Located<String>
  public let title: String
  public let category: String?
}

public struct Catalog: Sendable {
  public let file: SourceFile
  public let node: Node
  public let framework: Located<String>
  public let title: Located<String>
  public let requirements: [Requirement]
}

/// A text field of the model, for rules that read prose (placeholders).
public struct TextField: Sendable {
  public let name: String
  public let text: Located<String>
}

extension Control {
  public var textFields: [TextField] {
    var out = [TextField(name: "title", text: title), TextField(name: "description", text: description)]
    for e in evidence {
      out.append(TextField(name: "description", text: e.description))
      out.append(TextField(name: "source", text: e.source))
    }
    return out
  }
}
