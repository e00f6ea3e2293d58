import SoclintDiagnostics
import SoclintModel

struct MissingPolicyDocument: Rule {
  static let description = RuleDescription(
    id: .missingPolicyDocument, category: .policies,
    summary: "A policy's document is no file in the repository",
    explanation: """
      A policy is its text: the `document` of a policy is the path of that text in the
      repository, relative to the project root (not a glob). When nothing is there, the policy
      was moved, renamed or never added, and nobody can read what was approved. Fix the path or
      add the document. An absolute path or one with `..` is `unsafe-path` instead, and is not
      looked up.
      """,
    failing: [
      Example.policy(
        replacing: "document: Controls/policies/access-control.md",
        with: "document: ↓Controls/policies/access.md",
        messages: ["document 'Controls/policies/access.md' of policy POL-ACCESS does not exist"])
    ],
    passing: [Example(Example.policyFiles)])

  func check(_ context: LintContext, report: inout [Finding]) {
    for policy in context.project.policies {
      let what = "document '\(policy.document.value)' of policy \(policy.id.value)"
      let problem: String
      switch policy.documentStatus {
      case .missing?: problem = "does not exist"
      case .notAFile?: problem = "is not a regular file"
      default: continue
      }
      report.append(
        finding(
          "\(what) \(problem)", at: policy.document,
          help: ["write the path of the policy's text relative to the project root, or add the document"],
          subject: [policy.id.value, policy.document.value]))
    }
  }
}
