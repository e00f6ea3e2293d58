import SoclintModel
import SoclintRules

/// What `soclint export` hands over, from one lint run: the model, the judgement the rules and
/// the coverage report make on the same as-of date, and the owner the export is for (nil for
/// everyone). Each exporter renders it to bytes and never prints.
public struct Handoff: Sendable {
  /// The context the rules judged with.
  public let context: LintContext
  /// The readiness assessment of the same run.
  public let report: CoverageReport
  /// Only what this owner owns (controls, evidence, reviews); nil for everything.
  public let owner: String?

  /// A hand-off of a lint run's result; throws when coverage cannot be judged (an invalid
  /// configuration, or a control or catalog that could not be read).
  public init(result: LintResult, owner: String? = nil) throws(CoverageReport.Unavailable) {
    let report = try CoverageReport(result: result)
    guard let context = LintContext(result: result) else { throw .configurationInvalid }
    self.context = context
    self.report = report
    self.owner = owner
  }

  /// The day everything is judged on.
  public var asOf: Day { context.asOf }

  /// Controls that are implemented or planned (retired ones are history), in reading order.
  var activeControls: [Control] { context.activeControls }

  /// Whether a control belongs in an export for `owner`.
  func includes(_ control: Control) -> Bool { owner.map { control.owner.value == $0 } ?? true }

  /// Whether something owned by `who` belongs in an export for `owner`.
  func includes(owner who: String) -> Bool { owner.map { who == $0 } ?? true }

  /// A declared owner's email, else empty.
  func email(of id: String) -> String { context.owners[id]?.email ?? "" }

  /// A declared owner's name, else the id.
  func name(of id: String) -> String { context.owners[id]?.name.value ?? id }

  /// Text written in YAML as one value: a folded block's final line break removed, inner ones kept.
  static func text(_ value: String) -> String {
    var s = Substring(value)
    while let last = s.last, last == "\n" || last == " " || last == "\r" || last == "\t" { s = s.dropLast() }
    return String(s)
  }

  /// Ids in byte order.
  static func sortedIDs(_ ids: [String]) -> [String] {
    ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}

/// An export format: the whole output as bytes (CSV carries a byte order mark).
public protocol HandoffExporter: Sendable {
  /// The output for a hand-off.
  func export(_ handoff: Handoff) -> [UInt8]
}
