import Foundation
import SoclintLSP
import Testing

extension TestProject {
  /// Two policies in one file: POL-ACCESS, approved on 2026-03-02 (its annual review falls due
  /// on 2027-03-02, the as-of date being 2026-11-20), and POL-HR, a draft, in the second
  /// document. Line 1 is POL-ACCESS's id, line 4 its approver, line 10 POL-HR's id.
  static let policies = """
    kind: policy
    id: POL-ACCESS
    title: Access Control Policy
    owner: alice
    approver: bob
    document: policies/access-control.md
    version: "1.0"
    approved_on: 2026-03-02
    ---
    kind: policy
    id: POL-HR
    title: Hiring and Leaving Policy
    owner: bob
    document: policies/hr.md
    status: draft

    """

  /// The standard control carrying out the policies written (line 7 is `policies`).
  static func control(policies: String) -> String {
    control().replacingOccurrences(of: "owner: alice\n", with: "owner: alice\n" + policies)
  }

  /// The standard project with the policies, their texts, and AC-01 carrying out POL-ACCESS:
  /// clean, so that every diagnostic a test reads comes from its own edit.
  static func withPolicies(policies: String = TestProject.policies) throws -> TestProject {
    let project = try standard(control: control(policies: "policies: [POL-ACCESS]\n"))
    try project.write("Controls/policies.yaml", policies)
    try project.write("policies/access-control.md", "# Access Control Policy\n\nAccess is reviewed.\n")
    try project.write("policies/hr.md", "# Hiring and Leaving Policy\n\nDraft.\n")
    return project
  }
}

/// Hover, go to definition, completion and diagnostics on policies (`kind: policy`, and a
/// control's `policies`).
@Suite struct PolicyFeatureTests {
  /// A client with the policy project and `path` open with `text`; nothing published.
  static func opened(_ path: String, _ text: String) async throws -> (TestClient, TestProject, String) {
    let project = try TestProject.withPolicies()
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri(path)
    client.open(uri, text)
    try await client.settle()
    #expect(client.unread().isEmpty, "the policy project is clean")
    return (client, project, uri)
  }

  static func hoverText(
    _ client: TestClient, _ uri: String, _ line: Int, _ character: Int
  ) async throws
    -> String?
  {
    try await client.request("textDocument/hover", at(uri, line, character)).at(
      "result", "contents", "value")?
      .string
  }

