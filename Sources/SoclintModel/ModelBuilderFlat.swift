import SoclintSchema
import SoclintYAML

/// The model of a control read flat (`FlatYAML`): what `ModelBuilder.control` builds from the
/// document's nodes, read from the flat arrays instead. A test holds the two to the same
/// model for every control of the fixtures and the example.
extension ModelBuilder {
  static func string(
    _ yaml: FlatYAML, _ mapping: Int32, _ key: FlatYAML.Key, at pointer: String, _ file: SourceFile
  )
    -> Located<String>?
  {
    guard let index = yaml.value(key, in: mapping), let s = yaml.values[Int(index)].scalar else { return nil }
    return Located(
      s.text, start: yaml.values[Int(index)].start, end: yaml.values[Int(index)].end, pointer: pointer,
      file: file)
  }

  static func day(
    _ yaml: FlatYAML, _ mapping: Int32, _ key: FlatYAML.Key, at pointer: String, _ file: SourceFile
  )
    -> Located<Day>?
  {
    guard let index = yaml.value(key, in: mapping), let text = yaml.string(index), let d = Day(text) else {
      return nil
    }
    return Located(
      d, start: yaml.values[Int(index)].start, end: yaml.values[Int(index)].end, pointer: pointer, file: file)
  }

  static func duration(
    _ yaml: FlatYAML, _ mapping: Int32, _ key: FlatYAML.Key, at pointer: String, _ file: SourceFile
  ) -> Located<Duration>? {
    guard let index = yaml.value(key, in: mapping), let text = yaml.string(index), let d = Duration(text)
    else {
      return nil
    }
    return Located(
      d, start: yaml.values[Int(index)].start, end: yaml.values[Int(index)].end, pointer: pointer, file: file)
  }

  /// The scalars of the sequence at `index` as located strings, each at the pointer `pointer`
  /// gives for its position.
  static func scalars(
    _ yaml: FlatYAML, _ index: Int32?, _ file: SourceFile, pointer: (Int) -> String
  ) -> [Located<String>] {
    guard let index else { return [] }
    let items = yaml.itemIndices(index)
    // The list gets its room at once: grown one doubling at a time, each list of every control
    // was allocated and copied two or three times.
    var out: [Located<String>] = []
    out.reserveCapacity(items.count)
    for (i, item) in items.enumerated() {
      guard let s = yaml.values[Int(item)].scalar else { continue }
      out.append(
        Located(
          s.text, start: yaml.values[Int(item)].start, end: yaml.values[Int(item)].end, pointer: pointer(i),
          file: file))
    }
    return out
  }

  static func span(_ yaml: FlatYAML, _ index: Int32) -> YAMLFile.Span {
    YAMLFile.Span(start: yaml.values[Int(index)].start, end: yaml.values[Int(index)].end)
  }

  /// A control from the document whose root is at `root`; see `control(_:document:file:projectRoot:)`.
  static func control(
    _ yaml: FlatYAML, root: Int32, document: Int, file: SourceFile, projectRoot: String?
  ) -> Control? {
    let k = FieldKeys.all
    guard let id = string(yaml, root, k.id, at: "/id", file),
      let title = string(yaml, root, k.title, at: "/title", file),
      let description = string(yaml, root, k.description, at: "/description", file),
      let owner = string(yaml, root, k.owner, at: "/owner", file),
      let frequency = duration(yaml, root, k.frequency, at: "/frequency", file)
    else { return nil }
    var criteria: [Control.CriteriaEntry] = []
    let criteriaPair = yaml.pair(k.criteria, in: root)
    if let criteriaPair, yaml.values[Int(criteriaPair.value)].isMapping {
      let first = Int(yaml.values[Int(criteriaPair.value)].first)
      criteria.reserveCapacity(Int(yaml.values[Int(criteriaPair.value)].count))
      for i in first..<first + Int(yaml.values[Int(criteriaPair.value)].count) {
        let pair = yaml.pairs[i]
        let framework = yaml.keyText(pair)
        guard !framework.hasPrefix("x-") else { continue }
        let pointer = JSONPointer.appending(JSONPointer.escape(framework), to: "/criteria")
        let requirements = scalars(yaml, pair.value, file) {
          CriterionPointer.of(item: $0, framework: framework, frameworkPointer: pointer)
        }
        criteria.append(
          Control.CriteriaEntry(
            framework: Located(
              framework, start: pair.keyStart, end: pair.keyEnd, pointer: pointer, file: file),
            requirements: requirements))
      }
    }
    let status =
      yaml.value(k.status, in: root).flatMap(yaml.string).flatMap(ControlStatus.init(rawValue:))
      ?? .implemented
    let evidencePair = yaml.pair(k.evidence, in: root)
    var evidence: [Evidence] = []
    let items = evidencePair.map { yaml.itemIndices($0.value) } ?? UnsafeBufferPointer(start: nil, count: 0)
    evidence.reserveCapacity(items.count)
    for i in items.indices {
      if let e = self.evidence(yaml, items[i], i, file, status: status, projectRoot: projectRoot) {
        evidence.append(e)
      }
    }
    return Control(
      file: file, document: document, node: span(yaml, root), id: id, title: title, description: description,
      owner: owner, status: status, frequency: frequency,
      criteriaKey: criteriaPair.map { YAMLFile.Span(start: $0.keyStart, end: $0.keyEnd) }, criteria: criteria,
      evidenceKey: evidencePair.map { YAMLFile.Span(start: $0.keyStart, end: $0.keyEnd) }, evidence: evidence,
      lastReviewed: day(yaml, root, k.lastReviewed, at: "/last_reviewed", file),
      reviewInterval: duration(yaml, root, k.reviewInterval, at: "/review_interval", file),
      implementedOn: day(yaml, root, k.implementedOn, at: "/implemented_on", file),
      policies: scalars(yaml, yaml.value(k.policies, in: root), file) {
        JSONPointer.appending(index: $0, to: "/policies")
      },
      type: yaml.value(k.type, in: root).flatMap(yaml.string),
      automation: yaml.value(k.automation, in: root).flatMap(yaml.string))
  }

