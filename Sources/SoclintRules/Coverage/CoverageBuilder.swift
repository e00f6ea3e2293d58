import SoclintDiagnostics
import SoclintModel

extension LintContext {
  /// The context a lint run judged with, built again from its result (cheap next to the run),
  /// so the coverage report asks the same questions of the same data.
  public convenience init?(result: LintResult) {
    guard let configuration = result.project.configuration else { return nil }
    self.init(
      project: result.project, configuration: configuration, asOf: result.asOf, history: result.history)
  }
}

extension CoverageReport {
  /// Builds the report of a lint run. Throws when the run could not judge coverage: an invalid
  /// configuration, or a control or catalog that could not be read (uncovered-requirement does
  /// not run then either).
  public init(result: LintResult) throws(Unavailable) {
    guard !result.configurationInvalid, let context = LintContext(result: result) else {
      throw .configurationInvalid
    }
    guard !result.project.controlsIncomplete else { throw .controlsIncomplete }
    guard !result.project.catalogsIncomplete else { throw .catalogsIncomplete }
    self.init(context: context, suppressed: result.suppressed)
  }

  init(context: LintContext, suppressed: [(finding: Finding, suppression: Suppression)]) {
    let asOf = context.asOf
    let (evidence, judged, missedWindow) = CoverageReport.evidence(
      context, exceptions: ExceptionIndex(suppressed))

    // A control supports readiness when it has evidence and all of it is current.
    func supportsReadiness(_ control: Control) -> Bool {
      !control.evidence.isEmpty
        && control.evidence.allSatisfy { judged[ObjectIdentifier($0)]?.supportsReadiness ?? false }
    }
    // Under a Type II audit a control operates through the period when it also missed no window.
    let operates: ((Control) -> Bool)? =
      context.auditPeriod == nil
      ? nil
      : { control in
        supportsReadiness(control)
          && !control.evidence.contains { missedWindow.contains(ObjectIdentifier($0)) }
      }
    var frameworks: [Framework] = []
    for scope in context.configuration.scopes {
      // An unknown framework is lint's unknown-framework finding; it has nothing to report on.
      guard let framework = context.frameworks[scope.framework.value] else { continue }
      frameworks.append(
        CoverageReport.assess(
          framework, context: context, supportsReadiness: supportsReadiness, operates: operates))
    }
    let (comingDue, reviewsOverdue) = CoverageReport.comingDue(context, evidence: evidence)
    let owners = CoverageReport.owners(context: context, evidence: evidence, reviewsOverdue: reviewsOverdue)

    var byStatus: [EvidenceStatus: Int] = [:]
    for s in EvidenceStatus.allCases { byStatus[s] = 0 }
    for e in evidence { byStatus[e.status, default: 0] += 1 }
    self.init(
      asOf: asOf, audit: context.configuration.audit.map { Audit($0, asOf: asOf) },
      dueSoonDays: context.configuration.dueSoonDays, frameworks: frameworks, evidence: evidence,
      owners: owners, comingDue: comingDue,
      totals: Totals(
        implementedControls: context.implementedControls.count,
        plannedControls: context.project.controls.filter { $0.status == .planned }.count,
        owners: owners.filter(\.declared).count, evidence: byStatus,
        exceptions: evidence.filter { $0.exception != nil }.count,
        reviewsOverdue: reviewsOverdue.values.reduce(0) { $0 + $1.count }))
    policies = CoverageReport.policies(context)
    policyHistoryUnavailable = context.history.unavailable
  }

  /// Evidence of implemented controls, judged exactly as the staleness rules judge it, stable
  /// by control id (within a control, the order it lists its evidence), with the status of each
  /// item by its identity, and the items with a missed window of a Type II period (each item's
  /// windows are computed once, here).
  static func evidence(
    _ context: LintContext, exceptions: ExceptionIndex
  ) -> ([Evidence], [ObjectIdentifier: EvidenceStatus], Set<ObjectIdentifier>) {
    var judged: [ObjectIdentifier: EvidenceStatus] = [:]
    var missedWindow: Set<ObjectIdentifier> = []
    var evidence: [Evidence] = []
    for control in context.implementedControls {
      for e in control.evidence {
        let (status, due) = CoverageReport.judge(e, context)
        judged[ObjectIdentifier(e)] = status
        let exception: Exception?
        switch status {
        case .stale: exception = e.lastCollected.flatMap { exceptions.find(.staleEvidence, at: $0) }
        case .dueSoon: exception = e.lastCollected.flatMap { exceptions.find(.evidenceDueSoon, at: $0) }
        case .neverCollected: exception = exceptions.find(.evidenceNeverCollected, at: e.id)
        case .fresh, .unscheduled: exception = nil
        }
        let windows = context.auditPeriod == nil ? nil : context.windows(of: e, in: control)
        if windows?.contains(where: { $0.status == .missed }) == true {
          missedWindow.insert(ObjectIdentifier(e))
        }
        evidence.append(
          Evidence(
            control: control.id.value, id: e.id.value, owner: e.owner?.value ?? control.owner.value,
            frequency: e.frequency.value.description, status: status, collected: e.lastCollected?.value,
            due: due, exception: exception,
            windows: windows,
            gapException: EvidenceGap.place(of: e, in: control).flatMap {
              exceptions.find(.evidenceGap, at: $0)
            },
            implementedOn: control.implementedOn?.value, path: e.id.file.path, line: e.id.range.line))
      }
    }
    let sorted = CoverageReport.stableSorted(evidence) {
      $0.control.utf8.lexicographicallyPrecedes($1.control.utf8)
    }
    return (sorted, judged, missedWindow)
  }

