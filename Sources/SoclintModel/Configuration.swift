import Foundation
import SoclintDiagnostics
import SoclintSchema
import SoclintYAML

/// The project's `.soclint.yaml`, typed.
public struct Configuration: Sendable {
  public struct Exclusion: Sendable {
    public let requirement: Located<String>
    public let reason: String
  }

  public struct Scope: Sendable {
    /// The framework id, located at its key under `frameworks`.
    public let framework: Located<String>
    /// The value of `categories`, when given.
    public let categoriesNode: Node?
    public let categories: [String]?
    public let exclusions: [Exclusion]
  }

  public struct RuleSetting: Sendable {
    public let rule: Located<String>
    /// `error`, `warning`, `info`, or nil for `off`.
    public let severity: Severity?
  }

  public let file: SourceFile
  public let include: [Glob]
  public let exclude: [Glob]
  public let scopes: [Scope]
  public let graceDays: Int
  public let dueSoonDays: Int
  public let reviewInterval: Duration
  public let asOf: Located<Day>?
  public let rules: [RuleSetting]

  public static let defaultInclude = ["Controls/**/*.yaml", "Controls/**/*.yml"]

  /// Builds the typed configuration from a document that passed the schema.
  public init(document root: Node, file: SourceFile) {
    self.file = file
    func strings(_ node: Node?) -> [String]? {
      node?.sequence?.compactMap { $0.string }
    }
    include = (strings(root["include"]) ?? Configuration.defaultInclude).map(Glob.init)
    exclude = (strings(root["exclude"]) ?? []).map(Glob.init)
    var scopes: [Scope] = []
    for pair in root["frameworks"]?.mapping ?? [] {
      guard let id = pair.key.keyText, !id.hasPrefix("x-") else { continue }
      let pointer = "/frameworks/" + JSONPointer.escape(id)
      var exclusions: [Exclusion] = []
      for (i, item) in (pair.value["exclusions"]?.sequence ?? []).enumerated() {
        guard let req = item["requirement"], let text = req.string else { continue }
        exclusions.append(
          Exclusion(
            requirement: Located(
              text, node: req, pointer: "\(pointer)/exclusions/\(i)/requirement", file: file),
            reason: item["reason"]?.string ?? ""))
      }
      scopes.append(
        Scope(
          framework: Located(id, node: pair.key, pointer: pointer, file: file),
          categoriesNode: pair.value["categories"], categories: strings(pair.value["categories"]),
          exclusions: exclusions))
    }
    self.scopes = scopes
    let staleness = root["staleness"]
    graceDays =
      staleness?["grace_days"].flatMap { if case .int(let v)? = $0.scalar?.value { v } else { nil } } ?? 0
    dueSoonDays =
      staleness?["due_soon_days"].flatMap { if case .int(let v)? = $0.scalar?.value { v } else { nil } } ?? 14
    reviewInterval =
      staleness?["review_interval"]?.string.flatMap(Duration.init) ?? .months(12, name: "annual")
    if let node = root["as_of"], let text = node.string, let day = Day(text) {
      asOf = Located(day, node: node, pointer: "/as_of", file: file)
    } else {
      asOf = nil
    }
    var rules: [RuleSetting] = []
    for pair in root["rules"]?.mapping ?? [] {
      guard let id = pair.key.keyText, !id.hasPrefix("x-") else { continue }
      let value = pair.value.string ?? "off"
      rules.append(
        RuleSetting(
          rule: Located(id, node: pair.key, pointer: "/rules/" + JSONPointer.escape(id), file: file),
          severity: Severity(rawValue: value)))
    }
    self.rules = rules
  }
}
