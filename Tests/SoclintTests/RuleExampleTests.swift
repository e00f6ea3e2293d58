import SoclintDiagnostics
import SoclintRules
import Testing

/// Every rule's own examples, the ones `soclint explain` prints: each failing example gives at
/// least one finding of the rule, each passing example none.
@Suite struct RuleExampleTests {
  static let ids = Registry.ids

  @Test(arguments: ids)
  func failingExamplesFail(_ id: String) throws {
    let description = try #require(Registry.description(of: id))
    #expect(!description.failing.isEmpty, "\(id) has no failing example")
    for example in description.failing {
      let result = try Support.lint(example.project)
      let hits = result.findings.filter { $0.rule.rawValue == id }
      #expect(
        !hits.isEmpty, "failing example of \(id) gave: \(result.findings.map { "\($0.rule): \($0.message)" })"
      )
      #expect(hits.allSatisfy { $0.severity == description.severity })
    }
  }

  @Test(arguments: ids)
  func passingExamplesPass(_ id: String) throws {
    let description = try #require(Registry.description(of: id))
    #expect(!description.passing.isEmpty, "\(id) has no passing example")
    for example in description.passing {
      let result = try Support.lint(example.project)
      let hits = result.findings.filter { $0.rule.rawValue == id }
      #expect(hits.isEmpty, "passing example of \(id) gave: \(hits.map(\.message))")
    }
  }

  /// The good control the examples start from passes every rule.
  @Test func goodControlIsClean() throws {
    let result = try Support.lint(Example(control: Example.goodControl).project)
    #expect(result.findings.map { "\($0.rule): \($0.message)" } == [])
  }

  @Test func ruleIDsAreUniqueKebabCase() {
    #expect(Set(Self.ids).count == Self.ids.count)
    for id in Self.ids {
      #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id)")
    }
  }
}
