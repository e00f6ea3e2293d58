import SoclintModel

/// A framework a control can map to: the built-in SOC 2 criteria or a user catalog.
public struct Framework: Sendable {
  public struct Requirement: Sendable {
    public let id: String
    public let title: String
    public let category: String?
  }

  public let id: String
  public let title: String
  public let requirements: [Requirement]
  /// The catalog that declares it; nil for the built-in SOC 2.
  public let catalog: Catalog?
  private let index: [String: Int]

  public init(id: String, title: String, requirements: [Requirement], catalog: Catalog?) {
    self.id = id
    self.title = title
    self.requirements = requirements
    self.catalog = catalog
    var index: [String: Int] = [:]
    for (i, r) in requirements.enumerated() where index[r.id] == nil { index[r.id] = i }
    self.index = index
  }

  public func requirement(_ id: String) -> Requirement? { index[id].map { requirements[$0] } }

  public init(catalog: Catalog) {
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
