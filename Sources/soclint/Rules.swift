import ArgumentParser
import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules

struct Rules: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List every rule with its severity.")

  @Option(help: ArgumentHelp("The output format.", valueName: "FORMAT"))
  var format: RuleReferenceReporter.Format = .text

  @Option(
    help: ArgumentHelp(
      "The configuration whose severities are shown (default: found by walking up, if any).",
      valueName: "FILE"))
  var config: String?

  func run() throws {
    Output.standard(RuleReferenceReporter.list(format, inForce: severitiesInForce()))
  }

  /// Severities from the configuration's `rules`, when a configuration is found and valid; only
  /// the configuration is read.
  func severitiesInForce() -> [RuleID: Severity?] {
    guard let session = try? ProjectOptions.parse(config.map { ["--config", $0] } ?? []).session(),
      let loader = try? ProjectLoader.standard(),
      let configuration = try? loader.loadConfiguration(session.options).configuration
    else { return [:] }
    var out: [RuleID: Severity?] = [:]
    for s in configuration.rules {
      guard let id = RuleID(rawValue: s.rule.value), !id.isStructural else { continue }
      out[id] = s.severity
    }
    return out
  }
}

extension RuleReferenceReporter.Format: ExpressibleByArgument {}
