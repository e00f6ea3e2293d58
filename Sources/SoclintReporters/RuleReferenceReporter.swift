import Foundation
import SoclintDiagnostics
import SoclintRules

/// `soclint rules` and `soclint explain`: the rules reference, as text for the terminal, JSON
/// for tools and Markdown for documentation (docs/rules.md is this output).
public enum RuleReferenceReporter {
  /// The forms the reference is written in: text, JSON or Markdown.
  public enum Format: String, CaseIterable, Sendable { case text, json, markdown }

  /// Every rule with its default severity and the one in force (`inForce` holds the rules the
  /// configuration re-grades; nil is off).
  public static func list(_ format: Format, inForce: [RuleID: Severity?] = [:]) -> String {
    func now(_ d: RuleDescription) -> String {
      inForce[d.id].map { $0?.rawValue ?? "off" } ?? d.severity.rawValue
    }
    func pad(_ s: String, _ width: Int) -> String { s.padding(toLength: width, withPad: " ", startingAt: 0) }
    var out = ""
    switch format {
    case .text:
      out += "rule                         default  in force summary\n"
      for d in Registry.descriptions {
        out += "\(pad(d.id.rawValue, 28)) \(pad(d.severity.rawValue, 8)) \(pad(now(d), 8)) \(d.summary)\n"
      }
    case .markdown:
      out += markdown(now: now)
    case .json:
      let items = Registry.descriptions.map { d -> [String: Any] in
        [
          "id": d.id.rawValue, "defaultSeverity": d.severity.rawValue, "severity": now(d),
          "category": d.category.rawValue, "summary": d.summary,
        ]
      }
      // Foundation's writer with sorted keys gives the same bytes on every run.
      let data =
        (try? JSONSerialization.data(
          withJSONObject: ["version": 1, "rules": items], options: [.prettyPrinted, .sortedKeys])) ?? Data()
      out = String(decoding: data, as: UTF8.self) + "\n"
    }
    return out
  }

  /// The rules reference in Markdown: a table of every rule, then a section per rule with its
  /// explanation and examples (docs/rules.md is this text).
  static func markdown(now: (RuleDescription) -> String) -> String {
    var out = "# soclint rules\n\n"
    out += "Every rule, its default severity and the severity in force under the configuration read. "
    out += "Each rule's examples below are run by soclint's tests. Most examples start from this control, "
    out += "with an owners list declaring alice and bob and a catalog soc1 declaring CO-1; in a failing "
    out += "example, ↓ marks where each finding points:\n\n"
    out += "```yaml\n\(Example.goodControl)```\n\n"
    out += "| rule | default | in force | summary |\n| --- | --- | --- | --- |\n"
    for d in Registry.descriptions {
      out +=
        "| [`\(d.id)`](#\(d.id)) | \(d.severity.rawValue) | \(now(d)) | \(d.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
    }
    for category in RuleCategory.allCases {
      out += "\n## \(category.rawValue)\n"
      for d in Registry.descriptions where d.category == category {
        out += "\n### \(d.id)\n\n"
        out += "\(d.severity.rawValue)\(d.isStructural ? ", cannot be turned off or silenced" : "")\n\n"
        out += "\(d.summary).\n\n\(d.explanation)\n"
        for (title, examples) in [("Fails", d.failing), ("Passes", d.passing)] {
          for e in examples {
            if e.files.count == 1 && e.files[0].text == Example.goodControl {
              out += "\n\(title): the control at the top.\n"
              continue
            }
            out += "\n\(title):\n"
            for file in e.markedFiles { out += markdownFile(file) }
            out += markdownHistory(e)
          }
        }
      }
    }
    return out
  }

  /// One rule: its summary, explanation and examples, the files of each shown indented.
  public static func explain(_ d: RuleDescription) -> String {
    var out =
      "\(d.id) (\(d.severity.rawValue), \(d.category.rawValue.lowercased()))\n\n\(d.summary).\n\n\(d.explanation)\n"
    func show(_ file: (path: String, text: String), indent: String) {
      out += "\n\(indent)# \(file.path)\n"
      for line in file.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(
        file.text.hasSuffix("\n") ? 1 : 0)
      {
        out += line.isEmpty ? "\n" : "\(indent)\(line.replacingOccurrences(of: "\u{0}", with: "\\0"))\n"
      }
    }
    func show(_ title: String, _ examples: [Example]) {
      for e in examples {
        out += "\n\(title):\n"
        for file in e.files { show(file, indent: "  ") }
        if !e.history.isEmpty { out += "\n  In a git repository whose history is, oldest first:\n" }
        for commit in e.history {
          let shown = commit.files.isEmpty ? "the files above" : "the files above, except"
          out += "\n  - \(commit.day), \(commit.author): \(commit.summary); \(shown)\n"
          for file in commit.files { show(file, indent: "      ") }
        }
      }
    }
    show("Fails", d.failing)
    show("Passes", d.passing)
    return out
  }

  /// A file of an example as a fenced block, in its language.
  static func markdownFile(_ file: (path: String, text: String)) -> String {
    let markdown = file.path.hasSuffix(".md")
    var out =
      markdown ? "\n```markdown\n<!-- \(file.path) -->\n" : "\n```yaml\n# \(file.path)\n"
    out += file.text.replacingOccurrences(of: "\u{0}", with: "\\0")
    if !file.text.hasSuffix("\n") { out += "\n" }
    return out + "```\n"
  }

  /// The git history of an example, oldest commit first, with the files that differed then.
  static func markdownHistory(_ e: Example) -> String {
    guard !e.history.isEmpty else { return "" }
    var out = "\nIn a git repository whose history is, oldest first:\n\n"
    for commit in e.history {
      let shown = commit.files.isEmpty ? "the files above" : "the files above, except"
      out += "- \(commit.day), \(commit.author): \(commit.summary); \(shown)\n"
      for file in commit.files {
        out += markdownFile(file).split(separator: "\n", omittingEmptySubsequences: false).map {
          $0.isEmpty ? "" : "  \($0)"
        }.joined(separator: "\n")
      }
    }
    return out
  }
}
