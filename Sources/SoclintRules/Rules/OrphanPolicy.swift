import SoclintDiagnostics
import SoclintModel

struct OrphanPolicy: Rule {
  static let description = RuleDescription(
    id: .orphanPolicy, category: .policies,
    summary: "An approved policy that no implemented control carries out",
    explanation: """
      A policy that no control carries out is a promise nobody checks: an auditor who reads it
      will ask which control makes it true. Name the policy under `policies` of the controls that
      carry it out, or retire it.
      """,
    failing: [
      Example.policy(
        replacing: "id: POL-ACCESS", with: "id: ↓POL-ACCESS",
        messages: ["no implemented control carries out policy POL-ACCESS"]
      ).replacing("policies: [POL-ACCESS]\n", with: "")
    ],
    passing: [Example(Example.policyFiles)])

  func check(_ context: LintContext, report: inout [Finding]) {
    // An unreadable control may be the one that carries the policy out.
    // Without an approved policy there is nothing to look for in the controls.
    guard !context.project.controlsIncomplete, context.project.policies.contains(where: \.isApproved) else {
      return
    }
    var carried: Set<String> = []
    for control in context.implementedControls { for id in control.policies { carried.insert(id.value) } }
    for policy in context.project.policies where policy.isApproved && !carried.contains(policy.id.value) {
      report.append(
        finding(
          "no implemented control carries out policy \(policy.id.value)", at: policy.id,
          help: ["name it under 'policies' of the controls that carry it out, or retire it"],
          subject: [policy.id.value]))
    }
  }
}
