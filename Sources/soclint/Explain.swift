import ArgumentParser
import Foundation
import SoclintModel
import SoclintRules

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explain a rule, with a failing and a passing example.")

  @Argument(help: "The rule id, such as stale-evidence.")
  var rule: String

  func run() throws {
    guard let d = Registry.description(of: rule) else {
      let hint =
        Suggest.closest(to: rule, in: Registry.ids).map { "; did you mean '\($0)'?" }
        ?? "; soclint rules lists them all"
      throw Failure("no rule is called '\(rule)'\(hint)")
    }
    var out =
      "\(d.id) (\(d.severity.rawValue), \(d.category.rawValue.lowercased()))\n\n\(d.summary).\n\n\(d.explanation)\n"
    func show(_ title: String, _ examples: [Example]) {
      for e in examples {
        out += "\n\(title):\n"
        for file in e.files {
          out += "\n  # \(file.path)\n"
          for line in file.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(
            file.text.hasSuffix("\n") ? 1 : 0)
          {
            out += line.isEmpty ? "\n" : "  \(line.replacingOccurrences(of: "\u{0}", with: "\\0"))\n"
          }
        }
      }
    }
    show("Fails", d.failing)
    show("Passes", d.passing)
    FileHandle.standardOutput.write(Data(out.utf8))
  }
}
