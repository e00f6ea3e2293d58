import SoclintDiagnostics
import SoclintModel

struct SecurityNotInScope: Rule {
  static let description = RuleDescription(
    id: .securityNotInScope, category: .coverage,
    summary: "SOC 2 is in scope without the security category",
    explanation: """
      Security (the common criteria CC1 to CC9) is part of every SOC 2 examination; the other
      categories (availability, processing integrity, confidentiality, privacy) are chosen on top
      of it. Add `security` to the categories of `soc2`.
      """,
    failing: [
      Example(
        [
          (
            ".soclint.yaml",
            Example.baseConfiguration.replacingFirst(
              "  soc1: {}", with: "  soc2:\n    categories: ↓[availability]")
          )
        ], messages: ["soc2 is in scope without the security category"])
    ],
    passing: [Example(control: Example.goodControl)])

  func check(_ context: LintContext, report: inout [Finding]) {
    for builtIn in BuiltInFramework.all {
      guard let required = builtIn.requiredCategory, let scope = context.scopes[builtIn.id],
        let categories = scope.categories, let node = scope.categoriesNode, !categories.contains(required)
      else { continue }
      report.append(
        finding(
          "\(builtIn.id) is in scope without the \(required) category",
          at: context.configuration.file.range(of: node),
          pointer: scope.framework.pointer + "/categories",
          help: [
            "add \(required): it is part of every \(builtIn.displayName) examination, e.g. categories: [\(([required] + categories).joined(separator: ", "))]"
          ],
          subject: [builtIn.id]))
    }
  }
}
