import SoclintDiagnostics
import SoclintSchema
import SoclintYAML

/// A value read from a file, with where it is written, so findings can point at it.
///
/// It keeps the marks of the node it was read from, not the node: a project's model holds
/// tens of thousands of these, and a node for each was a quarter of soclint's memory.
public struct Located<Value: Sendable>: Sendable {
  /// What was read, typed.
  public let value: Value
  /// Where the node it was read from starts.
  public let start: Mark
  /// The position just after the node's last character.
  public let end: Mark
  /// The JSON Pointer of the node inside its document.
  public let pointer: String
  /// The file that holds the node.
  public let file: SourceFile

  /// A value with the node, pointer and file it came from.
  public init(_ value: Value, node: Node, pointer: String, file: SourceFile) {
    self.value = value
    self.start = node.start
    self.end = node.end
    self.pointer = pointer
    self.file = file
  }

  /// A value read from the node between `start` and `end`.
  package init(_ value: Value, start: Mark, end: Mark, pointer: String, file: SourceFile) {
    self.value = value
    self.start = start
    self.end = end
    self.pointer = pointer
    self.file = file
  }

  /// The node's whole extent, for a primary location.
  public var range: SourceRange { file.range(at: start, end: end) }
}

/// Where a control stands; only implemented controls count towards coverage and staleness.
public enum ControlStatus: String, Sendable {
  /// `implemented`: in operation (the default); `planned`: not yet; `retired`: no longer operated.
  case implemented, planned, retired
}

/// One entry of an evidence item's `collected` history.
public struct Collection: Sendable {
  /// The day it was collected, located at the date (the scalar, or the mapping's `date`).
  public let date: Located<Day>
  /// The entry's node in the list: the date scalar or the mapping.
  public let node: Node
  /// The ticket, document or record that holds it, when given.
  public let ref: String?
  /// Where it is stored: a path or glob relative to the project root, when given.
  public let path: Located<String>?
  /// What `path` resolves to, for collections of implemented controls; nil otherwise.
  public let pathStatus: EvidencePathStatus?

  /// A collection from its parts.
  public init(
    date: Located<Day>, node: Node, ref: String?, path: Located<String>?, pathStatus: EvidencePathStatus?
  ) {
    self.date = date
    self.node = node
    self.ref = ref
    self.path = path
    self.pathStatus = pathStatus
  }
}

/// A reference type: rules pass controls around a lot, and copying a struct of this size
/// costs a retain per field.
public final class Evidence: Sendable {
  /// The evidence id, meant to be unique within its control.
  public let id: Located<String>
  /// The 0-based position of the item in its control's `evidence` list.
  public let index: Int
  /// Where the item's mapping is written. The model keeps the marks of the nodes it points
  /// at, not nodes: each was an object to allocate and free, three for every control.
  public let node: YAMLFile.Span
  /// The JSON Pointer of the item inside its document, such as "/evidence/0": made from
  /// `index` when asked (for a finding), not kept (see `lastCollected`).
  public var pointer: String { JSONPointer.appending(index: index, to: "/evidence") }
  /// What the evidence is and what it shows.
  public let description: Located<String>
  /// The form it takes (`ticket`, `log`...); empty when not given.
  public let type: String
  /// The system or place it comes from.
  public let source: Located<String>
  /// How often it must be collected.
  public let frequency: Located<Duration>
  /// When it was last collected: the latest of `last_collected` and the `collected` dates,
  /// located where that date is written; nil when never. Found when asked, not kept: with the
  /// pointer, the 64 bytes that put an item in jemalloc's 512-byte class instead of 640, for
  /// two or three items a control (about 2.5 MB of 10,000 controls, a page fault each 4 KB).
  public var lastCollected: Located<Day>? {
    latestCollection.map { collected[$0].date } ?? lastCollectedField
  }

  /// The day of `lastCollected`, without making its located value: what the staleness rules
  /// judge by, for every item.
  public var lastCollectedDay: Day? {
    latestCollection.map { collected[$0].date.value } ?? lastCollectedField?.value
  }

  /// The position in `collected` of the latest date, when it is later than `last_collected`
  /// (on a tie the written `last_collected` is where findings point); nil when that field is
  /// the latest, or there is no date.
  private var latestCollection: Int? {
    var latest = lastCollectedField?.value
    var position: Int?
    for (i, c) in collected.enumerated() where latest.map({ c.date.value > $0 }) ?? true {
      latest = c.date.value
      position = i
    }
    return position
  }
  /// The value of `last_collected` as written, when given.
  public let lastCollectedField: Located<Day>?
  /// Where the key `collected` is written, when given.
  public let collectedKey: YAMLFile.Span?
  /// Every collection in `collected`, in the order written.
  public let collected: [Collection]
  /// The owner id of who collects it, when given; else the control's owner does.
  public let owner: Located<String>?
  /// Where the collected evidence is stored: a path or glob relative to the project root.
  public let path: Located<String>?
  /// What `path` resolves to on disk, for evidence of implemented controls; nil otherwise.
  public let pathStatus: EvidencePathStatus?

