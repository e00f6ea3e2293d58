import Foundation
import SoclintDiagnostics
import SoclintSchema
import SoclintYAML

/// The project's `.soclint.yaml`, typed.
public struct Configuration: Sendable {
  /// A requirement carved out of a framework's scope, with the reason given for the auditor.
  public struct Exclusion: Sendable {
    /// The excluded requirement's id, located at its value.
    public let requirement: Located<String>
    /// Why it is out of scope and who meets it instead; empty when not given.
    public let reason: String
  }

  /// One entry of `frameworks`: a framework in scope, and what of it.
  public struct Scope: Sendable {
    /// The framework id, located at its key under `frameworks`.
    public let framework: Located<String>
    /// The value of `categories`, when given.
    public let categoriesNode: Node?
    /// The categories the scope is narrowed to; nil when every category is in scope.
    public let categories: [String]?
    /// The requirements carved out of this framework's scope, in the order written.
    public let exclusions: [Exclusion]
  }

  /// One entry of `rules`: a rule re-graded or turned off.
  public struct RuleSetting: Sendable {
    /// The rule id as written, located at its key; it may name no rule (unknown-rule).
    public let rule: Located<String>
    /// `error`, `warning`, `info`, or nil for `off`.
    public let severity: Severity?
  }

  /// The examination the repository is being prepared for (`audit`).
  public enum Audit: Sendable {
    /// Type I: the design of the controls as of one day.
    case type1(date: Located<Day>)
    /// Type II: the controls operated throughout the period from `start` to `end`, both included.
    case type2(start: Located<Day>, end: Located<Day>)

    /// 1 or 2.
    public var type: Int {
      if case .type1 = self { return 1 }
      return 2
    }

    /// The observation period of a Type II audit; nil for Type I.
    public var period: AuditPeriod? {
      if case .type2(let start, let end) = self { return AuditPeriod(start: start.value, end: end.value) }
      return nil
    }
  }

  /// The `.soclint.yaml` file it was read from.
  public let file: SourceFile
  /// The globs of the files to read; `defaultInclude` when not given.
  public let include: [Glob]
  /// The globs of files to leave out even though `include` matches them.
  public let exclude: [Glob]
  /// The frameworks in scope, in the order written.
  public let scopes: [Scope]
  /// Days added to every due date before evidence or a review counts as stale; 0 by default.
  public let graceDays: Int
  /// How many days before its due date evidence is reported due soon; 14 by default.
  public let dueSoonDays: Int
  /// How often a control's design is reviewed when the control does not say; annual by default.
  public let reviewInterval: Duration
  /// The day staleness is judged on, when the configuration pins one (the command line's `--as-of` wins).
  public let asOf: Located<Day>?
  /// The severity overrides, in the order written.
  public let rules: [RuleSetting]
  /// The examination being prepared, when the configuration names one.
  public let audit: Audit?

  /// The files read when `include` is not given: every YAML file under Controls/.
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
      guard let id = pair.keyText, !id.hasPrefix("x-") else { continue }
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
          framework: Located(id, start: pair.keyStart, end: pair.keyEnd, pointer: pointer, file: file),
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
    audit = Configuration.audit(root["audit"], file: file)
    var rules: [RuleSetting] = []
    for pair in root["rules"]?.mapping ?? [] {
      guard let id = pair.keyText, !id.hasPrefix("x-") else { continue }
      let value = pair.value.string ?? "off"
      rules.append(
        RuleSetting(
          rule: Located(
            id, start: pair.keyStart, end: pair.keyEnd, pointer: "/rules/" + JSONPointer.escape(id),
            file: file),
          severity: Severity(rawValue: value)))
    }
    self.rules = rules
  }

  static func audit(_ node: Node?, file: SourceFile) -> Audit? {
    guard let node, case .int(let type)? = node["type"]?.scalar?.value else { return nil }
    func day(_ key: String) -> Located<Day>? {
      guard let n = node[key], let text = n.string, let d = Day(text) else { return nil }
      return Located(d, node: n, pointer: "/audit/\(key)", file: file)
    }
    if type == 1, let date = day("date") { return .type1(date: date) }
    if type == 2, let start = day("start"), let end = day("end") { return .type2(start: start, end: end) }
    return nil
  }
}
