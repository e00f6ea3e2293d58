import SoclintDiagnostics
import SoclintRules
import Testing

/// Every rule's own examples, the ones `soclint explain` prints: each failing example gives at
/// least one finding of the rule, each passing example none.
@Suite struct RuleExampleTests {
  static let ids = Registry.ids

  /// Every failing example gives exactly the findings its marks and messages say: the rule,
  /// the place (path, line, column) and the message of each, and no other finding of the rule.
  @Test(arguments: ids)
  func failingExamplesFindWhatTheyMark(_ id: String) throws {
    let description = try #require(Registry.description(of: id))
    #expect(!description.failing.isEmpty, "\(id) has no failing example")
    for example in description.failing {
      let marks = example.marks
      #expect(!marks.isEmpty, "a failing example of \(id) marks no finding (↓)")
      #expect(
        marks.count == example.messages.count,
        "\(id): \(marks.count) marks, \(example.messages.count) messages")
      let expected = zip(marks, example.messages).map { "\($0.path):\($0.line):\($0.column): \($1)" }
      let result = try Support.lint(example)
      let hits = result.findings.filter { $0.rule.rawValue == id }
      let actual = hits.map { "\($0.range.path):\($0.range.line):\($0.range.column): \($0.message)" }
      #expect(
        actual == expected,
        "failing example of \(id); all findings: \(result.findings.map { "\($0.rule): \($0.message)" })")
      #expect(hits.allSatisfy { $0.severity == description.severity })
    }
  }

  @Test(arguments: ids)
  func passingExamplesPass(_ id: String) throws {
    let description = try #require(Registry.description(of: id))
    #expect(!description.passing.isEmpty, "\(id) has no passing example")
    for example in description.passing {
      #expect(example.marks.isEmpty, "a passing example of \(id) marks a finding")
      let result = try Support.lint(example)
      let hits = result.findings.filter { $0.rule.rawValue == id }
      #expect(hits.isEmpty, "passing example of \(id) gave: \(hits.map(\.message))")
    }
  }

  /// The good control the examples start from passes every rule.
  @Test func goodControlIsClean() throws {
    let result = try Support.lint(Example(control: Example.goodControl).project)
    #expect(result.findings.map { "\($0.rule): \($0.message)" } == [])
  }

  /// The good policy, its document and the control that carries it out pass every rule.
  @Test func goodPolicyIsClean() throws {
    let result = try Support.lint(Example(Example.policyFiles))
    #expect(result.findings.map { "\($0.rule): \($0.message)" } == [])
  }

  @Test func ruleIDsAreUniqueKebabCase() {
    #expect(Set(Self.ids).count == Self.ids.count)
    for id in Self.ids {
      #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id)")
    }
  }
}
