import SoclintYAML

/// An evidence item of a control, by the ids that name it across a file's past.
public struct EvidenceKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The control's id.
  public let control: String
  /// The evidence item's id.
  public let evidence: String

  /// The key of evidence `evidence` of control `control`.
  public init(control: String, evidence: String) {
    self.control = control
    self.evidence = evidence
  }

  /// By control, then evidence, in byte order.
  public static func < (a: EvidenceKey, b: EvidenceKey) -> Bool {
    if a.control != b.control { return a.control.utf8.lexicographicallyPrecedes(b.control.utf8) }
    return a.evidence.utf8.lexicographicallyPrecedes(b.evidence.utf8)
  }

  /// `AC-01/review-ticket`.
  public var description: String { "\(control)/\(evidence)" }
}

/// Reads what `soclint history --from-git` recovers from one version of a control file: the
/// `last_collected` of each evidence item, and the dates its `collected` list already holds.
/// A version that does not parse, or a document that is not a control, gives nothing: the past
/// may hold broken commits, and they are simply passed over.
public enum CollectionHistory {
  /// The `last_collected` date of every evidence item of every control document in `bytes`.
  public static func lastCollected(in bytes: [UInt8]) -> [EvidenceKey: Day] {
    var out: [EvidenceKey: Day] = [:]
    forEachItem(in: bytes) { key, item in
      if let text = item["last_collected"]?.string, let day = Day(text) { out[key] = day }
    }
    return out
  }

  /// The dates each evidence item's `collected` list holds.
  public static func collected(in bytes: [UInt8]) -> [EvidenceKey: [Day]] {
    var out: [EvidenceKey: [Day]] = [:]
    forEachItem(in: bytes) { key, item in
      out[key] = (item["collected"]?.sequence ?? []).compactMap(date(of:))
    }
    return out
  }

  /// The date of one `collected` entry: a date, or a mapping's `date`.
  static func date(of entry: Node) -> Day? {
    (entry.string ?? entry["date"]?.string).flatMap(Day.init)
  }

  static func forEachItem(in bytes: [UInt8], _ body: (EvidenceKey, Node) -> Void) {
    let yaml = YAMLLoader().load(bytes)
    guard yaml.fatalProblem == nil else { return }
    for document in yaml.documents {
      let root = document.root
      guard root["kind"]?.string == "control", let control = root["id"]?.string else { continue }
      for item in root["evidence"]?.sequence ?? [] {
        guard let evidence = item["id"]?.string else { continue }
        body(EvidenceKey(control: control, evidence: evidence), item)
      }
    }
  }
}
