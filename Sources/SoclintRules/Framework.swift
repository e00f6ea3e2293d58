import SoclintModel

/// A framework a control can map to: the built-in SOC 2 criteria or a user catalog.
///
/// A reference type: every requirement id a control maps carries its framework, and copying
/// a struct of five fields costs a retain per field.
public final class Framework: Sendable {
  /// One requirement: a SOC 2 criterion or a catalog's control objective.
  public struct Requirement: Sendable {
    /// The id controls map to ("CC6.1", "CO-1").
    public let id: String
    /// A short title for reports.
    public let title: String
    /// The category a scope can select it by; nil when the catalog gives none.
    public let category: String?
  }

  /// The framework id ("soc2", "soc1").
  public let id: String
  /// The title reports show.
  public let title: String
  /// Every requirement, in the order declared.
  public let requirements: [Requirement]
  /// The catalog that declares it; nil for the built-in SOC 2.
  public let catalog: Catalog?
  private let index: [String: Int]

  /// A framework from its parts; `catalog` is nil for a built-in one.
  public init(id: String, title: String, requirements: [Requirement], catalog: Catalog?) {
    self.id = id
    self.title = title
    self.requirements = requirements
    self.catalog = catalog
    var index: [String: Int] = [:]
    for (i, r) in requirements.enumerated() where index[r.id] == nil { index[r.id] = i }
    self.index = index
  }

  /// The requirement with this id, if the framework has it.
  public func requirement(_ id: String) -> Requirement? { index[id].map { requirements[$0] } }

  /// The position of the requirement with this id in `requirements`, when there is one.
  public func requirementIndex(_ id: String) -> Int? { index[id] }

  /// The framework a user catalog declares.
  public convenience init(catalog: Catalog) {
    self.init(
      id: catalog.framework.value, title: catalog.title.value,
      requirements: catalog.requirements.map {
        Requirement(id: $0.id.value, title: $0.title, category: $0.category)
      }, catalog: catalog)
  }

  /// For an unknown requirement id, the help line: the ids of its series for a built-in
  /// framework whose ids have series ("CC6 has CC6.1 to CC6.8"), else the closest id.
  public func helpForUnknown(_ id: String) -> String? {
    if let builtIn = BuiltInFramework.named(self.id), !builtIn.seriesNames.isEmpty,
      let dot = id.firstIndex(of: ".")
    {
      let series = String(id[..<dot]).uppercased()
      let members = requirements.filter { $0.id.hasPrefix(series + ".") }
      if let first = members.first, let last = members.last {
        let closest = Suggest.closest(to: id, in: members.map(\.id))
        let prefix = closest.map { "did you mean '\($0)'? " } ?? ""
        return members.count == 1
          ? "\(prefix)\(series) has only \(first.id)" : "\(prefix)\(series) has \(first.id) to \(last.id)"
      }
    }
    return Suggest.closest(to: id, in: requirements.map(\.id)).map { "did you mean '\($0)'?" }
  }
}
