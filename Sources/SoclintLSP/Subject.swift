import SoclintDiagnostics
import SoclintModel
import SoclintRules

/// What a word in a document names, for hover and go to definition.
enum Subject: Equatable {
  case owner(String)
  case requirement(framework: String, id: String)
  case framework(String)
  case rule(String)
  /// A policy id (`policies:` of a control, `kind: policy` documents). The policy model is not
  /// on this branch yet (FORMAT 1.1); hover and definition answer nothing for it until it is.
  case policy(String)

  static let ownerKeys: Set<String> = ["owner", "backup", "approver"]

  init?(_ cursor: CursorContext, reader: YAMLLineReader, isConfiguration: Bool) {
    let word = cursor.word
    guard !word.isEmpty else { return nil }
    let keys = cursor.keys
    switch cursor.place {
    case .suppressionRules:
      self = .rule(word)
    case .comment:
      return nil
    case .key:
      if isConfiguration && keys.count == 2 && keys[0] == "rules" {
        self = .rule(word)
      } else if keys.count == 2 && (keys[0] == "criteria" || (isConfiguration && keys[0] == "frameworks")) {
        self = .framework(word)
      } else {
        return nil
      }
    case .value:
      if let key = cursor.key, Subject.ownerKeys.contains(key) {
        self = .owner(word)
      } else if cursor.kind == "owners" && keys == ["owners", "id"] {
        self = .owner(word)
      } else if keys.count == 2 && keys[0] == "criteria" {
        self = .requirement(framework: keys[1], id: word)
      } else if cursor.kind == "catalog" && keys == ["requirements", "id"],
        let framework = reader.topLevelValue("framework", around: cursor.line)
      {
        self = .requirement(framework: framework, id: word)
      } else if cursor.kind == "catalog" && keys == ["framework"] {
        self = .framework(word)
      } else if keys.last == "policies" || (cursor.kind == "policy" && keys == ["id"]) {
        self = .policy(word)
      } else {
        return nil
      }
    }
  }
}

/// The answers about the project's names, from its last judgement.
struct ProjectKnowledge {
  let project: ProjectState
  let context: LintContext

  func hover(_ subject: Subject) -> String? {
    switch subject {
    case .owner(let id): return ownerHover(id)
    case .requirement(let framework, let id): return requirementHover(framework, id)
    case .framework(let id): return frameworkHover(id)
    case .rule(let name): return ruleHover(name)
    case .policy(let id): return policyHover(id)
    }
  }

  func ownerHover(_ id: String) -> String? {
    guard let owner = context.owners[id] else { return nil }
    var lines = ["**\(id)** · \(owner.name.value)", owner.email]
    if let role = owner.node["role"]?.string { lines[1] += " · " + role }
    if !owner.active { lines.append("has left (active: false)") }
    if let backup = owner.backup?.value { lines.append("backup: \(backup)") }
    let controls = context.project.controls.filter { $0.owner.value == id }.map(\.id.value)
    let evidence = context.project.controls.flatMap { control in
      control.evidence.filter { $0.owner?.value == id }.map { "\(control.id.value) \($0.id.value)" }
    }
    let backs = context.project.owners.filter { $0.backup?.value == id }.map(\.id.value)
    lines.append(controls.isEmpty ? "owns no control" : "owns " + ProjectKnowledge.list(controls))
    if !evidence.isEmpty { lines.append("collects the evidence " + ProjectKnowledge.list(evidence)) }
    if !backs.isEmpty { lines.append("backs up " + ProjectKnowledge.list(backs)) }
    return lines.joined(separator: "\n\n")
  }

  func requirementHover(_ frameworkID: String, _ id: String) -> String? {
    guard let framework = context.frameworks[frameworkID], let requirement = framework.requirement(id) else {
      return nil
    }
    var lines = ["**\(id)** · \(framework.title) (\(framework.id))"]
    if !requirement.title.isEmpty { lines.append(requirement.title) }
    let scope: String
    switch context.scope(of: requirement, in: framework) {
    case .inScope: scope = "in scope"
    case .excluded(let reason): scope = "excluded: \(reason)"
    case .frameworkNotInScope: scope = "out of scope: the configuration does not name \(framework.id)"
    case .categoryNotInScope(let category):
      scope =
        "out of scope: "
        + (category.map { "category \($0) is not in scope" } ?? "it has no category in scope")
    }
    lines.append("category: \(requirement.category ?? "none") · \(scope)")
    let mapping = context.mappings(of: framework)[id]
    let implemented = mapping?.implemented.map(\.id.value) ?? []
    let planned = mapping?.planned.map(\.control.id.value) ?? []
    if implemented.isEmpty && planned.isEmpty {
      lines.append("mapped by no control")
    } else {
      var parts: [String] = []
      if !implemented.isEmpty { parts.append(ProjectKnowledge.list(implemented) + " (implemented)") }
      if !planned.isEmpty { parts.append(ProjectKnowledge.list(planned) + " (planned)") }
      lines.append("mapped by " + parts.joined(separator: "; "))
    }
    return lines.joined(separator: "\n\n")
  }

  func frameworkHover(_ id: String) -> String? {
    guard let framework = context.frameworks[id] else { return nil }
    let origin = framework.catalog == nil ? "built in" : "catalog \(framework.catalog!.file.path)"
    return "**\(id)** · \(framework.title)\n\n\(framework.requirements.count) requirements, \(origin)"
  }

  func ruleHover(_ name: String) -> String? {
    guard let description = Registry.description(of: name) else { return nil }
    return "**\(name)** · \(description.severity.rawValue)\n\n\(description.summary)"
  }

  /// The hook for policies: a policy's title, status and next review once the policy model
  /// (FORMAT 1.1 `kind: policy`) is on this branch.
  func policyHover(_ id: String) -> String? { nil }

  /// Where a name is declared.
  func definition(_ subject: Subject) -> (path: String, range: SoclintDiagnostics.SourceRange)? {
    switch subject {
    case .owner(let id):
      guard let owner = context.owners[id] else { return nil }
      return (owner.id.file.path, owner.id.range)
    case .requirement(let frameworkID, let id):
      guard let catalog = context.frameworks[frameworkID]?.catalog,
        let requirement = catalog.requirements.first(where: { $0.id.value == id })
      else { return nil }
      return (catalog.file.path, requirement.id.range)
    case .framework(let id):
      guard let catalog = context.frameworks[id]?.catalog else { return nil }
      return (catalog.file.path, catalog.framework.range)
    case .rule, .policy:
      // Rules are declared in soclint itself; policies: the hook above.
      return nil
    }
  }

  /// At most twelve names, then how many more.
  static func list(_ names: [String]) -> String {
    let shown = names.prefix(12).joined(separator: ", ")
    return names.count > 12 ? shown + " and \(names.count - 12) more" : shown
  }
}
