import ArgumentParser
import Foundation
import SoclintModel
import SoclintReporters
import SoclintRules

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explain a rule, with a failing and a passing example.")

  @Argument(help: ArgumentHelp("The rule id, such as stale-evidence.", valueName: "RULE"))
  var rule: String

  func run() throws {
    guard let d = Registry.description(of: rule) else {
      let hint =
        Suggest.closest(to: rule, in: Registry.ids).map { "; did you mean '\($0)'?" }
        ?? "; soclint rules lists them all"
      throw Failure("no rule is called '\(rule)'\(hint)")
    }
    Output.standard(RuleReferenceReporter.explain(d))
  }
}
