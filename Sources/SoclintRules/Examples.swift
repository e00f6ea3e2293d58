import Foundation

extension Example {
  /// A control that passes every rule on the examples' as-of date (2026-11-20).
  public static let goodControl = """
    kind: control
    id: AC-01
    title: Quarterly user access review
    description: >
      Security reviews every production account against the HR roster each quarter
      and removes access that is no longer needed.
    owner: alice
    frequency: quarterly
    criteria:
      soc1: [CO-1]
    evidence:
      - id: review-ticket
        description: Signed-off access review ticket with the accounts removed
        type: ticket
        source: Jira project SEC
        frequency: quarterly
        last_collected: 2026-09-30
    last_reviewed: 2026-06-15

    """

  /// The base configuration preparing a Type II audit of 2026, judged on 2026-11-20.
  public static let type2Configuration = """
    version: 1
    frameworks:
      soc1: {}
    as_of: 2026-11-20
    audit:
      type: 2
      start: 2026-01-01
      end: 2026-12-31

    """

  /// The good control with one piece of text replaced, to show one mistake; `messages` are
  /// those of the findings at the marks in `new`.
  public static func control(replacing old: String, with new: String, messages: [String] = []) -> Example {
    precondition(goodControl.contains(old), "example text not found: \(old)")
    return Example(control: goodControl.replacingFirst(old, with: new), messages: messages)
  }
}

extension String {
  package func replacingFirst(_ old: String, with new: String) -> String {
    guard let r = range(of: old) else { return self }
    return replacingCharacters(in: r, with: new)
  }
}

extension Example {
  /// Where the policy examples keep their policy.
  public static let policyPath = "Controls/policies/access-control.yaml"
  /// Where the policy examples keep the policy's text.
  public static let policyDocumentPath = "Controls/policies/access-control.md"

  /// A policy that passes every rule on the examples' as-of date: owned by alice, approved by
  /// bob, due for review on 2027-03-02.
  public static let goodPolicy = """
    kind: policy
    id: POL-ACCESS
    title: Access Control Policy
    owner: alice
    approver: bob
    document: Controls/policies/access-control.md
    version: "1.0"
    approved_on: 2026-03-02

    """

  /// The text of the good policy.
  public static let policyDocument = """
    # Access Control Policy

    Access to the payroll systems is granted on a ticket approved by the system's owner,
    limited to what the role needs, and reviewed every quarter.

    """

  /// The good control, carrying out the good policy.
  public static let controlWithPolicy = goodControl.replacingFirst(
    "owner: alice\n", with: "owner: alice\npolicies: [POL-ACCESS]\n")

  /// The good policy, its document and the good control that carries it out.
  public static let policyFiles: [(path: String, text: String)] = [
    ("Controls/example.yaml", controlWithPolicy), (policyPath, goodPolicy),
    (policyDocumentPath, policyDocument),
  ]

  /// The policy files with one piece of text replaced in one of them (the policy by default).
  public static func policy(
    replacing old: String, with new: String, in path: String = policyPath, messages: [String] = []
  ) -> Example {
    Example(policyFiles, messages: messages).replacing(old, with: new, in: path)
  }
}
