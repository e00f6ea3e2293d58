import SoclintSchema
import SoclintYAML

/// The model of a control read flat (`FlatYAML`): what `ModelBuilder.control` builds from the
/// document's nodes, read from the flat arrays instead. A test holds the two to the same
/// model for every control of the fixtures and the example.
extension ModelBuilder {
  /// The string at `index` (a field's value), located at `pointer`.
  static func string(
    _ yaml: FlatYAML, _ index: Int32?, at pointer: String, _ file: SourceFile
  ) -> Located<String>? {
    guard let index, let s = yaml.values[Int(index)].scalar else { return nil }
    return Located(
      s.text, start: yaml.values[Int(index)].start, end: yaml.values[Int(index)].end, pointer: pointer,
      file: file)
  }

  /// The day at `index` (a field's value), located at `pointer`.
  static func day(_ yaml: FlatYAML, _ index: Int32?, at pointer: String, _ file: SourceFile) -> Located<Day>?
  {
    guard let index, let text = yaml.string(index), let d = Day(text) else { return nil }
    return Located(
      d, start: yaml.values[Int(index)].start, end: yaml.values[Int(index)].end, pointer: pointer, file: file)
  }

  /// The duration at `index` (a field's value), located at `pointer`.
  static func duration(
    _ yaml: FlatYAML, _ index: Int32?, at pointer: String, _ file: SourceFile
  ) -> Located<Duration>? {
    guard let index, let text = yaml.string(index), let d = Duration(text) else { return nil }
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
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: ControlField.table.keys.count) { found in
      yaml.find(ControlField.table, in: root, found)
      return control(
        yaml, Fields(yaml: yaml, found: found), root: root, document: document, file: file,
        projectRoot: projectRoot)
    }
  }

  private static func control(
    _ yaml: FlatYAML, _ f: Fields, root: Int32, document: Int, file: SourceFile, projectRoot: String?
  ) -> Control? {
    guard let id = string(yaml, f.value(ControlField.id), at: "/id", file),
      let title = string(yaml, f.value(ControlField.title), at: "/title", file),
      let description = string(yaml, f.value(ControlField.description), at: "/description", file),
      let owner = string(yaml, f.value(ControlField.owner), at: "/owner", file),
      let frequency = duration(yaml, f.value(ControlField.frequency), at: "/frequency", file)
    else { return nil }
    var criteria: [Control.CriteriaEntry] = []
    let criteriaPair = f.pair(ControlField.criteria)
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
      f.value(ControlField.status).flatMap(yaml.string).flatMap(ControlStatus.init(rawValue:)) ?? .implemented
    let evidencePair = f.pair(ControlField.evidence)
    var evidence: [Evidence] = []
    let items = evidencePair.map { yaml.itemIndices($0.value) } ?? UnsafeBufferPointer(start: nil, count: 0)
    evidence.reserveCapacity(items.count)
    if !items.isEmpty {
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: EvidenceField.table.keys.count) { found in
        for i in items.indices {
          yaml.find(EvidenceField.table, in: items[i], found)
          let e = self.evidence(
            yaml, Fields(yaml: yaml, found: found), items[i], i, file, status: status,
            projectRoot: projectRoot)
          if let e { evidence.append(e) }
        }
      }
    }
    return Control(
      file: file, document: document, node: span(yaml, root), id: id, title: title, description: description,
      owner: owner, status: status, frequency: frequency,
      criteriaKey: criteriaPair.map { YAMLFile.Span(start: $0.keyStart, end: $0.keyEnd) }, criteria: criteria,
      evidenceKey: evidencePair.map { YAMLFile.Span(start: $0.keyStart, end: $0.keyEnd) }, evidence: evidence,
      lastReviewed: day(yaml, f.value(ControlField.lastReviewed), at: "/last_reviewed", file),
      reviewInterval: duration(yaml, f.value(ControlField.reviewInterval), at: "/review_interval", file),
      implementedOn: day(yaml, f.value(ControlField.implementedOn), at: "/implemented_on", file),
      policies: scalars(yaml, f.value(ControlField.policies), file) {
        JSONPointer.appending(index: $0, to: "/policies")
      },
      type: f.value(ControlField.type).flatMap(yaml.string),
      automation: f.value(ControlField.automation).flatMap(yaml.string))
  }

  /// Evidence item `i`, at `item`, whose fields are `f`.
  private static func evidence(
    _ yaml: FlatYAML, _ f: Fields, _ item: Int32, _ i: Int, _ file: SourceFile, status: ControlStatus,
    projectRoot: String?
  ) -> Evidence? {
    guard let eid = string(yaml, f.value(EvidenceField.id), at: EvidencePointer.of(.id, item: i), file),
      let desc = string(
        yaml, f.value(EvidenceField.description), at: EvidencePointer.of(.description, item: i), file),
      let source = string(
        yaml, f.value(EvidenceField.source), at: EvidencePointer.of(.source, item: i), file),
      let freq = duration(
        yaml, f.value(EvidenceField.frequency), at: EvidencePointer.of(.frequency, item: i), file)
    else { return nil }
    let path = string(yaml, f.value(EvidenceField.path), at: EvidencePointer.of(.path, item: i), file)
    let pathStatus =
      status == .implemented
      ? path.flatMap { path in projectRoot.map { EvidencePathStatus.resolve(path.value, root: $0) } } : nil
    let collectedPair = f.pair(EvidenceField.collected)
    return Evidence(
      id: eid, index: i, node: span(yaml, item),
      description: desc, type: f.value(EvidenceField.type).flatMap(yaml.string) ?? "", source: source,
      frequency: freq,
      lastCollected: day(
        yaml, f.value(EvidenceField.lastCollected), at: EvidencePointer.of(.lastCollected, item: i), file),
      owner: string(yaml, f.value(EvidenceField.owner), at: EvidencePointer.of(.owner, item: i), file),
      path: path,
      pathStatus: pathStatus,
      collectedKey: collectedPair.map { YAMLFile.Span(start: $0.keyStart, end: $0.keyEnd) },
      collected: collections(
        collectedPair.map { yaml.node(at: $0.value) }, EvidencePointer.of(.collected, item: i), file,
        resolveUnder: status == .implemented ? projectRoot : nil))
  }
}

