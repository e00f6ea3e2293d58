/// A framework soclint carries, so no catalog declares it: everything about it in one value, so
/// that a second built-in framework is one more entry in `all`.
public struct BuiltInFramework: Sendable {
  /// Its requirements, as the rules look them up.
  public let framework: Framework
  /// How reports name it ("SOC 2").
  public let displayName: String
  /// The categories a configuration may scope it by.
  public let categories: [String]
  /// A category that must always be in scope when the framework is (SOC 2's security), reported
  /// by security-not-in-scope.
  public let requiredCategory: String?
  /// Names of the series its requirement ids group into (the part before the dot: CC6), for
  /// help about unknown ids and for the report's grid; empty when its ids have no series.
  public let seriesNames: [String: String]

  /// The framework id controls and the configuration use ("soc2").
  public var id: String { framework.id }

  /// A built-in framework; its requirements become a `Framework` without a catalog.
  public init(
    id: String, displayName: String, title: String, categories: [String], requiredCategory: String?,
    requirements: [Framework.Requirement], seriesNames: [String: String]
  ) {
    self.framework = Framework(id: id, title: title, requirements: requirements, catalog: nil)
    self.displayName = displayName
    self.categories = categories
    self.requiredCategory = requiredCategory
    self.seriesNames = seriesNames
  }

  /// Every built-in framework.
  public static let all: [BuiltInFramework] = [SOC2.builtIn]

  /// The built-in framework with this id, if any.
  public static func named(_ id: String) -> BuiltInFramework? { all.first { $0.id == id } }
}
