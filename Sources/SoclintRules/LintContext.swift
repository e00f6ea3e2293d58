import Foundation
import SoclintDiagnostics
import SoclintModel

/// What every rule sees: the project, the as-of date and indexes built once.
///
/// A reference: the linter hands it to every rule for every control, and a struct of this size
/// was copied at each of those calls, every reference of it counted in and out.
public final class LintContext: Sendable {
  /// The project as read.
  public let project: Project
  /// Its valid configuration.
  public let configuration: Configuration
  /// The day staleness is judged on.
  public let asOf: Day
  /// Owners by id; the first declaration wins (duplicates are duplicate-id findings).
  public let owners: [String: Owner]
  /// Frameworks by id: `soc2` and every catalog (first wins).
  public let frameworks: [String: Framework]
  /// The ids of frameworks in scope, with their scope.
  public let scopes: [String: Configuration.Scope]
  /// Policies by id; the first declaration wins (duplicates are duplicate-id findings).
  public let policies: [String: Policy]
  /// When the words of the approved policies' documents last changed in git; the first rule
  /// that asks waits for `git log` to finish, while the others run.
  public var history: DocumentHistory { pendingHistory.value }
  let pendingHistory: PendingHistory

  /// Builds the indexes every rule shares, once per run.
  public convenience init(
    project: Project, configuration: Configuration, asOf: Day, history: DocumentHistory = .empty
  ) {
    self.init(project: project, configuration: configuration, asOf: asOf, pending: PendingHistory(history))
  }

  init(project: Project, configuration: Configuration, asOf: Day, pending: PendingHistory) {
    self.project = project
    self.configuration = configuration
    self.asOf = asOf
    self.pendingHistory = pending
    var policies: [String: Policy] = [:]
    for p in project.policies where policies[p.id.value] == nil { policies[p.id.value] = p }
    self.policies = policies
    var owners: [String: Owner] = [:]
    for o in project.owners where owners[o.id.value] == nil { owners[o.id.value] = o }
    self.owners = owners
    // Made when first asked for: a lint asks only for the implemented ones, and only when the
    // project has approved policies (orphan-policy), and on 10,000 controls each list was half a
    // millisecond of reading every control, on one thread, before the rules start.
    let all = project.controls
    implementedControlsOnce = Once { all.filter(\.isImplemented) }
    activeControlsOnce = Once { all.filter { $0.status != .retired } }
    var frameworks: [String: Framework] = [:]
    for b in BuiltInFramework.all { frameworks[b.id] = b.framework }
    for c in project.catalogs where frameworks[c.framework.value] == nil {
      frameworks[c.framework.value] = Framework(catalog: c)
    }
    self.frameworks = frameworks
    let (controls, known) = (project.controls, frameworks)
    mappedIDsOnce = Once { LintContext.mappedIDs(controls, known) }
    var scopes: [String: Configuration.Scope] = [:]
    for s in configuration.scopes where scopes[s.framework.value] == nil { scopes[s.framework.value] = s }
    self.scopes = scopes
    auditPeriod = configuration.audit?.period
  }

  /// The observation period, under a Type II audit.
  public let auditPeriod: AuditPeriod?

  /// Whether a window and its grace days are over on the as-of date: only then can it be missed.
  public func hasElapsed(_ window: CollectionWindow) -> Bool {
    window.end.adding(days: configuration.graceDays) < asOf
  }

  /// A path a control's evidence is kept at: an evidence item's `path`, or under a Type II
  /// audit a collection's, with what the path belongs to for messages.
  public struct EvidencePath: Sendable {
    /// The path as written.
    public let path: Located<String>
    /// What it resolves to on disk, when resolved.
    public let status: EvidencePathStatus?
    /// The evidence item it belongs to.
    public let evidence: Evidence
    /// "evidence 'x'", or "the 2026-04-09 collection of evidence 'x'".
    public let owner: String
  }

  /// The paths of a control's evidence that missing-evidence-file and unsafe-path check: each
  /// item's `path`, then under a Type II audit each collection's.
  public func evidencePaths(of control: Control) -> [EvidencePath] {
    var out: [EvidencePath] = control.evidence.compactMap { e in
      e.path.map {
        EvidencePath(path: $0, status: e.pathStatus, evidence: e, owner: "evidence '\(e.id.value)'")
      }
    }
    guard auditPeriod != nil else { return out }
    for e in control.evidence {
      for c in e.collected {
        guard let path = c.path else { continue }
        out.append(
          EvidencePath(
            path: path, status: c.pathStatus, evidence: e,
            owner: "the \(c.date.value) collection of evidence '\(e.id.value)'"))
      }
    }
    return out
  }

