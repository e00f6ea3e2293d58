import Foundation
import SoclintLSP
import Testing

/// Hover, go to definition, completion, code actions and pull diagnostics.
@Suite struct FeatureTests {
  /// A client with the standard project's control open, its first diagnostics (none) settled.
  static func opened(
    _ text: String = TestProject.control(), capabilities: LSPAny = .object([:])
  ) async throws
    -> (TestClient, TestProject, String)
  {
    let project = try TestProject.standard()
    let client = try TestClient()
    try await client.initialize(capabilities: capabilities)
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, text)
    try await client.settle()
    return (client, project, uri)
  }

  @Test func hoverOnAnOwnerARequirementAndARule() async throws {
    let text = TestProject.control(extra: "x-a: 1  # soclint: ignore[stale-evidence] reviewed late\n")
    let (client, project, uri) = try await Self.opened(text)
    defer { project.remove() }
    _ = try await client.diagnostics(uri)  // the unused suppression
    let owner = try await client.request("textDocument/hover", at(uri, 6, 8))
    let ownerText = try #require(owner.at("result", "contents", "value")?.string)
    #expect(ownerText.contains("**alice** · Alice Chen"))
    #expect(ownerText.contains("alice@example.com · Security Lead"))
    #expect(ownerText.contains("backup: bob"))
    #expect(ownerText.contains("owns AC-01"))
    #expect(
      owner.at("result", "range")
        == .object([
          "start": .object(["line": .int(6), "character": .int(7)]),
          "end": .object(["line": .int(6), "character": .int(12)]),
        ]))
    let requirement = try await client.request("textDocument/hover", at(uri, 9, 11))
    let requirementText = try #require(requirement.at("result", "contents", "value")?.string)
    #expect(requirementText.contains("**CO-1** · Example SOC 1 control objectives (soc1)"))
    #expect(requirementText.contains("Access to payroll systems is limited to authorised staff"))
    #expect(requirementText.contains("category: access · in scope"))
    #expect(requirementText.contains("mapped by AC-01 (implemented)"))
    let rule = try await client.request("textDocument/hover", at(uri, 19, 30))
    let ruleText = try #require(rule.at("result", "contents", "value")?.string)
    #expect(ruleText.hasPrefix("**stale-evidence** · error"))
    // A key that names nothing has no hover.
    #expect(try await client.request("textDocument/hover", at(uri, 7, 3))["result"] == .null)
    try await client.finish()
  }

  @Test func hoverOnARuleUnderRulesInTheConfiguration() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize()
    let uri = project.uri(".soclint.yaml")
    client.open(uri, TestProject.configuration + "rules:\n  orphan-owner: info\n")
    try await client.settle()
    let hover = try await client.request("textDocument/hover", at(uri, 5, 5))
    #expect(hover.at("result", "contents", "value")?.string?.hasPrefix("**orphan-owner** · info") == true)
    try await client.finish()
  }

  @Test func definitionOfAnOwnerAndOfACatalogRequirement() async throws {
    let (client, project, uri) = try await Self.opened()
    defer { project.remove() }
    let owner = try await client.request("textDocument/definition", at(uri, 6, 9))
    let ownerLocation = try client.decode([Location].self, try #require(owner["result"]))
    #expect(ownerLocation.map(\.uri) == [project.uri("Controls/owners.yaml")])
    #expect(ownerLocation.first?.range.start == Position(line: 2, character: 8))
    // The evidence's owner, bob.
    let backup = try await client.request("textDocument/definition", at(uri, 17, 12))
    let backupLocation = try client.decode([Location].self, try #require(backup["result"]))
    #expect(backupLocation.first?.range.start == Position(line: 7, character: 8))
    let requirement = try await client.request("textDocument/definition", at(uri, 9, 10))
    let requirementLocation = try client.decode([Location].self, try #require(requirement["result"]))
    #expect(requirementLocation.map(\.uri) == [project.uri("Controls/soc1.yaml")])
    #expect(requirementLocation.first?.range.start == Position(line: 4, character: 8))
    // A control's own id is declared nowhere else.
    #expect(try await client.request("textDocument/definition", at(uri, 1, 5))["result"] == .array([]))
    try await client.finish()
  }

  static func labels(_ response: LSPAny) -> [String] {
    guard case .array(let items)? = response.at("result", "items") else { return [] }
    return items.compactMap { $0["label"]?.string }
  }

  @Test func completionOfOwnersRequirementsRulesAndEnumValues() async throws {
    let text = TestProject.control(extra: "status: \n# soclint: ignore[sta\n")
      .replacingOccurrences(of: "soc1: [CO-1]", with: "soc1: [CO-1, ]")
    let (client, project, uri) = try await Self.opened(text)
    defer { project.remove() }
    _ = try await client.diagnostics(uri)
    let owners = try await client.request("textDocument/completion", at(uri, 6, 7))
    #expect(Self.labels(owners) == ["alice", "bob"])
    let requirements = try await client.request("textDocument/completion", at(uri, 9, 15))
    #expect(Self.labels(requirements) == ["CO-1"])
    guard case .array(let items)? = requirements.at("result", "items") else { throw TestFailure("no items") }
    #expect(items.first?["detail"] == .string("Access to payroll systems is limited to authorised staff"))
    let status = try await client.request("textDocument/completion", at(uri, 19, 8))
    #expect(Self.labels(status) == ["implemented", "planned", "retired"])
    let evidenceType = try await client.request("textDocument/completion", at(uri, 13, 10))
    #expect(Self.labels(evidenceType).contains("attestation"))
    let rules = try await client.request("textDocument/completion", at(uri, 20, 21))
    #expect(Self.labels(rules).contains("stale-evidence"))
    // Structure rules cannot be silenced, so they are not offered.
    #expect(!Self.labels(rules).contains("yaml-syntax"))
    guard case .array(let ruleItems)? = rules.at("result", "items") else { throw TestFailure("no items") }
    let stale = try #require(ruleItems.first { $0["label"] == .string("stale-evidence") })
    #expect(stale.at("textEdit", "range", "start") == .object(["line": .int(20), "character": .int(18)]))
    try await client.finish()
  }

  @Test func completionAfterAColonAddsTheSpace() async throws {
    let (client, project, uri) = try await Self.opened()
    defer { project.remove() }
    client.change(
      uri, TestProject.control().replacingOccurrences(of: "owner: alice", with: "owner:"), version: 2)
    _ = try await client.diagnostics(uri)
    let owners = try await client.request("textDocument/completion", at(uri, 6, 6))
    guard case .array(let items)? = owners.at("result", "items") else { throw TestFailure("no items") }
    #expect(items.first?.at("textEdit", "newText") == .string(" alice"))
    try await client.finish()
  }

  static func actions(_ response: LSPAny) -> [LSPAny] {
    guard case .array(let actions)? = response["result"] else { return [] }
    return actions
  }

  static func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> LSPAny {
    .object([
      "start": .object(["line": .int(l1), "character": .int(c1)]),
      "end": .object(["line": .int(l2), "character": .int(c2)]),
    ])
  }

  static func codeActionParams(_ uri: String, _ range: LSPAny) -> LSPAny {
    .object([
      "textDocument": .object(["uri": .string(uri)]), "range": range,
      "context": .object(["diagnostics": .array([])]),
    ])
  }

  @Test func quickFixesForADidYouMeanAndSuppressingTheRule() async throws {
    let (client, project, uri) = try await Self.opened(TestProject.control(owner: "alcie"))
    defer { project.remove() }
    _ = try await client.diagnostics(uri)
    _ = try await client.diagnostics(project.uri("Controls/owners.yaml"))
    let response = try await client.request(
      "textDocument/codeAction", Self.codeActionParams(uri, Self.range(6, 9, 6, 9)))
    let actions = Self.actions(response)
    #expect(
      actions.compactMap { $0["title"]?.string } == ["Replace with 'alice'", "Suppress unknown-owner here"])
    #expect(
      actions.first?.at("edit", "changes", uri)
        == .array([
          .object(["range": Self.range(6, 7, 6, 12), "newText": .string("alice")])
        ]))
    #expect(actions.first?["isPreferred"] == .bool(true))
    #expect(
      actions.last?.at("edit", "changes", uri)
        == .array([
          .object([
            "range": Self.range(6, 0, 6, 0), "newText": .string("# soclint: ignore[unknown-owner] \n"),
          ])
        ]))
    #expect(actions.last?.at("command", "arguments") == .array([.string(uri), .int(6), .int(33)]))
    // Elsewhere, nothing to fix.
    #expect(
      Self.actions(
        try await client.request(
          "textDocument/codeAction", Self.codeActionParams(uri, Self.range(1, 0, 1, 0)))
      ).isEmpty)
    try await client.finish()
  }

  @Test func theSuppressionActionSilencesTheFinding() async throws {
    let (client, project, uri) = try await Self.opened(TestProject.control(owner: "alcie"))
    defer { project.remove() }
    _ = try await client.diagnostics(uri)
    _ = try await client.diagnostics(project.uri("Controls/owners.yaml"))
    let actions = Self.actions(
      try await client.request("textDocument/codeAction", Self.codeActionParams(uri, Self.range(6, 9, 6, 9))))
    let edit = try client.decode([TextEdit].self, try #require(actions.last?.at("edit", "changes", uri)))
    // Apply it as an editor would, with a reason typed at the cursor.
    var lines = TestProject.control(owner: "alcie").components(separatedBy: "\n")
    lines.insert(edit[0].newText.dropLast() + "owner leaves next week", at: 6)
    client.change(uri, lines.joined(separator: "\n"), version: 2)
    #expect(try await client.diagnostics(uri).diagnostics.isEmpty)
    try await client.finish()
  }

  @Test func removingAnUnusedSuppression() async throws {
    let text = TestProject.control(
      extra: "# soclint: ignore[stale-evidence] reviewed late\nx-a: 1  # soclint: ignore[future-date] typo\n")
    let (client, project, uri) = try await Self.opened(text)
    defer { project.remove() }
    let published = try await client.diagnostics(uri)
    #expect(published.diagnostics.map(\.code) == ["unused-suppression", "unused-suppression"])
    let alone = Self.actions(
      try await client.request(
        "textDocument/codeAction", Self.codeActionParams(uri, Self.range(19, 0, 19, 1))))
    #expect(alone.compactMap { $0["title"]?.string } == ["Remove this suppression"])
    #expect(
      alone.first?.at("edit", "changes", uri)
        == .array([.object(["range": Self.range(19, 0, 20, 0), "newText": .string("")])]))
    let trailing = Self.actions(
      try await client.request(
        "textDocument/codeAction", Self.codeActionParams(uri, Self.range(20, 8, 20, 8))))
    #expect(
      trailing.first?.at("edit", "changes", uri)
        == .array([.object(["range": Self.range(20, 6, 20, 43), "newText": .string("")])]))
    try await client.finish()
  }

  @Test func placingTheCursorUsesShowDocument() async throws {
    let capabilities: LSPAny = .object([
      "window": .object(["showDocument": .object(["support": .bool(true)])])
    ])
    let (client, project, uri) = try await Self.opened(capabilities: capabilities)
    defer { project.remove() }
    let params: LSPAny = .object([
      "command": .string("soclint.placeCursor"), "arguments": .array([.string(uri), .int(6), .int(33)]),
    ])
    #expect(try await client.request("workspace/executeCommand", params)["result"] == .null)
    let show = try await client.message("window/showDocument")
    #expect(show.at("params", "selection") == Self.range(6, 33, 6, 33))
    #expect(show.at("params", "takeFocus") == .bool(true))
    try await client.finish()
  }

  @Test func pullDiagnosticsForOpenDocumentsPushForTheOthers() async throws {
    let capabilities: LSPAny = .object([
      "textDocument": .object(["diagnostic": .object(["dynamicRegistration": .bool(false)])])
    ])
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    let response = try await client.initialize(capabilities: capabilities)
    #expect(
      response.at("result", "capabilities", "diagnosticProvider", "interFileDependencies") == .bool(true))
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, TestProject.control(owner: "alcie"))
    // The owners list is not open: pushed.
    #expect(
      try await client.diagnostics(project.uri("Controls/owners.yaml")).diagnostics.map(\.code) == [
        "orphan-owner"
      ])
    let pulled = try await client.request(
      "textDocument/diagnostic", .object(["textDocument": .object(["uri": .string(uri)])]))
    #expect(pulled.at("result", "kind") == .string("full"))
    let items = try client.decode([Diagnostic].self, try #require(pulled.at("result", "items")))
    #expect(items.map(\.code) == ["unknown-owner"])
    try await client.settle()
    // The open document's diagnostics were not pushed as well (editors would show them twice).
    #expect(client.unread().isEmpty)
    try await client.finish()
  }

  @Test func onSaveJudgesOnSaveOnly() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient()
    try await client.initialize(options: .object(["run": .string("onSave")]))
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, TestProject.control())
    try await client.settle()
    client.change(uri, TestProject.control(owner: "alcie"), version: 2)
    try await client.settle()
    #expect(client.unread().isEmpty, "no judgement before the save")
    client.notify("textDocument/didSave", .object(["textDocument": .object(["uri": .string(uri)])]))
    #expect(try await client.diagnostics(uri).diagnostics.map(\.code) == ["unknown-owner"])
    _ = try await client.diagnostics(project.uri("Controls/owners.yaml"))
    try await client.finish()
  }

  @Test func aBurstOfKeystrokesIsJudgedOnce() async throws {
    let project = try TestProject.standard()
    defer { project.remove() }
    let client = try TestClient(debounceMilliseconds: 300)
    try await client.initialize()
    let uri = project.uri("Controls/AC-01.yaml")
    client.open(uri, TestProject.control())
    try await client.settle(milliseconds: 500)
    for (version, owner) in ["a", "al", "alc", "alci", "alcie"].enumerated() {
      client.change(uri, TestProject.control(owner: owner), version: version + 2)
    }
    let published = try await client.diagnostics(uri)
    #expect(published.version == 6)
    #expect(published.diagnostics.first?.message.hasPrefix("owner 'alcie'") == true)
    _ = try await client.diagnostics(project.uri("Controls/owners.yaml"))
    try await client.settle(milliseconds: 500)
    // Only the last text was judged: nothing else was published for the intermediate versions.
    #expect(client.unread().isEmpty)
    try await client.finish()
  }
}
