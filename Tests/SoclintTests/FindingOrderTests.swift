import SoclintDiagnostics
import SoclintRules
import Testing

/// The order findings are reported in: by path, line, column and rule, each rule's findings at
/// one place in the order the rule gave them, and exact duplicates once.
@Suite struct FindingOrderTests {
  /// The definition, plainly: a stable sort on the key, then the first of each equal finding.
  static func reference(_ findings: [Finding]) -> [Finding] {
    let sorted = findings.enumerated().sorted { a, b in
      let x = a.element.range
      let y = b.element.range
      let kx = (Array(x.path.utf8).lexicographicallyPrecedes(Array(y.path.utf8)), x.path == y.path)
      if !kx.1 { return kx.0 }
      if x.line != y.line { return x.line < y.line }
      if x.column != y.column { return x.column < y.column }
      if a.element.rule != b.element.rule { return a.element.rule.rawValue < b.element.rule.rawValue }
      return a.offset < b.offset
    }
    var seen = Set<Finding>()
    return sorted.map(\.element).filter { seen.insert($0).inserted }
  }

  @Test func orderedMatchesTheDefinition() {
    var rng = SystemRandomNumberGenerator()
    let rules: [RuleID] = [.invalidFile, .yamlSyntax, .duplicateKey, .missingField]
    for _ in 0..<300 {
      var findings: [Finding] = []
      for _ in 0..<Int.random(in: 0...40, using: &rng) {
        let range = SourceRange(
          path: ["a.yaml", "b.yaml", "a/b.yaml", "é.yaml"].randomElement(using: &rng)!,
          line: Int.random(in: 1...3, using: &rng), column: Int.random(in: 1...2, using: &rng),
          endLine: nil, endColumn: [nil, 5].randomElement(using: &rng)!)
        let finding = Finding(
          rule: rules.randomElement(using: &rng)!, message: ["x", "y", "z"].randomElement(using: &rng)!,
          range: range, help: [[], ["h"]].randomElement(using: &rng)!)
        findings.append(finding)
        // Exact duplicates, near and far.
        if Bool.random(using: &rng) {
          findings.insert(finding, at: Int.random(in: 0...findings.count, using: &rng))
        }
      }
      #expect(Linter.ordered(findings) == Self.reference(findings))
    }
  }
}