/// The pairs of one mapping found for the keys of a `FlatYAML.KeyTable`, by the key's position
/// in the table.
struct Fields {
  let yaml: FlatYAML
  let found: UnsafeMutableBufferPointer<Int32>

  /// The pair of the key at `position`, when the mapping has it.
  func pair(_ position: Int) -> FlatYAML.Pair? {
    found[position] < 0 ? nil : yaml.pairs[Int(found[position])]
  }

  /// The value of the key at `position`, when the mapping has it.
  func value(_ position: Int) -> Int32? {
    found[position] < 0 ? nil : yaml.pairs[Int(found[position])].value
  }
}

/// The fields of a control the flat model builder reads, by their position in `table`.
enum ControlField {
  static let table = FlatYAML.KeyTable([
    "id", "title", "description", "owner", "frequency", "criteria", "status", "evidence", "last_reviewed",
    "review_interval", "implemented_on", "policies", "type", "automation",
  ])
  static let id = 0, title = 1, description = 2, owner = 3, frequency = 4, criteria = 5, status = 6
  static let evidence = 7, lastReviewed = 8, reviewInterval = 9, implementedOn = 10, policies = 11
  static let type = 12, automation = 13
}

/// The fields of an evidence item the flat model builder reads, by their position in `table`.
enum EvidenceField {
  static let table = FlatYAML.KeyTable([
    "id", "description", "source", "frequency", "path", "collected", "type", "last_collected", "owner",
  ])
  static let id = 0, description = 1, source = 2, frequency = 3, path = 4, collected = 5, type = 6
  static let lastCollected = 7, owner = 8
}
