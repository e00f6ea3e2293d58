import SoclintYAML

/// The typed model of a file that read clean, in `NodeArchive`'s form: what `ModelCache` keeps,
/// so that an unchanged file costs a read and a decode, not a parse, a schema check and a
/// model build.
///
/// Everything a file's reading produced is kept except what depends on other files: whether
/// evidence paths and policy documents exist is asked of the disk again on every decode,
/// exactly where the reading had asked it.
enum ModelArchive {
  /// Changes whenever the layout or the model does.
  static let formatVersion: UInt8 = 3

  /// The archive of a file's reading, or nil when the reading is not one to keep: it has a
  /// finding or a broken document, or it is the configuration.
  static func encode(_ result: ProjectLoader.FileResult) -> [UInt8]? {
    guard result.findings.isEmpty, result.broken.isEmpty, result.configRoot == nil, let file = result.file
    else { return nil }
    var w = ArchiveWriter()
    w.number(file.multilineScalars.count)
    for span in file.multilineScalars {
      w.mark(span.start)
      w.mark(span.end)
    }
    let c = result.counts
    for n in [c.files, c.controls, c.owners, c.catalogs, c.policies] { w.number(n) }
    w.number(result.controls.count)
    for control in result.controls { w.control(control) }
    w.number(result.owners.count)
    for owner in result.owners { w.owner(owner) }
    w.number(result.catalogs.count)
    for catalog in result.catalogs { w.catalog(catalog) }
    w.number(result.policies.count)
    for policy in result.policies { w.policy(policy) }
    return w.bytes
  }

  /// The reading of the file at `path` whose bytes (without a byte order mark) are `utf8`,
  /// from its archive; nil when the raw bytes are not an archive `encode` wrote.
  static func decode(
    _ raw: UnsafeRawBufferPointer, path: String, utf8: [UInt8], projectRoot: String
  ) -> ProjectLoader.FileResult? {
    var reader = ArchiveReader(bytes: raw)
    guard let spanCount = reader.count(minimumSize: 4) else { return nil }
    var spans: [YAMLFile.Span] = []
    spans.reserveCapacity(spanCount)
    for _ in 0..<spanCount {
      guard let start = reader.mark(), let end = reader.mark() else { return nil }
      spans.append(YAMLFile.Span(start: start, end: end))
    }
    let file = SourceFile(path: path, utf8: utf8, multilineScalars: spans)
    var r = ModelReader(reader: reader, projectRoot: projectRoot, file: file)
    var result = ProjectLoader.FileResult()
    result.file = file
    guard let files = r.reader.number(), let controls = r.reader.number(), let owners = r.reader.number(),
      let catalogs = r.reader.number(), let policies = r.reader.number()
    else { return nil }
    result.counts.files = files
    result.counts.controls = controls
    result.counts.owners = owners
    result.counts.catalogs = catalogs
    result.counts.policies = policies
    guard let c = r.list({ $0.control() }), let o = r.list({ $0.owner() }), let k = r.list({ $0.catalog() }),
      let p = r.list({ $0.policy() }), r.reader.isAtEnd
    else { return nil }
    result.controls = c
    result.owners = o
    result.catalogs = k
    result.policies = p
    return result
  }
}

// MARK: - Writing

extension ArchiveWriter {
  fileprivate mutating func flag(_ value: Bool) { byte(value ? 1 : 0) }

  fileprivate mutating func span(_ span: YAMLFile.Span) {
    mark(span.start)
    mark(span.end)
  }

  fileprivate mutating func optionalSpan(_ span: YAMLFile.Span?) {
    flag(span != nil)
    if let span { self.span(span) }
  }

  fileprivate mutating func place<V>(_ l: Located<V>) {
    mark(l.start)
    mark(l.end)
    string(l.pointer)
  }

  fileprivate mutating func located(_ l: Located<String>) {
    string(l.value)
    place(l)
  }

  fileprivate mutating func located(_ l: Located<Day>) {
    let (year, month, day) = Day.civil(l.value.ordinal)
    number(year)
    number(month)
    number(day)
    place(l)
  }

  fileprivate mutating func located(_ l: Located<Duration>) {
    switch l.value {
    case .continuous: byte(0)
    case .onEvent: byte(1)
    case .days(let n, let name):
      byte(2)
      number(n)
      string(name)
    case .months(let n, let name):
      byte(3)
      number(n)
      string(name)
    }
    place(l)
  }

  fileprivate mutating func optional<V>(_ l: Located<V>?, _ write: (inout ArchiveWriter, Located<V>) -> Void)
  {
    flag(l != nil)
    if let l { write(&self, l) }
  }

  fileprivate mutating func strings(_ list: [Located<String>]) {
    number(list.count)
    for l in list { located(l) }
  }