  /// Evidence item `i`, at `item`.
  static func evidence(
    _ yaml: FlatYAML, _ item: Int32, _ i: Int, _ file: SourceFile, status: ControlStatus, projectRoot: String?
  ) -> Evidence? {
    let k = FieldKeys.all
    guard let eid = string(yaml, item, k.id, at: EvidencePointer.of(.id, item: i), file),
      let desc = string(yaml, item, k.description, at: EvidencePointer.of(.description, item: i), file),
      let source = string(yaml, item, k.source, at: EvidencePointer.of(.source, item: i), file),
      let freq = duration(yaml, item, k.frequency, at: EvidencePointer.of(.frequency, item: i), file)
    else { return nil }
    let path = string(yaml, item, k.path, at: EvidencePointer.of(.path, item: i), file)
    let pathStatus =
      status == .implemented
      ? path.flatMap { path in projectRoot.map { EvidencePathStatus.resolve(path.value, root: $0) } } : nil
    let collectedPair = yaml.pair(k.collected, in: item)
    return Evidence(
      id: eid, index: i, node: span(yaml, item),
      description: desc, type: yaml.value(k.type, in: item).flatMap(yaml.string) ?? "", source: source,
      frequency: freq,
      lastCollected: day(yaml, item, k.lastCollected, at: EvidencePointer.of(.lastCollected, item: i), file),
      owner: string(yaml, item, k.owner, at: EvidencePointer.of(.owner, item: i), file), path: path,
      pathStatus: pathStatus,
      collectedKey: collectedPair.map { YAMLFile.Span(start: $0.keyStart, end: $0.keyEnd) },
      collected: collections(
        collectedPair.map { yaml.node(at: $0.value) }, EvidencePointer.of(.collected, item: i), file,
        resolveUnder: status == .implemented ? projectRoot : nil))
  }
}

/// The keys the flat model builder reads, each with its byte count and first eight bytes found
/// once per process instead of at every lookup (about thirty lookups a control).
struct FieldKeys: Sendable {
  static let all = FieldKeys()

  let id = FlatYAML.Key("id"), title = FlatYAML.Key("title"), description = FlatYAML.Key("description")
  let owner = FlatYAML.Key("owner"), frequency = FlatYAML.Key("frequency"),
    criteria = FlatYAML.Key("criteria")
  let status = FlatYAML.Key("status"), evidence = FlatYAML.Key("evidence")
  let lastReviewed = FlatYAML.Key("last_reviewed"), reviewInterval = FlatYAML.Key("review_interval")
  let implementedOn = FlatYAML.Key("implemented_on"), policies = FlatYAML.Key("policies")
  let type = FlatYAML.Key("type"), automation = FlatYAML.Key("automation"), source = FlatYAML.Key("source")
  let path = FlatYAML.Key("path"), collected = FlatYAML.Key("collected")
  let lastCollected = FlatYAML.Key("last_collected"), kind = FlatYAML.Key("kind")
}