  /// Evidence (fresh or due soon) and design reviews of implemented controls due within the
  /// next 90 days, by date; and the overdue reviews by owner, judged as stale-review judges them.
  static func comingDue(_ context: LintContext, evidence: [Evidence]) -> ([Due], [String: [String]]) {
    let asOf = context.asOf
    var reviewsOverdue: [String: [String]] = [:]
    var comingDue: [Due] = []
    let horizon = asOf.adding(days: CoverageReport.comingDueDays)
    for control in context.implementedControls {
      let due: Day
      switch context.reviewFreshness(of: control) {
      case .stale:
        reviewsOverdue[control.owner.value, default: []].append(control.id.value)
        continue
      case .fresh(let d), .dueSoon(let d, _): due = d
      case .undated, .future, .unscheduled: continue
      }
      guard due <= horizon else { continue }
      comingDue.append(
        Due(
          date: due, daysLeft: asOf.days(until: due), kind: .review, control: control.id.value, evidence: nil,
          owner: control.owner.value))
    }
    for e in evidence where e.status == .fresh || e.status == .dueSoon {
      guard let due = e.due, due <= horizon else { continue }
      comingDue.append(
        Due(
          date: due, daysLeft: asOf.days(until: due), kind: .evidence, control: e.control, evidence: e.id,
          owner: e.owner))
    }
    comingDue.sort { a, b in
      if a.date != b.date { return a.date < b.date }
      if a.control != b.control { return a.control.utf8.lexicographicallyPrecedes(b.control.utf8) }
      if a.kind != b.kind { return a.kind == .evidence }
      return (a.evidence ?? "").utf8.lexicographicallyPrecedes((b.evidence ?? "").utf8)
    }
    return (comingDue, reviewsOverdue)
  }

  /// An evidence item's status and due date, by the judgement the staleness rules use.
  static func judge(_ e: SoclintModel.Evidence, _ context: LintContext) -> (EvidenceStatus, Day?) {
    switch context.freshness(of: e) {
    // A date after the as-of date is a future-date error; no staleness rule trusts it either.
    case .undated, .future: return (.neverCollected, nil)
    case .unscheduled: return (.unscheduled, nil)
    case .fresh(let due): return (.fresh, due)
    case .dueSoon(let due, _): return (.dueSoon, due)
    case .stale(let due, _): return (.stale, due)
    }
  }

