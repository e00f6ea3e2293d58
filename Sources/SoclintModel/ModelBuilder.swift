import SoclintSchema
import SoclintYAML

/// Builds typed model values from documents that passed their schema, so the unwrapping here
/// cannot fail on shape; it still degrades gracefully rather than trapping.
enum ModelBuilder {
  static func string(_ root: Node, _ key: String, _ pointer: String, _ file: SourceFile) -> Located<String>? {
    guard let node = root[key], let s = node.scalar else { return nil }
    return Located(s.text, node: node, pointer: JSONPointer.appending(key, to: pointer), file: file)
  }

  /// The string at `key`, located at `pointer`, the pointer of the value itself (a literal, not
  /// built: see `EvidencePointer`).
  static func string(_ root: Node, _ key: String, at pointer: String, _ file: SourceFile) -> Located<String>?
  {
    guard let node = root[key], let s = node.scalar else { return nil }
    return Located(s.text, node: node, pointer: pointer, file: file)
  }

  static func day(_ root: Node, _ key: String, _ pointer: String, _ file: SourceFile) -> Located<Day>? {
    guard let node = root[key], let text = node.string, let d = Day(text) else { return nil }
    return Located(d, node: node, pointer: JSONPointer.appending(key, to: pointer), file: file)
  }

  static func day(_ root: Node, _ key: String, at pointer: String, _ file: SourceFile) -> Located<Day>? {
    guard let node = root[key], let text = node.string, let d = Day(text) else { return nil }
    return Located(d, node: node, pointer: pointer, file: file)
  }

  static func duration(
    _ root: Node, _ key: String, at pointer: String, _ file: SourceFile
  ) -> Located<Duration>? {
    guard let node = root[key], let text = node.string, let d = Duration(text) else { return nil }
    return Located(d, node: node, pointer: pointer, file: file)
  }

  /// A control; the paths of its evidence are resolved under `projectRoot` when it is
  /// implemented (only implemented controls are checked for their evidence files).
  static func control(_ root: Node, document: Int, file: SourceFile, projectRoot: String?) -> Control? {
    guard let id = string(root, "id", at: "/id", file), let title = string(root, "title", at: "/title", file),
      let description = string(root, "description", at: "/description", file),
      let owner = string(root, "owner", at: "/owner", file),
      let frequency = duration(root, "frequency", at: "/frequency", file)
    else { return nil }
    var criteria: [Control.CriteriaEntry] = []
    let criteriaPair = root.pair("criteria")
    for pair in criteriaPair?.value.mapping ?? [] {
      guard let framework = pair.keyText, !framework.hasPrefix("x-") else { continue }
      let pointer = JSONPointer.appending(JSONPointer.escape(framework), to: "/criteria")
      let requirements = (pair.value.sequence ?? []).enumerated().compactMap { (i, n) -> Located<String>? in
        n.scalar.map {
          Located(
            $0.text, node: n,
            pointer: CriterionPointer.of(item: i, framework: framework, frameworkPointer: pointer),
            file: file)
        }
      }
      criteria.append(
        Control.CriteriaEntry(
          framework: Located(framework, start: pair.keyStart, end: pair.keyEnd, pointer: pointer, file: file),
          requirements: requirements))
    }
    let status = root["status"]?.string.flatMap(ControlStatus.init(rawValue:)) ?? .implemented
    let evidencePair = root.pair("evidence")
    var evidence: [Evidence] = []
    for (i, item) in (evidencePair?.value.sequence ?? []).enumerated() {
      guard let eid = string(item, "id", at: EvidencePointer.of(.id, item: i), file),
        let desc = string(item, "description", at: EvidencePointer.of(.description, item: i), file),
        let source = string(item, "source", at: EvidencePointer.of(.source, item: i), file),
        let freq = duration(item, "frequency", at: EvidencePointer.of(.frequency, item: i), file)
      else { continue }
      let path = string(item, "path", at: EvidencePointer.of(.path, item: i), file)
      let pathStatus =
        status == .implemented
        ? path.flatMap { path in
          projectRoot.map { EvidencePathStatus.resolve(path.value, root: $0) }
        } : nil
      let collectedPair = item.pair("collected")
      evidence.append(
        Evidence(
          id: eid, index: i, node: YAMLFile.Span(item), description: desc,
          type: item["type"]?.string ?? "",
          source: source, frequency: freq,
          lastCollected: day(item, "last_collected", at: EvidencePointer.of(.lastCollected, item: i), file),
          owner: string(item, "owner", at: EvidencePointer.of(.owner, item: i), file), path: path,
          pathStatus: pathStatus,
          collectedKey: collectedPair?.keySpan,
          collected: collections(
            collectedPair?.value, EvidencePointer.of(.collected, item: i), file,
            resolveUnder: status == .implemented ? projectRoot : nil)))
    }
    return Control(
      file: file, document: document, node: YAMLFile.Span(root), id: id, title: title,
      description: description,
      owner: owner,
      status: status,
      frequency: frequency, criteriaKey: criteriaPair?.keySpan, criteria: criteria,
      evidenceKey: evidencePair?.keySpan,
      evidence: evidence, lastReviewed: day(root, "last_reviewed", at: "/last_reviewed", file),
      reviewInterval: duration(root, "review_interval", at: "/review_interval", file),
      implementedOn: day(root, "implemented_on", at: "/implemented_on", file),
      policies: policyIDs(root, file: file),
      type: root["type"]?.string, automation: root["automation"]?.string)
  }