  /// Every day an evidence item is known to have been collected: its `collected` dates and
  /// `last_collected`, sorted, without repeats.
  public func collectionDays(of evidence: Evidence) -> [Day] {
    var days = evidence.collected.map(\.date.value)
    if let last = evidence.lastCollectedField?.value { days.append(last) }
    return Array(Set(days)).sorted()
  }

  /// The windows of the audit period for an evidence item of `control`, judged on the as-of
  /// date; empty without a Type II audit or for evidence without a period. evidence-gap and the
  /// coverage report both judge by this.
  public func windows(of evidence: Evidence, in control: Control) -> [CollectionWindow] {
    guard let auditPeriod else { return [] }
    return AuditWindows.windows(
      of: evidence.frequency.value, in: auditPeriod, graceDays: configuration.graceDays,
      implementedOn: control.implementedOn?.value, collections: collectionDays(of: evidence), asOf: asOf)
  }

  /// Controls whose status is implemented: the ones that count for coverage and staleness.
  public var implementedControls: [Control] { implementedControlsOnce.value }
  private let implementedControlsOnce: Once<[Control]>

  /// Controls that count: implemented and planned (retired ones are only checked for structure).
  public var activeControls: [Control] { activeControlsOnce.value }
  private let activeControlsOnce: Once<[Control]>

  /// Whether a requirement of a known framework is in scope, and if not, why.
  public enum Scope: Equatable, Sendable {
    case inScope
    case excluded(reason: String)
    case frameworkNotInScope
    case categoryNotInScope(String?)
  }

  /// Whether a requirement is in scope under the configuration, and if not, why.
  public func scope(of requirement: Framework.Requirement, in framework: Framework) -> Scope {
    guard let scope = scopes[framework.id] else { return .frameworkNotInScope }
    if let exclusion = scope.exclusions.first(where: { $0.requirement.value == requirement.id }) {
      return .excluded(reason: exclusion.reason)
    }
    if let categories = scope.categories {
      guard let category = requirement.category, categories.contains(category) else {
        return .categoryNotInScope(requirement.category)
      }
    }
    return .inScope
  }

  /// One requirement id in the criteria of a control that is not retired, under a framework
  /// that exists (ids under an unknown framework are unknown-framework's alone).
  ///
  /// Positions, not references: three rules walk every mapped id of the project on two threads
  /// at once, and a reference read from a shared list is counted in and out, each count moving
  /// the object's cache line between the cores. The control, framework and id are looked up
  /// (`control(of:)`, `framework(of:)`, `id(of:)`) only for a finding.
  public struct MappedID: Sendable {
    /// The control's position in the project's list.
    let control: Int32
    /// The framework's position in `MappedIDs.frameworks`.
    let framework: Int32
    /// The position of the framework's entry in the control's criteria, and of the id in it.
    let entry: Int32, item: Int32
    /// The requirement's position among the framework's requirements; -1 when it has none.
    let requirement: Int32
    /// The status of the control that maps it: implemented or planned.
    public let status: ControlStatus

    /// Where the id is among the framework's requirements; nil when the framework has no such
    /// requirement. Looked up once, for the rules that ask.
    public var requirementIndex: Int? { requirement < 0 ? nil : Int(requirement) }
  }

  /// The mapped ids, with the frameworks they name.
  struct MappedIDs: Sendable {
    var ids: [MappedID] = []
    var frameworks: [Framework] = []
  }

  /// Every requirement id the controls map under a known framework, in reading order; built
  /// once, since several rules walk it, by the first rule that asks: the context is built on
  /// one thread, and the index (20 ms on 10,000 controls) is then built while other rules run
  /// on the other cores.
  public var mappedIDs: [MappedID] { mappedIDsOnce.value.ids }
  private let mappedIDsOnce: Once<MappedIDs>

  /// The control that maps an id.
  public func control(of mapped: MappedID) -> Control { project.controls[Int(mapped.control)] }

