import Foundation
import SoclintDiagnostics
import SoclintReporters
import SoclintRules
import Testing

/// A rule forgotten anywhere fails here with its name: every `RuleID` has exactly one
/// description, in the registry's order, and a golden transcript of its failing example.
@Suite struct RegistryTests {
  @Test func everyRuleIDIsDescribedOnceInOrder() {
    #expect(Registry.descriptions.map(\.id) == RuleID.allCases)
    let checked = Set(Registry.checkers.map { type(of: $0).description.id })
    #expect(checked.count == Registry.checkers.count, "a checker is registered twice")
    for id in RuleID.allCases {
      // Structure rules are found while reading, suppression rules by the suppression engine;
      // every other rule needs a checker, or it never reports anything.
      let elsewhere = id.isStructural || Registry.description(of: id).category == .suppressions
      #expect(checked.contains(id) != elsewhere, "\(id): checker registered \(checked.contains(id))")
      #expect(Registry.description(of: id).severity == id.defaultSeverity)
    }
  }

  @Test(arguments: RuleID.allCases)
  func everyRuleHasItsGoldenTranscript(_ id: RuleID) {
    let golden = Support.fixtures.appendingPathComponent("rules/\(id.rawValue).txt")
    #expect(
      FileManager.default.fileExists(atPath: golden.path),
      "rule \(id) has no golden transcript: run SOCLINT_UPDATE_GOLDEN=1 swift test --filter GoldenTests, review Tests/Fixtures/rules/\(id.rawValue).txt and commit it"
    )
  }
}

/// docs/rules.md is the rules reference `soclint rules --format markdown` prints (with no
/// configuration, so every rule at its default); a rule changed without regenerating it fails
/// here.
@Test func rulesReferenceIsCurrent() throws {
  let file = Support.packageRoot.appendingPathComponent("docs/rules.md")
  let onDisk = try String(contentsOf: file, encoding: .utf8)
  #expect(
    onDisk == RuleReferenceReporter.list(.markdown),
    "docs/rules.md is out of date: run `soclint rules --format markdown > docs/rules.md` in a folder without a .soclint.yaml"
  )
}
