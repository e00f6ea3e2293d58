import SoclintDiagnostics
import SoclintModel

extension CoverageReport {
  /// Where a policy stands on the as-of date.
  public enum PolicyStatus: String, Sendable, CaseIterable {
    /// Approved, and its review is not due soon.
    case current
    /// Approved, and its review falls due within `due_soon_days` (policy-due-soon).
    case dueSoon = "due-soon"
    /// Approved, and its review is overdue (stale-policy), or its approval is dated after the
    /// as-of date (future-date): an approval that has not happened is none.
    case stale
    /// Being written; not in force.
    case draft
    /// No longer in force.
    case retired
  }

  /// One policy: who owns and approved it, when it falls due, and which controls carry it out.
  public struct Policy: Sendable {
    /// The policy id, such as POL-ACCESS.
    public let id: String
    /// Its title.
    public let title: String
    /// The owner id of who maintains it.
    public let owner: String
    /// The owner id of who approved it; nil for a draft that names none.
    public let approver: String?
    /// The version of its text, when given.
    public let version: String?
    /// The day it was approved, when given.
    public let approvedOn: Day?
    /// The day its review falls due (approved on + review interval + grace days); nil unless
    /// approved, or with a `continuous` or `on-event` interval.
    public let due: Day?
    /// Where it stands on the as-of date.
    public let status: PolicyStatus
    /// The commit that changed its words after its approval (policy-changed-after-approval);
    /// nil when the text in force is the one approved, or git could not tell.
    public let changedAfterApproval: DocumentChange?
    /// Whether git could compare the text with the approval: the policy is approved, its
    /// document exists, its approval is not in the future and the history was read.
    public let textChecked: Bool
    /// The implemented controls that carry it out, by id, sorted.
    public let controls: [String]
    /// The path of its text.
    public let document: String
    /// Where the policy is declared (project-relative path).
    public let path: String
    /// The 1-based line of its `id`.
    public let line: Int
  }

  /// Every policy, judged as the policy rules judge it, sorted by id (a repeated id once per
  /// declaration, in reading order).
  static func policies(_ context: LintContext) -> [Policy] {
    var carriedOutBy: [String: Set<String>] = [:]
    for control in context.implementedControls {
      for id in control.policies { carriedOutBy[id.value, default: []].insert(control.id.value) }
    }
    let all = context.project.policies.map { p in
      Policy(
        id: p.id.value, title: p.title.value, owner: p.owner.value, approver: p.approver?.value,
        version: p.version, approvedOn: p.approvedOn?.value, due: context.policyDueDate(of: p),
        status: status(of: p, context), changedAfterApproval: context.changeAfterApproval(of: p),
        textChecked: p.isApproved && p.documentStatus == .file
          && (p.approvedOn.map { $0.value <= context.asOf } ?? false) && context.history.unavailable == nil,
        controls: (carriedOutBy[p.id.value] ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
        document: p.document.value, path: p.file.path, line: p.id.range.line)
    }
    return all.enumerated().sorted { a, b in
      a.element.id != b.element.id
        ? a.element.id.utf8.lexicographicallyPrecedes(b.element.id.utf8) : a.offset < b.offset
    }.map(\.element)
  }

  static func status(of policy: SoclintModel.Policy, _ context: LintContext) -> PolicyStatus {
    switch policy.status {
    case .draft: return .draft
    case .retired: return .retired
    case .approved:
      switch context.policyFreshness(of: policy) {
      case .stale?, .future?, .undated?: return .stale
      case .dueSoon?: return .dueSoon
      case .fresh?, .unscheduled?, nil: return .current
      }
    }
  }
}
