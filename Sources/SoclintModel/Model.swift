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

/// A reference type: rules pass controls around a lot, and copying a struct of this size
/// costs a retain per field.
public final class Evidence: Sendable {
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
  /// What `path` resolves to on disk, for evidence of implemented controls; nil otherwise.
  public let pathStatus: EvidencePathStatus?

  public init(
    id: Located<String>, index: Int, node: Node, pointer: String, description: Located<String>, type: String,
    source: Located<String>, frequency: Located<Duration>, lastCollected: Located<Day>?,
    owner: Located<String>?, path: Located<String>?, pathStatus: EvidencePathStatus? = nil
  ) {
    self.id = id
    self.index = index
    self.node = node
    self.pointer = pointer
    self.description = description
    self.type = type
    self.source = source
    self.frequency = frequency
    self.lastCollected = lastCollected
    self.owner = owner
    self.path = path
    self.pathStatus = pathStatus
  }
}

/// A reference type: rules pass controls around a lot, and copying a struct of this size
/// costs a retain per field.
public final class Control: Sendable {
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

  public init(
    file: SourceFile, document: Int, node: Node, id: Located<String>, title: Located<String>,
    description: Located<String>, owner: Located<String>, status: ControlStatus, frequency: Located<Duration>,
    criteriaKey: Node?, criteria: [CriteriaEntry], evidenceKey: Node?, evidence: [Evidence],
    lastReviewed: Located<Day>?, reviewInterval: Located<Duration>?
  ) {
    self.file = file
    self.document = document
    self.node = node
    self.id = id
    self.title = title
    self.description = description
    self.owner = owner
    self.status = status
    self.frequency = frequency
    self.criteriaKey = criteriaKey
    self.criteria = criteria
    self.evidenceKey = evidenceKey
    self.evidence = evidence
    self.lastReviewed = lastReviewed
    self.reviewInterval = reviewInterval
  }

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
  /// The title where it is written, for findings about its wording.
  public let titleLocated: Located<String>?
  public let category: String?
}

public struct Catalog: Sendable {
  public let file: SourceFile
  public let node: Node
  public let framework: Located<String>
  public let title: Located<String>
  public let requirements: [Requirement]
}