  fileprivate mutating func control(_ c: Control) {
    number(c.document)
    span(c.node)
    for l in [c.id, c.title, c.description, c.owner] { located(l) }
    string(c.status.rawValue)
    located(c.frequency)
    optionalSpan(c.criteriaKey)
    number(c.criteria.count)
    for entry in c.criteria {
      located(entry.framework)
      strings(entry.requirements)
    }
    strings(c.policies)
    optionalSpan(c.evidenceKey)
    number(c.evidence.count)
    for e in c.evidence { evidence(e) }
    optional(c.lastReviewed) { $0.located($1) }
    optional(c.reviewInterval) { $0.located($1) }
    optional(c.implementedOn) { $0.located($1) }
    optionalString(c.type)
    optionalString(c.automation)
  }

  fileprivate mutating func evidence(_ e: Evidence) {
    located(e.id)
    number(e.index)
    span(e.node)
    located(e.description)
    string(e.type)
    located(e.source)
    located(e.frequency)
    optional(e.lastCollectedField) { $0.located($1) }
    optionalSpan(e.collectedKey)
    number(e.collected.count)
    for c in e.collected {
      located(c.date)
      node(c.node)
      optionalString(c.ref)
      optional(c.path) { $0.located($1) }
      // Whether the reading asked the disk about the path; the decode asks again.
      flag(c.pathStatus != nil)
    }
    optional(e.owner) { $0.located($1) }
    optional(e.path) { $0.located($1) }
    flag(e.pathStatus != nil)
  }

  fileprivate mutating func owner(_ o: Owner) {
    node(o.node)
    located(o.id)
    located(o.name)
    string(o.email)
    flag(o.active)
    optional(o.backup) { $0.located($1) }
    optionalString(o.role)
  }

  fileprivate mutating func catalog(_ c: Catalog) {
    node(c.node)
    located(c.framework)
    located(c.title)
    number(c.requirements.count)
    for r in c.requirements {
      located(r.id)
      string(r.title)
      optional(r.titleLocated) { $0.located($1) }
      optionalString(r.category)
    }
  }

  fileprivate mutating func policy(_ p: Policy) {
    number(p.documentIndex)
    node(p.node)
    for l in [p.id, p.title, p.owner] { located(l) }
    optional(p.approver) { $0.located($1) }
    located(p.document)
    flag(p.documentStatus != nil)
    string(p.status.rawValue)
    optionalNode(p.statusNode)
    optionalString(p.version)
    optional(p.approvedOn) { $0.located($1) }
    optional(p.reviewInterval) { $0.located($1) }
  }
}

// MARK: - Reading

/// Reads the model back; every read is nil on bytes that are not what `ArchiveWriter` wrote.
private struct ModelReader {
  var reader: ArchiveReader
  let projectRoot: String
  let file: SourceFile

  mutating func list<T>(_ read: (inout ModelReader) -> T?) -> [T]? {
    guard let n = reader.count(minimumSize: 1) else { return nil }
    var items: [T] = []
    items.reserveCapacity(n)
    for _ in 0..<n {
      guard let item = read(&self) else { return nil }
      items.append(item)
    }
    return items
  }

  mutating func flag() -> Bool? {
    switch reader.byte() {
    case 0: return false
    case 1: return true
    default: return nil
    }
  }

  mutating func place<V>(_ value: V) -> Located<V>? {
    // A pointer the model writes as a literal is read back as that literal (see
    // `LiteralPointers.literal(_:)`), not decoded into a string of its own.
    guard let start = reader.mark(), let end = reader.mark(),
      let pointer = reader.string(known: LiteralPointers.literal)
    else {
      return nil
    }
    return Located(value, start: start, end: end, pointer: pointer, file: file)
  }

  mutating func string() -> Located<String>? {
    guard let value = reader.string() else { return nil }
    return place(value)
  }

  mutating func day() -> Located<Day>? {
    guard let y = reader.number(), let m = reader.number(), let d = reader.number() else { return nil }
    return place(Day(year: y, month: m, day: d))
  }

  mutating func duration() -> Located<Duration>? {
    let value: Duration
    switch reader.byte() {
    case 0: value = .continuous
    case 1: value = .onEvent
    case 2:
      guard let n = reader.number(), let name = reader.string() else { return nil }
      value = .days(n, name: name)
    case 3:
      guard let n = reader.number(), let name = reader.string() else { return nil }
      value = .months(n, name: name)
    default: return nil
    }
    return place(value)
  }

  /// An optional value: nil inside when there was none, nil outside on bad bytes.
  mutating func optional<T>(_ read: (inout ModelReader) -> T?) -> T?? {
    guard let present = flag() else { return nil }
    guard present else { return .some(nil) }
    return read(&self).map { .some($0) }
  }

