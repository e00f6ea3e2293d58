import SoclintDiagnostics
import SoclintModel
import SoclintRules

/// What a word in a document names, for hover and go to definition.
enum Subject: Equatable {
  case owner(String)
  case requirement(framework: String, id: String)
  case framework(String)
  case rule(String)
  /// A policy id: under a control's `policies`, or the `id` of a `kind: policy` document.
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
    if let role = owner.role { lines[1] += " · " + role }
    if !owner.active { lines.append("has left (active: false)") }
    if let backup = owner.backup?.value { lines.append("backup: \(backup)") }
    let controls = context.project.controls.filter { $0.owner.value == id }.map(\.id.value)
    let evidence = context.project.controls.flatMap { control in
      control.evidence.filter { $0.owner?.value == id }.map { "\(control.id.value) \($0.id.value)" }
    }
    let backs = context.project.owners.filter { $0.backup?.value == id }.map(\.id.value)
    lines.append(controls.isEmpty ? "owns no control" : "owns " + ProjectKnowledge.list(controls))
    if !evidence.isEmpty { lines.append("collects the evidence " + ProjectKnowledge.list(evidence)) }
    let policies = context.project.policies
    let owned = policies.filter { $0.owner.value == id }.map(\.id.value)
    let approved = policies.filter { $0.approver?.value == id }.map(\.id.value)
    if !owned.isEmpty { lines.append("owns the policies " + ProjectKnowledge.list(owned)) }
    if !approved.isEmpty { lines.append("approves the policies " + ProjectKnowledge.list(approved)) }
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

  /// A policy's title, status, approval, next review (judged as stale-policy and
  /// policy-due-soon judge it) and the controls that carry it out.
  func policyHover(_ id: String) -> String? {
    guard let policy = context.policies[id] else { return nil }
    var lines = ["**\(id)** · \(policy.title.value)"]
    var status = "status: \(policy.status.rawValue)"
    if let version = policy.version { status += " · version \(version)" }
    lines.append(status)
    var people = "owner: \(policy.owner.value)"
    if let approver = policy.approver?.value { people += " · approver: \(approver)" }
    if let approved = policy.approvedOn?.value { people += " · approved on \(approved)" }
    lines.append(people)
    lines.append(review(of: policy))
    let carrying = context.project.controls.filter { control in
      control.status != .retired && control.policies.contains { $0.value == id }
    }
    let implemented = carrying.filter(\.isImplemented).map(\.id.value)
    let planned = carrying.filter { !$0.isImplemented }.map(\.id.value)
    if implemented.isEmpty && planned.isEmpty {
      lines.append("carried out by no control")
    } else {
      var parts: [String] = []
      if !implemented.isEmpty { parts.append(ProjectKnowledge.list(implemented) + " (implemented)") }
      if !planned.isEmpty { parts.append(ProjectKnowledge.list(planned) + " (planned)") }
      lines.append("carried out by " + parts.joined(separator: "; "))
    }
    return lines.joined(separator: "\n\n")
  }

  /// When a policy's next review falls due, from the context's own judgement of it.
  func review(of policy: Policy) -> String {
    let interval = policy.reviewInterval?.value ?? context.configuration.reviewInterval
    guard let freshness = context.policyFreshness(of: policy) else {
      return "next review: none (a \(policy.status.rawValue) policy is not reviewed)"
    }
    switch freshness {
    case .fresh(let due): return "next review: \(due) (\(interval))"
    case .dueSoon(let due, let left):
      let when = left == 0 ? "today" : "in \(left) day\(left == 1 ? "" : "s")"
      return "next review: \(due) (\(interval)), \(when)"
    case .stale(let due, let overdue):
      return
        "next review: overdue since \(due) (\(interval)), \(overdue) day\(overdue == 1 ? "" : "s") overdue"
    case .future(let day): return "next review: unknown, approved_on \(day) is after the as-of date"
    case .undated: return "next review: unknown, no approved_on"
    case .unscheduled: return "next review: none by the calendar (\(interval))"
    }
  }

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
    case .policy(let id):
      guard let policy = context.policies[id] else { return nil }
      return (policy.file.path, policy.id.range)
    case .rule:
      // Rules are declared in soclint itself.
      return nil
    }
  }

  /// At most twelve names, then how many more.
  static func list(_ names: [String]) -> String {
    let shown = names.prefix(12).joined(separator: ", ")
    return names.count > 12 ? shown + " and \(names.count - 12) more" : shown
  }
}
