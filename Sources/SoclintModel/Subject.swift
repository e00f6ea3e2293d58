import SoclintSchema
import SoclintYAML

/// Names the thing a node belongs to, for messages: "control AC-01", "evidence 'ticket' of
/// control AC-01", "owner 'alice'", "the configuration".
enum Subject {
  static func describe(kind: DocumentKind, root: Node, path: [PathComponent]) -> String {
    func id(_ node: Node?, _ key: String = "id") -> String? {
      guard let s = node?[key]?.scalar, !s.text.isEmpty else { return nil }
      return s.text
    }
    switch kind {
    case .control:
      let control = id(root).map { "control \($0)" } ?? "this control"
      if path.count >= 2, case .key("evidence") = path[0], case .index(let i) = path[1] {
        let item = root["evidence"]?.sequence?[i]
        return (id(item).map { "evidence '\($0)'" } ?? "evidence item \(i + 1)") + " of \(control)"
      }
      return control
    case .owners:
      if path.count >= 2, case .key("owners") = path[0], case .index(let i) = path[1] {
        return id(root["owners"]?.sequence?[i]).map { "owner '\($0)'" } ?? "owner \(i + 1) of the owners list"
      }
      return "the owners list"
    case .catalog:
      let catalog = id(root, "framework").map { "catalog \($0)" } ?? "this catalog"
      if path.count >= 2, case .key("requirements") = path[0], case .index(let i) = path[1] {
        let item = root["requirements"]?.sequence?[i]
        return (id(item).map { "requirement '\($0)'" } ?? "requirement \(i + 1)") + " of \(catalog)"
      }
      return catalog
    case .policy:
      return id(root).map { "policy \($0)" } ?? "this policy"
    case .config:
      if path.count >= 2, case .key("frameworks") = path[0], case .key(let f) = path[1] {
        if path.count >= 4, case .key("exclusions") = path[2], case .index(let i) = path[3] {
          return "exclusion \(i + 1) of framework \(f) in the configuration"
        }
        return "framework \(f) in the configuration"
      }
      if let first = path.first, case .key(let section) = first, section == "staleness" {
        return "'staleness' in the configuration"
      }
      return "the configuration"
    }
  }
}
