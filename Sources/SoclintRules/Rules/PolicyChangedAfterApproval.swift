import SoclintDiagnostics
import SoclintModel

struct PolicyChangedAfterApproval: Rule {
  static let description = RuleDescription(
    id: .policyChangedAfterApproval, category: .policies,
    summary: "A policy's document changed in git after its approval",
    explanation: """
      An approval is of a text: when the words of the document change in a commit dated after
      `approved_on`, the text in force is not the text approved. soclint reads the committer
      date (as a UTC day) of the last commit that changed the document's words, with one
      `git log` for all documents; it compares the words (a word diff), so changes of whitespace,
      blank lines and line breaks alone do not count: tidying spacing or re-wrapping a paragraph
      needs no new approval. Only committed changes count, and commits
      dated after the as-of date have not happened yet on that day. Have the new text approved
      and set `approved_on` in the same commit as the text (approving in the pull request that
      changes it). Outside a git repository, or without git on the PATH, the rule is skipped and
      `soclint lint` says so.
      """,
    failing: [
      Example(
        Example.policyFiles.map { file in
          file.path == Example.policyPath
            ? (
              file.path, file.text.replacingFirst("approved_on: 2026-03-02", with: "approved_on: ↓2026-03-02")
            )
            : file
        },
        messages: [
          "the document of policy POL-ACCESS changed after its approval on 2026-03-02: commit e149b45 on 2026-06-15 by Bob Okafor"
        ],
        history: [
          Example.Commit(
            day: "2026-03-02", author: "Alice Chen", summary: "the policy, approved the same day",
            files: [
              (
                Example.policyDocumentPath,
                Example.policyDocument.replacingFirst("every quarter", with: "every year")
              )
            ]),
          Example.Commit(
            day: "2026-06-15", author: "Bob Okafor",
            summary: "reviews every quarter, not every year; no new approval"),
        ])
    ],
    passing: [
      Example(
        Example.policyFiles,
        history: [
          Example.Commit(
            day: "2026-03-02", author: "Alice Chen", summary: "the policy, approved the same day",
            files: [
              (
                Example.policyDocumentPath,
                Example.policyDocument.replacingFirst("limited to", with: "limited  to") + "\n\n"
              )
            ]),
          Example.Commit(
            day: "2026-06-15", author: "Bob Okafor",
            summary: "spacing and blank lines tidied: whitespace only"),
        ])
    ])

  func check(_ context: LintContext, report: inout [Finding]) {
    for policy in context.project.policies {
      guard let approved = policy.approvedOn, let change = context.changeAfterApproval(of: policy) else {
        continue
      }
      report.append(
        finding(
          "the document of policy \(policy.id.value) changed after its approval on \(approved.value): commit \(change.commit) on \(change.day) by \(change.author)",
          at: approved,
          notes: [
            Note("policy \(policy.id.value) keeps its text here", at: policy.document.range)
          ],
          help: [
            "have the text in force approved and set 'approved_on' in the same commit, or restore the approved text"
          ],
          subject: [policy.id.value, change.commit]))
    }
  }
}