  /// The framework a mapped id belongs to.
  public func framework(of mapped: MappedID) -> Framework {
    mappedIDsOnce.value.frameworks[Int(mapped.framework)]
  }

  /// The ids mapped into one framework, in reading order: its position among the mapped
  /// frameworks is found once, and each id is told by comparing two numbers.
  ///
  /// Lazy: an array of them was 2.5 MB of fresh memory on 10,000 controls, grown by doubling,
  /// for a walk that reads each once.
  public func mappedIDs(into framework: Framework) -> LazyFilterSequence<[MappedID]> {
    let index = mappedIDsOnce.value
    let slot = index.frameworks.firstIndex(where: { $0 === framework }).map(Int32.init) ?? -1
    return index.ids.lazy.filter { $0.framework == slot }
  }

  /// The id as the control writes it.
  public func id(of mapped: MappedID) -> Located<String> {
    control(of: mapped).criteria[Int(mapped.entry)].requirements[Int(mapped.item)]
  }

  static func mappedIDs(_ controls: [Control], _ frameworks: [String: Framework]) -> MappedIDs {
    var out = MappedIDs()
    // Counted first, so the index is made once at its size instead of grown by doubling: a
    // megabyte of fresh pages for the copies on 10,000 controls.
    var count = 0
    for control in controls where control.status != .retired {
      let criteria = control.criteria
      for e in criteria.indices { count += criteria[e].requirements.count }
    }
    out.ids.reserveCapacity(count)
    // Controls name the same few frameworks over and over: the names seen so far are compared
    // (short strings, compared in place) before a name is hashed for the dictionary.
    var seen: [(name: String, slot: Int32?)] = []
    func slot(named name: String) -> Int32? {
      if let hit = seen.first(where: { $0.name == name }) { return hit.slot }
      let slot = frameworks[name].map { found -> Int32 in
        if let known = out.frameworks.firstIndex(where: { $0 === found }) { return Int32(known) }
        out.frameworks.append(found)
        return Int32(out.frameworks.count - 1)
      }
      if seen.count < 8 { seen.append((name, slot)) }
      return slot
    }
    // By index, reading only the texts: an entry or a located id read whole is a copy that
    // counts its file and texts in and out.
    for (c, control) in controls.enumerated() where control.status != .retired {
      let criteria = control.criteria
      for e in criteria.indices {
        guard let slot = slot(named: criteria[e].framework.value) else { continue }
        let framework = out.frameworks[Int(slot)]
        let requirements = criteria[e].requirements
        for i in requirements.indices {
          out.ids.append(
            MappedID(
              control: Int32(c), framework: slot, entry: Int32(e), item: Int32(i),
              requirement: framework.requirementIndex(requirements[i].value).map(Int32.init) ?? -1,
              status: control.status))
        }
      }
    }
    return out
  }

  /// Who maps one requirement: implemented controls cover it; planned ones are named, with the
  /// id in their criteria, so a note can point there. Retired controls do not count.
  public struct Mapping: Sendable {
    /// Implemented controls that map the requirement.
    public var implemented: [Control] = []
    /// Planned controls that map it, with the id as they write it.
    public var planned: [(control: Control, id: Located<String>)] = []
  }

  /// The mappings of a framework's requirements, by requirement id. uncovered-requirement and
  /// the coverage report both read coverage from here.
  public func mappings(of framework: Framework) -> [String: Mapping] {
    var out: [String: Mapping] = [:]
    for control in project.controls where control.status != .retired {
      for entry in control.criteria where entry.framework.value == framework.id {
        for id in entry.requirements {
          if control.isImplemented {
            out[id.value, default: Mapping()].implemented.append(control)
          } else {
            out[id.value, default: Mapping()].planned.append((control, id))
          }
        }
      }
    }
    return out
  }

  /// Where a dated thing stands on the as-of date. The staleness rules and the coverage report
  /// both judge by this, so they cannot disagree.
  public enum Freshness: Sendable, Equatable {
    /// No date: evidence never collected (a review never held is missing-review's business).
    case undated
    /// Dated after the as-of date (future-date); no staleness is judged from it.
    case future(Day)
    /// Continuous or on-event: no period, so never stale by the calendar.
    case unscheduled
    case fresh(due: Day)
    /// Not stale, and due at most `due_soon_days` after the as-of date.
    case dueSoon(due: Day, daysLeft: Int)
    /// The as-of date is after the due date.
    case stale(due: Day, daysOverdue: Int)
  }