  /// The entries of a `collected` list: dates, or mappings with a date, ref and path. Paths are
  /// resolved under `root` when given (the evidence of implemented controls).
  static func collections(
    _ list: Node?, _ pointer: String, _ file: SourceFile, resolveUnder root: String?
  )
    -> [Collection]
  {
    (list?.sequence ?? []).enumerated().compactMap { (i, entry) -> Collection? in
      let p = JSONPointer.appending(index: i, to: pointer)
      if let text = entry.string, let d = Day(text) {
        return Collection(
          date: Located(d, node: entry, pointer: p, file: file), node: entry, ref: nil, path: nil,
          pathStatus: nil)
      }
      guard let date = day(entry, "date", p, file) else { return nil }
      let path = string(entry, "path", p, file)
      return Collection(
        date: date, node: entry.detached, ref: entry["ref"]?.string, path: path,
        pathStatus: path.flatMap { path in root.map { EvidencePathStatus.resolve(path.value, root: $0) } })
    }
  }

  static func policyIDs(_ root: Node, file: SourceFile) -> [Located<String>] {
    (root["policies"]?.sequence ?? []).enumerated().compactMap { (i, n) in
      n.scalar.map {
        Located($0.text, node: n, pointer: JSONPointer.appending(index: i, to: "/policies"), file: file)
      }
    }
  }

  /// A policy; its document is resolved under `projectRoot` unless it is retired (a retired
  /// policy is checked for structure only).
  static func policy(_ root: Node, document: Int, file: SourceFile, projectRoot: String?) -> Policy? {
    guard let id = string(root, "id", "", file), let title = string(root, "title", "", file),
      let owner = string(root, "owner", "", file), let path = string(root, "document", "", file)
    else { return nil }
    let status = root["status"]?.string.flatMap(PolicyStatus.init(rawValue:)) ?? .approved
    let documentStatus =
      status == .retired ? nil : projectRoot.map { DocumentPathStatus.resolve(path.value, root: $0) }
    return Policy(
      file: file, documentIndex: document, node: root.detached, id: id, title: title, owner: owner,
      approver: string(root, "approver", "", file), document: path, documentStatus: documentStatus,
      status: status, statusNode: root["status"], version: root["version"]?.string,
      approvedOn: day(root, "approved_on", "", file),
      reviewInterval: duration(root, "review_interval", at: "/review_interval", file))
  }

  static func owners(_ root: Node, file: SourceFile) -> [Owner] {
    (root["owners"]?.sequence ?? []).enumerated().compactMap { (i, item) -> Owner? in
      let p = JSONPointer.appending(index: i, to: "/owners")
      guard let id = string(item, "id", p, file), let name = string(item, "name", p, file) else { return nil }
      let active: Bool
      if case .bool(let b)? = item["active"]?.scalar?.value { active = b } else { active = true }
      return Owner(
        file: file, node: item.detached, id: id, name: name, email: item["email"]?.string ?? "",
        active: active, backup: string(item, "backup", p, file), role: item["role"]?.string)
    }
  }

  static func catalog(_ root: Node, file: SourceFile) -> Catalog? {
    guard let framework = string(root, "framework", "", file), let title = string(root, "title", "", file)
    else {
      return nil
    }
    let requirements = (root["requirements"]?.sequence ?? []).enumerated().compactMap {
      (i, item) -> Requirement? in
      let p = JSONPointer.appending(index: i, to: "/requirements")
      guard let id = string(item, "id", p, file) else { return nil }
      let title = string(item, "title", p, file)
      return Requirement(
        id: id, title: title?.value ?? "", titleLocated: title, category: item["category"]?.string)
    }
    return Catalog(
      file: file, node: root.detached, framework: framework, title: title, requirements: requirements)
  }
}
