import ArgumentParser
import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules

struct Rules: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List every rule with its severity.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

  @Option(help: "text, json or markdown.")
  var format: Format = .text

  @Option(help: "The configuration whose severities are shown (default: found by walking up, if any).")
  var config: String?

  func run() throws {
    let inForce = severitiesInForce()
    var out = ""
    switch format {
    case .text:
      out += "rule                         default  in force summary\n"
      for d in Registry.descriptions {
        let now = inForce[d.id].map { $0?.rawValue ?? "off" } ?? d.severity.rawValue
        out +=
          "\(d.id.padding(toLength: 28, withPad: " ", startingAt: 0)) \(d.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(now.padding(toLength: 8, withPad: " ", startingAt: 0)) \(d.summary)\n"
      }
    case .markdown:
      out += "| rule | default | in force | summary |\n| --- | --- | --- | --- |\n"
      for d in Registry.descriptions {
        let now = inForce[d.id].map { $0?.rawValue ?? "off" } ?? d.severity.rawValue
        out +=
          "| `\(d.id)` | \(d.severity.rawValue) | \(now) | \(d.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
      }
    case .json:
      let items = Registry.descriptions.map { d -> [String: Any] in
        let now = inForce[d.id].map { $0?.rawValue ?? "off" } ?? d.severity.rawValue
        return [
          "id": d.id, "defaultSeverity": d.severity.rawValue, "severity": now,
          "category": d.category.rawValue, "summary": d.summary,
        ]
      }
      let data = try JSONSerialization.data(
        withJSONObject: ["version": 1, "rules": items], options: [.prettyPrinted, .sortedKeys])
      out = String(decoding: data, as: UTF8.self) + "\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
  }

  /// Severities from the configuration's `rules`, when a configuration is found and valid.
  func severitiesInForce() -> [String: Severity?] {
    guard let session = try? ProjectOptions.parse(config.map { ["--config", $0] } ?? []).session(),
      let project = try? session.load(), let configuration = project.configuration
    else { return [:] }
    var out: [String: Severity?] = [:]
    for s in configuration.rules where Registry.description(of: s.rule.value)?.isStructural == false {
      out[s.rule.value] = s.severity
    }
    return out
  }
}

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

struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the JSON Schema of a kind, for editors with a YAML language server.")

  @Argument(help: "control, owners, catalog, config or findings.")
  var kind: String = "control"

  func run() throws {
    guard let text = EmbeddedSchemas.all[kind] else {
      let names = EmbeddedSchemas.all.keys.sorted()
      throw Failure("no schema for '\(kind)'; choose one of \(names.joined(separator: ", "))")
    }
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }
}