  /// An evidence item from its parts; `pathStatus` is nil unless its path was resolved.
  public init(
    id: Located<String>, index: Int, node: YAMLFile.Span, description: Located<String>,
    type: String,
    source: Located<String>, frequency: Located<Duration>, lastCollected: Located<Day>?,
    owner: Located<String>?, path: Located<String>?, pathStatus: EvidencePathStatus? = nil,
    collectedKey: YAMLFile.Span? = nil, collected: [Collection] = []
  ) {
    self.id = id
    self.index = index
    self.node = node
    self.description = description
    self.type = type
    self.source = source
    self.frequency = frequency
    self.lastCollectedField = lastCollected
    self.collectedKey = collectedKey
    self.collected = collected
    self.owner = owner
    self.path = path
    self.pathStatus = pathStatus
  }
}

/// A reference type: rules pass controls around a lot, and copying a struct of this size
/// costs a retain per field.
public final class Control: Sendable {
  /// The file that holds it.
  public let file: SourceFile
  /// The 0-based position of its document in the file.
  public let document: Int
  /// The document's root mapping.
  public let node: YAMLFile.Span
  /// The control id, such as AC-01, meant to be unique in the project.
  public let id: Located<String>
  /// A short name for the control.
  public let title: Located<String>
  /// What is done and how, for an auditor to test.
  public let description: Located<String>
  /// The owner id of who is accountable for operating it.
  public let owner: Located<String>
  /// Where it stands; implemented unless written otherwise.
  public let status: ControlStatus
  /// How often it operates.
  public let frequency: Located<Duration>
  /// The key `criteria`, when given.
  public let criteriaKey: YAMLFile.Span?
  /// The requirements it meets, one entry per framework, in the order written (`x-` keys left out).
  public let criteria: [CriteriaEntry]
  /// The ids of the policies it carries out, each located at its item.
  public let policies: [Located<String>]
  /// The key `evidence`, when given.
  public let evidenceKey: YAMLFile.Span?
  /// Its evidence items, in the order listed.
  public let evidence: [Evidence]
  /// When its design was last reviewed; nil when never.
  public let lastReviewed: Located<Day>?
  /// The day it began to operate, when given.
  public let implementedOn: Located<Day>?
  /// How often its design must be reviewed, when it says; else the configuration's interval applies.
  public let reviewInterval: Located<Duration>?
  /// `type` as written (preventive, detective, corrective), when given.
  public let type: String?
  /// `automation` as written (manual, automated, hybrid), when given.
  public let automation: String?

  /// A control from its parts.
  public init(
    file: SourceFile, document: Int, node: YAMLFile.Span, id: Located<String>, title: Located<String>,
    description: Located<String>, owner: Located<String>, status: ControlStatus, frequency: Located<Duration>,
    criteriaKey: YAMLFile.Span?, criteria: [CriteriaEntry], evidenceKey: YAMLFile.Span?, evidence: [Evidence],
    lastReviewed: Located<Day>?, reviewInterval: Located<Duration>?, implementedOn: Located<Day>? = nil,
    policies: [Located<String>] = [], type: String? = nil, automation: String? = nil
  ) {
    self.type = type
    self.automation = automation
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
    self.implementedOn = implementedOn
    self.policies = policies
  }

  /// One framework under `criteria`, with the requirement ids listed for it.
  public struct CriteriaEntry: Sendable {
    /// The framework id, located at its key under `criteria`.
    public let framework: Located<String>
    /// The requirement ids as written, each located at its item.
    public let requirements: [Located<String>]
  }

  /// Whether the control is in operation, and so counts for coverage and staleness.
  public var isImplemented: Bool { status == .implemented }
}

/// A person or team declared in an owners list.
public struct Owner: Sendable {
  /// The owners list that declares it.
  public let file: SourceFile
  /// The owner's mapping in the list.
  public let node: Node
  /// The owner id that controls, evidence and backups name.
  public let id: Located<String>
  /// The person's full name or the team's name.
  public let name: Located<String>
  /// An address that reaches the owner.
  public let email: String
  /// Whether the owner is still here (true unless written); false once they have left or the team is gone.
  public let active: Bool
  /// The owner id of who stands in when this owner is away, if given.
  public let backup: Located<String>?
  /// What they do (`role`), when given.
  public var role: String? = nil
}

/// One requirement of a catalog, such as a SOC 1 control objective.
public struct Requirement: Sendable {
  /// The id that controls list under `criteria`.
  public let id: Located<String>
  /// What the requirement asks, in one line; empty when not given.
  public let title: String
  /// The title where it is written, for findings about its wording.
  public let titleLocated: Located<String>?
  /// The word that groups it for scoping, if given.
  public let category: String?
}

/// A framework's requirements, as a catalog document declares them.
public struct Catalog: Sendable {
  /// The file that holds it.
  public let file: SourceFile
  /// The document's root mapping.
  public let node: Node
  /// The framework id that controls and the configuration use.
  public let framework: Located<String>
  /// The framework's name as readers know it.
  public let title: Located<String>
  /// The requirements, in the order written.
  public let requirements: [Requirement]
}