  mutating func span() -> YAMLFile.Span? {
    guard let start = reader.mark(), let end = reader.mark() else { return nil }
    return YAMLFile.Span(start: start, end: end)
  }

  mutating func optionalSpan() -> YAMLFile.Span?? {
    optional { $0.span() }
  }

  mutating func control() -> Control? {
    guard let document = reader.number(), let node = span(), let id = string(), let title = string(),
      let description = string(), let owner = string(),
      let status = reader.string().flatMap(ControlStatus.init(rawValue:)), let frequency = duration(),
      let criteriaKey = optionalSpan(),
      let criteria = list({ r -> Control.CriteriaEntry? in
        guard let framework = r.string(), let requirements = r.list({ $0.string() }) else { return nil }
        return Control.CriteriaEntry(framework: framework, requirements: requirements)
      }),
      let policies = list({ $0.string() }), let evidenceKey = optionalSpan(),
      let evidence = list({ $0.evidence(implemented: status == .implemented) }),
      let lastReviewed = optional({ $0.day() }), let reviewInterval = optional({ $0.duration() }),
      let implementedOn = optional({ $0.day() }), let type = reader.optionalString(),
      let automation = reader.optionalString()
    else { return nil }
    return Control(
      file: file, document: document, node: node, id: id, title: title, description: description,
      owner: owner,
      status: status, frequency: frequency, criteriaKey: criteriaKey, criteria: criteria,
      evidenceKey: evidenceKey,
      evidence: evidence, lastReviewed: lastReviewed, reviewInterval: reviewInterval,
      implementedOn: implementedOn,
      policies: policies, type: type, automation: automation)
  }

  mutating func collection() -> Collection? {
    guard let date = day(), let node = reader.node(), let ref = reader.optionalString(),
      let path = optional({ $0.string() }), let resolved = flag()
    else { return nil }
    let status = resolved ? path.map { EvidencePathStatus.resolve($0.value, root: projectRoot) } : nil
    return Collection(date: date, node: node, ref: ref, path: path, pathStatus: status)
  }

  mutating func evidence(implemented: Bool) -> Evidence? {
    guard let id = string(), let index = reader.number(), let node = span(),
      let description = string(), let type = reader.string(),
      let source = string(), let frequency = duration(), let lastCollected = optional({ $0.day() }),
      let collectedKey = optionalSpan(), let collected = list({ $0.collection() }),
      let owner = optional({ $0.string() }), let path = optional({ $0.string() }), let resolved = flag()
    else { return nil }
    let status = resolved ? path.map { EvidencePathStatus.resolve($0.value, root: projectRoot) } : nil
    return Evidence(
      id: id, index: index, node: node, description: description, type: type,
      source: source,
      frequency: frequency, lastCollected: lastCollected, owner: owner, path: path, pathStatus: status,
      collectedKey: collectedKey, collected: collected)
  }

  mutating func owner() -> Owner? {
    guard let node = reader.node(), let id = string(), let name = string(), let email = reader.string(),
      let active = flag(), let backup = optional({ $0.string() }), let role = reader.optionalString()
    else { return nil }
    return Owner(
      file: file, node: node, id: id, name: name, email: email, active: active, backup: backup, role: role)
  }

  mutating func catalog() -> Catalog? {
    guard let node = reader.node(), let framework = string(), let title = string(),
      let requirements = list({ r -> Requirement? in
        guard let id = r.string(), let title = r.reader.string(), let located = r.optional({ $0.string() }),
          let category = r.reader.optionalString()
        else { return nil }
        return Requirement(id: id, title: title, titleLocated: located, category: category)
      })
    else { return nil }
    return Catalog(file: file, node: node, framework: framework, title: title, requirements: requirements)
  }

  mutating func policy() -> Policy? {
    guard let index = reader.number(), let node = reader.node(), let id = string(), let title = string(),
      let owner = string(), let approver = optional({ $0.string() }), let document = string(),
      let resolved = flag(), let status = reader.string().flatMap(PolicyStatus.init(rawValue:)),
      let statusNode = reader.optionalNode(), let version = reader.optionalString(),
      let approvedOn = optional({ $0.day() }), let reviewInterval = optional({ $0.duration() })
    else { return nil }
    return Policy(
      file: file, documentIndex: index, node: node, id: id, title: title, owner: owner, approver: approver,
      document: document,
      documentStatus: resolved ? DocumentPathStatus.resolve(document.value, root: projectRoot) : nil,
      status: status, statusNode: statusNode, version: version, approvedOn: approvedOn,
      reviewInterval: reviewInterval)
  }
}