  @Test func hoverOnAPolicyIdInAControl() async throws {
    let (client, project, uri) = try await Self.opened(
      "Controls/AC-01.yaml", TestProject.control(policies: "policies: [POL-ACCESS]\n"))
    defer { project.remove() }
    let hover = try await client.request("textDocument/hover", at(uri, 7, 14))
    let text = try #require(hover.at("result", "contents", "value")?.string)
    #expect(
      text.components(separatedBy: "\n\n") == [
        "**POL-ACCESS** · Access Control Policy", "status: approved · version 1.0",
        "owner: alice · approver: bob · approved on 2026-03-02", "next review: 2027-03-02 (annual)",
        "carried out by AC-01 (implemented)",
      ])
    #expect(hover.at("result", "range") == FeatureTests.range(7, 11, 7, 21))
    // An id nobody declared has no hover.
    client.change(uri, TestProject.control(policies: "policies: [POL-NONE]\n"), version: 2)
    #expect(try await client.diagnostics(uri).diagnostics.map(\.code) == ["unknown-policy"])
    #expect(
      try await client.diagnostics(project.uri("Controls/policies.yaml")).diagnostics.map(\.code) == [
        "orphan-policy"
      ])
    #expect(try await client.request("textDocument/hover", at(uri, 7, 14))["result"] == .null)
    try await client.finish()
  }

  @Test func hoverInAPolicyDocument() async throws {
    let (client, project, uri) = try await Self.opened("Controls/policies.yaml", TestProject.policies)
    defer { project.remove() }
    // The approver and the owner are owners, with the policies they approve and own.
    let approver = try #require(try await Self.hoverText(client, uri, 4, 11))
    #expect(approver.hasPrefix("**bob** · Bob Okafor"))
    #expect(approver.contains("owns the policies POL-HR"))
    #expect(approver.contains("approves the policies POL-ACCESS"))
    let owner = try #require(try await Self.hoverText(client, uri, 3, 8))
    #expect(owner.contains("owns AC-01\n\nowns the policies POL-ACCESS"))
    #expect(!owner.contains("approves"))
    // A draft's own id: not reviewed, carried out by nothing.
    let draft = try #require(try await Self.hoverText(client, uri, 10, 5))
    #expect(
      draft.components(separatedBy: "\n\n") == [
        "**POL-HR** · Hiring and Leaving Policy", "status: draft", "owner: bob",
        "next review: none (a draft policy is not reviewed)", "carried out by no control",
      ])
    // The review as stale-policy and policy-due-soon judge it, after an edit.
    client.change(
      uri, TestProject.policies.replacingOccurrences(of: "2026-03-02", with: "2025-11-25"), version: 2)
    #expect(try await client.diagnostics(uri).diagnostics.map(\.code) == ["policy-due-soon"])
    let dueSoon = try #require(try await Self.hoverText(client, uri, 1, 6))
    #expect(dueSoon.contains("\n\nnext review: 2026-11-25 (annual), in 5 days\n\n"))
    client.change(
      uri, TestProject.policies.replacingOccurrences(of: "2026-03-02", with: "2025-03-02"), version: 3)
    #expect(try await client.diagnostics(uri).diagnostics.map(\.code) == ["stale-policy"])
    let stale = try #require(try await Self.hoverText(client, uri, 1, 6))
    #expect(stale.contains("\n\nnext review: overdue since 2026-03-02 (annual), 263 days overdue\n\n"))
    try await client.finish()
  }

  @Test func definitionOfAPolicyIdInFlowAndBlockLists() async throws {
    let (client, project, uri) = try await Self.opened(
      "Controls/AC-01.yaml", TestProject.control(policies: "policies: [POL-ACCESS]\n"))
    defer { project.remove() }
    let policies = project.uri("Controls/policies.yaml")
    let flow = try await client.request("textDocument/definition", at(uri, 7, 12))
    let flowLocation = try client.decode([Location].self, try #require(flow["result"]))
    #expect(flowLocation.map(\.uri) == [policies])
    #expect(
      flowLocation.first?.range
        == LSPRange(start: Position(line: 1, character: 4), end: Position(line: 1, character: 14)))
    // A block list, the draft quoted in the file's second document.
    client.change(
      uri, TestProject.control(policies: "policies:\n  - POL-ACCESS\n  - \"POL-HR\"\n"), version: 2)
    #expect(try await client.diagnostics(uri).diagnostics.map(\.code) == ["unapproved-policy"])
    let block = try await client.request("textDocument/definition", at(uri, 8, 6))
    #expect(
      try client.decode([Location].self, try #require(block["result"])).first?.range.start
        == Position(line: 1, character: 4))
    let draft = try await client.request("textDocument/definition", at(uri, 9, 7))
    let draftLocation = try client.decode([Location].self, try #require(draft["result"]))
    #expect(draftLocation.map(\.uri) == [policies])
    #expect(draftLocation.first?.range.start == Position(line: 10, character: 4))
    // The key itself names nothing.
    #expect(try await client.request("textDocument/definition", at(uri, 7, 3))["result"] == .array([]))
    try await client.finish()
  }

  static func items(_ response: LSPAny) -> [LSPAny] {
    guard case .array(let items)? = response.at("result", "items") else { return [] }
    return items
  }

  @Test func completionOfPolicyIdsInFlowAndBlockLists() async throws {
    let (client, project, uri) = try await Self.opened(
      "Controls/AC-01.yaml", TestProject.control(policies: "policies: [POL-ACCESS, ]\n"))
    defer { project.remove() }
    let expected: [LSPAny] = [.string("Access Control Policy"), .string("Hiring and Leaving Policy (draft)")]
    let flow = try await client.request("textDocument/completion", at(uri, 7, 23))
    #expect(FeatureTests.labels(flow) == ["POL-ACCESS", "POL-HR"])
    #expect(Self.items(flow).map { $0["detail"] } == expected)
    #expect(Self.items(flow).first?.at("textEdit", "range") == FeatureTests.range(7, 23, 7, 23))
    // Typing in a block list: the item is null until written, a structure error meanwhile.
    client.change(uri, TestProject.control(policies: "policies:\n  - POL-ACCESS\n  - P\n"), version: 2)
    _ = try await client.diagnostics(uri)
    let block = try await client.request("textDocument/completion", at(uri, 9, 5))
    #expect(FeatureTests.labels(block) == ["POL-ACCESS", "POL-HR"])
    #expect(Self.items(block).map { $0["detail"] } == expected)
    #expect(Self.items(block).last?.at("textEdit", "range") == FeatureTests.range(9, 4, 9, 5))
    #expect(Self.items(block).last?.at("textEdit", "newText") == .string("POL-HR"))
    // Elsewhere in the control, no policy is offered.
    #expect(
      !FeatureTests.labels(try await client.request("textDocument/completion", at(uri, 6, 8))).contains(
        "POL-HR"))
    try await client.finish()
  }

  @Test func completionOfOwnersAndStatusesInAPolicyDocument() async throws {
    let text = TestProject.policies.replacingOccurrences(of: "approver: bob", with: "approver:")
      .replacingOccurrences(of: "status: draft", with: "status: d")
    let (client, project, uri) = try await Self.opened("Controls/policies.yaml", TestProject.policies)
    defer { project.remove() }
    client.change(uri, text, version: 2)
    _ = try await client.diagnostics(uri)
    let owners = try await client.request("textDocument/completion", at(uri, 4, 9))
    #expect(FeatureTests.labels(owners) == ["alice", "bob"])
    #expect(Self.items(owners).map { $0["detail"] } == [.string("Alice Chen"), .string("Bob Okafor")])
    #expect(Self.items(owners).last?.at("textEdit", "newText") == .string(" bob"))
    let policyOwner = try await client.request("textDocument/completion", at(uri, 12, 9))
    #expect(FeatureTests.labels(policyOwner) == ["alice", "bob"])
    let status = try await client.request("textDocument/completion", at(uri, 14, 9))
    #expect(FeatureTests.labels(status) == ["approved", "draft", "retired"])
    try await client.finish()
  }

  @Test func aSelfApprovedPolicyIsPublishedAtItsApprover() async throws {
    let (client, project, uri) = try await Self.opened("Controls/policies.yaml", TestProject.policies)
    defer { project.remove() }
    client.change(
      uri, TestProject.policies.replacingOccurrences(of: "approver: bob", with: "approver: alice"), version: 2
    )
    let published = try await client.diagnostics(uri)
    #expect(published.version == 2)
    let finding = try #require(published.diagnostics.first)
    #expect(published.diagnostics.count == 1)
    #expect(finding.code == "self-approved-policy")
    #expect(finding.severity == 1)
    #expect(
      finding.message
        == "policy POL-ACCESS is approved by its own owner 'alice'\nhelp: have someone other than the owner approve it"
    )
    #expect(
      finding.range
        == LSPRange(start: Position(line: 4, character: 10), end: Position(line: 4, character: 15)))
    let related = try #require(finding.relatedInformation?.first)
    #expect(related.location.uri == uri)
    #expect(related.location.range.start == Position(line: 3, character: 7))
    try await client.finish()
  }

  /// A policy written as one flow mapping, its approver after é (1 unit), 中 (1) and 😀 (2).
  static let flowPolicy =
    "{kind: policy, id: POL-ACCESS, title: \"Accès é中😀\", owner: alice, approver: alice, "
    + "document: policies/access-control.md, approved_on: 2026-03-02}\n"

  @Test func aSelfApprovedPolicyRangeIsInUTF16CodeUnits() async throws {
    let (client, project, uri) = try await Self.opened("Controls/policies.yaml", TestProject.policies)
    defer { project.remove() }
    client.change(uri, Self.flowPolicy, version: 2)
    let published = try await client.diagnostics(uri)
    #expect(published.diagnostics.map(\.code) == ["self-approved-policy"])
    // Up to `approver: ` is 75 scalars and 76 units (😀 is two).
    #expect(
      published.diagnostics.first?.range
        == LSPRange(start: Position(line: 0, character: 76), end: Position(line: 0, character: 81)))
    try await client.finish()
  }
}
