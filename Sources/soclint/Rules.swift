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

  /// Severities from the configuration's `rules`, when a configuration is found and valid; only
  /// the configuration is read.
  func severitiesInForce() -> [String: Severity?] {
    guard let session = try? ProjectOptions.parse(config.map { ["--config", $0] } ?? []).session(),
      let loader = try? ProjectLoader.standard(),
      let configuration = try? loader.loadConfiguration(session.options).configuration
    else { return [:] }
    var out: [String: Severity?] = [:]
    for s in configuration.rules where Registry.description(of: s.rule.value)?.isStructural == false {
      out[s.rule.value] = s.severity
    }
    return out
  }
}
