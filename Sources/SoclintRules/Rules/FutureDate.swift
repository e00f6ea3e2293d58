import SoclintDiagnostics
import SoclintModel

struct FutureDate: Rule {
  static let description = RuleDescription(
    id: .futureDate, category: .staleness,
    summary:
      "last_collected, a collected date, last_reviewed or a policy's approved_on is after the as-of date",
    explanation: """
      Evidence cannot have been collected, a review held, nor a policy approved, on a day that has
      not come yet. A
      future date is usually a typo in the year or month, and it would hide staleness for a long
      time. Write the day it really happened. Under a Type II audit every date of a `collected`
      history is checked; otherwise only the latest.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30", with: "last_collected: ↓2027-09-30",
        messages: [
          "evidence 'review-ticket' of control AC-01 was collected on 2027-09-30, after the as-of date 2026-11-20"
        ]),
      Example.policy(
        replacing: "approved_on: 2026-03-02", with: "approved_on: ↓2027-03-02",
        messages: ["policy POL-ACCESS was approved on 2027-03-02, after the as-of date 2026-11-20"]),
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .implemented

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    for e in control.evidence {
      guard case .future = context.freshness(of: e), let d = e.lastCollected else { continue }
      report.append(
        finding(
          "evidence '\(e.id.value)' of control \(control.id.value) was collected on \(d.value), after the as-of date \(context.asOf)",
          at: d, help: ["write the day it was really collected"],
          subject: [control.id.value, e.id.value, d.value.description]))
    }
    if context.auditPeriod != nil { futureCollections(of: control, context, &report) }
    if let d = control.lastReviewed, case .future = context.reviewFreshness(of: control) {
      report.append(
        finding(
          "control \(control.id.value) was reviewed on \(d.value), after the as-of date \(context.asOf)",
          at: d,
          help: ["write the day it was really reviewed"], subject: [control.id.value, d.value.description]))
    }
  }

  func check(_ context: LintContext, report: inout [Finding]) {
    for policy in context.project.policies where policy.status != .retired {
      guard let d = policy.approvedOn, d.value > context.asOf else { continue }
      report.append(
        finding(
          "policy \(policy.id.value) was approved on \(d.value), after the as-of date \(context.asOf)", at: d,
          help: ["write the day it was really approved"], subject: [policy.id.value, d.value.description]))
    }
  }

  /// Under a Type II audit every collected date is checked, not only the latest.
  private func futureCollections(of control: Control, _ context: LintContext, _ report: inout [Finding]) {
    for e in control.evidence {
      // The latest date is reported above; it is the one written where it starts (an alias
      // names its anchored node, which starts at one place).
      for c in e.collected where c.date.value > context.asOf && c.date.start != e.lastCollected?.start {
        report.append(
          finding(
            "evidence '\(e.id.value)' of control \(control.id.value) was collected on \(c.date.value), after the as-of date \(context.asOf)",
            at: c.date, help: ["write the day it was really collected"],
            subject: [control.id.value, e.id.value, c.date.value.description]))
      }
    }
  }
}