  /// One framework's requirements, with the scope logic of uncovered-requirement: only
  /// implemented controls cover, planned ones are named, retired ones do not count.
  static func assess(
    _ framework: SoclintRules.Framework, context: LintContext, supportsReadiness: (Control) -> Bool,
    operates: ((Control) -> Bool)?
  ) -> Framework {
    let mappings = context.mappings(of: framework)
    func ids(_ controls: [Control]?) -> [String] {
      Array(Set((controls ?? []).map(\.id.value))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    var requirements: [Requirement] = []
    var seen = Set<String>()
    // Category name to (ready, in scope), in the order categories first appear.
    var categoryOrder: [String] = []
    var categoryCounts: [String: (ready: Int, inScope: Int, operating: Int)] = [:]
    for r in framework.requirements where seen.insert(r.id).inserted {
      let covering = mappings[r.id]?.implemented ?? []
      let planned = mappings[r.id]?.planned.map(\.control) ?? []
      let status: RequirementStatus
      var reason: String? = nil
      switch context.scope(of: r, in: framework) {
      case .inScope:
        status = !covering.isEmpty ? .covered : !planned.isEmpty ? .plannedOnly : .uncovered
      case .excluded(let why):
        status = .excluded
        // A folded or literal block ends with a line break that is no part of the reason.
        reason = String(
          why.reversed().drop { $0 == "\n" || $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
      case .frameworkNotInScope, .categoryNotInScope:
        status = .outOfScope
      }
      let ready = status == .covered && covering.contains(where: supportsReadiness)
      let operating = operates.map { operates in ready && covering.contains(where: operates) }
      requirements.append(
        Requirement(
          id: r.id, title: r.title, category: r.category, status: status, ready: ready, operating: operating,
          controls: ids(covering),
          plannedControls: ids(planned), reason: reason))
      if status.isInScope {
        let name = r.category ?? "uncategorised"
        if categoryCounts[name] == nil { categoryOrder.append(name) }
        categoryCounts[name, default: (0, 0, 0)].inScope += 1
        if ready { categoryCounts[name, default: (0, 0, 0)].ready += 1 }
        if operating == true { categoryCounts[name, default: (0, 0, 0)].operating += 1 }
      }
    }
    let inScope = requirements.filter(\.status.isInScope)
    return Framework(
      id: framework.id, title: framework.title,
      readiness: Readiness(ready: inScope.filter(\.ready).count, inScope: inScope.count),
      operating: operates.map { _ in
        Readiness(ready: inScope.filter { $0.operating == true }.count, inScope: inScope.count)
      },
      categories: categoryOrder.map { name in
        let counts = categoryCounts[name]!
        return Category(
          name: name, readiness: Readiness(ready: counts.ready, inScope: counts.inScope),
          operating: operates.map { _ in Readiness(ready: counts.operating, inScope: counts.inScope) })
      },
      requirements: requirements)
  }

  /// Every declared owner in the order declared (first declaration of an id), then ids that
  /// controls or evidence name but no owners list declares.
  static func owners(
    context: LintContext, evidence: [Evidence], reviewsOverdue: [String: [String]]
  ) -> [Owner] {
    var order: [String] = []
    var declared: [String: SoclintModel.Owner] = [:]
    for o in context.project.owners where declared[o.id.value] == nil {
      declared[o.id.value] = o
      order.append(o.id.value)
    }
    var controls: [String: [String]] = [:]
    var plannedControls: [String: [String]] = [:]
    var undeclared: Set<String> = []
    for control in context.activeControls {
      let id = control.owner.value
      if control.isImplemented {
        controls[id, default: []].append(control.id.value)
      } else {
        plannedControls[id, default: []].append(control.id.value)
      }
      if declared[id] == nil { undeclared.insert(id) }
    }
    var items: [String: [Evidence]] = [:]
    for e in evidence {
      items[e.owner, default: []].append(e)
      if declared[e.owner] == nil { undeclared.insert(e.owner) }
    }
    order += undeclared.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

    func sortedIDs(_ list: [String]?) -> [String] {
      (list ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
    return order.map { id in
      let o = declared[id]
      let mine = items[id] ?? []
      func named(_ status: EvidenceStatus) -> [String] {
        mine.filter { $0.status == status }.map { "\($0.control)/\($0.id)" }
      }
      return Owner(
        id: id, name: o?.name.value, email: o?.email, role: o?.role,
        active: o?.active ?? true,
        declared: o != nil, controls: sortedIDs(controls[id]),
        plannedControls: sortedIDs(plannedControls[id]),
        evidence: mine.map { "\($0.control)/\($0.id)" }, stale: named(.stale), dueSoon: named(.dueSoon),
        neverCollected: named(.neverCollected), reviewsOverdue: sortedIDs(reviewsOverdue[id]))
    }
  }

  static func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
    items.enumerated().sorted { a, b in
      if less(a.element, b.element) { return true }
      if less(b.element, a.element) { return false }
      return a.offset < b.offset
    }.map(\.element)
  }
}

/// The suppressions that silenced a finding, by the finding's rule and node, so an evidence
/// item finds the exception that silenced its own finding and no other.
struct ExceptionIndex {
  private var byKey: [String: CoverageReport.Exception] = [:]

  init(_ suppressed: [(finding: Finding, suppression: Suppression)]) {
    for (finding, suppression) in suppressed {
      let key = ExceptionIndex.key(
        finding.rule, finding.range.path, finding.pointer, finding.range.line, finding.range.column)
      guard byKey[key] == nil else { continue }
      byKey[key] = CoverageReport.Exception(
        rule: finding.rule, reason: suppression.reason, until: suppression.until, path: suppression.path,
        line: suppression.range.line)
    }
  }

  func find<T>(_ rule: RuleID, at node: Located<T>) -> CoverageReport.Exception? {
    find(rule, at: (node.range, node.pointer))
  }

  func find(_ rule: RuleID, at place: (range: SourceRange, pointer: String)) -> CoverageReport.Exception? {
    byKey[ExceptionIndex.key(rule, place.range.path, place.pointer, place.range.line, place.range.column)]
  }

  static func key(_ rule: RuleID, _ path: String, _ pointer: String, _ line: Int, _ column: Int) -> String {
    "\(rule)\u{0}\(path)\u{0}\(pointer)\u{0}\(line):\(column)"
  }
}