  /// Judges a date with its due date (nil without a period).
  func freshness(of date: Day?, due: (Day) -> Day?) -> Freshness {
    guard let date else { return .undated }
    if date > asOf { return .future(date) }
    guard let due = due(date) else { return .unscheduled }
    if asOf > due { return .stale(due: due, daysOverdue: due.days(until: asOf)) }
    let left = asOf.days(until: due)
    return left <= configuration.dueSoonDays ? .dueSoon(due: due, daysLeft: left) : .fresh(due: due)
  }

  /// How an evidence item stands on the as-of date; the staleness rules and the coverage report both ask here.
  public func freshness(of evidence: Evidence) -> Freshness {
    freshness(of: evidence.lastCollectedDay) { _ in dueDate(of: evidence) }
  }

  /// The design review of a control, against its review interval.
  public func reviewFreshness(of control: Control) -> Freshness {
    freshness(of: control.lastReviewed?.value) { _ in reviewDueDate(of: control) }
  }

  /// The due date of evidence: last collected + one period + grace days; nil without a period
  /// or a collection date.
  public func dueDate(of evidence: Evidence) -> Day? {
    guard let collected = evidence.lastCollectedDay,
      let next = evidence.frequency.value.after(collected)
    else { return nil }
    return next.adding(days: configuration.graceDays)
  }

  /// The day a control's design review falls due.
  public func reviewDueDate(of control: Control) -> Day? {
    guard let reviewed = control.lastReviewed?.value else { return nil }
    let interval = control.reviewInterval?.value ?? configuration.reviewInterval
    return interval.after(reviewed)?.adding(days: configuration.graceDays)
  }

  /// The review of an approved policy, against its review interval; nil for a draft or a
  /// retired policy, which is not reviewed.
  public func policyFreshness(of policy: Policy) -> Freshness? {
    guard policy.isApproved else { return nil }
    return freshness(of: policy.approvedOn?.value) { _ in policyDueDate(of: policy) }
  }

  /// The day an approved policy's review falls due: approved on + review interval + grace days.
  public func policyDueDate(of policy: Policy) -> Day? {
    guard policy.isApproved, let approved = policy.approvedOn?.value else { return nil }
    let interval = policy.reviewInterval?.value ?? configuration.reviewInterval
    return interval.after(approved)?.adding(days: configuration.graceDays)
  }

  /// The commit that changed an approved policy's words after its approval, judged on the
  /// as-of date (commits dated after it have not happened yet that day); nil when the text in
  /// force is the one approved, or nothing can be said (no git, no document, a future approval).
  public func changeAfterApproval(of policy: Policy) -> DocumentChange? {
    guard policy.isApproved, policy.documentStatus == .file, let approved = policy.approvedOn?.value,
      approved <= asOf, let change = history.lastChange(of: policy.document.value, onOrBefore: asOf),
      change.day > approved
    else { return nil }
    return change
  }

  /// The documents whose history policy-changed-after-approval needs: those of approved
  /// policies that exist, each once, in reading order.
  public static func historyPaths(_ project: Project) -> [String] {
    var seen: Set<String> = []
    return project.policies.compactMap { p in
      p.isApproved && p.documentStatus == .file && seen.insert(p.document.value).inserted
        ? p.document.value : nil
    }
  }
}

/// A document history that may still be being read on a thread of its own: reading git takes a
/// process's start-up time, which the indexes and the other rules hide.
final class PendingHistory: @unchecked Sendable {
  private let condition = NSCondition()
  private var result: DocumentHistory?

  /// A history already known.
  init(_ history: DocumentHistory) {
    result = history
  }

  /// Starts `read` on a new thread.
  init(reading read: @escaping @Sendable () -> DocumentHistory) {
    ThreadStart.detached { [self] in
      let history = read()
      condition.lock()
      result = history
      condition.broadcast()
      condition.unlock()
    }
  }

  /// The history, once read.
  var value: DocumentHistory {
    condition.lock()
    defer { condition.unlock() }
    while result == nil { condition.wait() }
    return result!
  }
}
