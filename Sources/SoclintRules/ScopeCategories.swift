import SoclintDiagnostics
import SoclintModel

/// The categories named under `frameworks.<id>.categories` must exist: a misspelt category
/// would silently narrow the scope (coverage at 100% with a category left out). Such a name
/// makes the configuration invalid, like a rule name that is not a rule.
enum ScopeCategories {
  static func findings(_ context: LintContext) -> [Finding] {
    var out: [Finding] = []
    for scope in context.configuration.scopes {
      let id = scope.framework.value
      guard let items = scope.categoriesNode?.sequence, let framework = context.frameworks[id] else {
        continue
      }
      let known: [String]
      let what: String
      if let builtIn = BuiltInFramework.named(id) {
        known = builtIn.categories
        what = "a category of \(id)"
      } else {
        // A broken catalog may be missing the requirement that has the category.
        if context.project.catalogsIncomplete { continue }
        var seen = Set<String>()
        known = framework.requirements.compactMap(\.category).filter { seen.insert($0).inserted }
        what = "a category of any requirement of the catalog '\(id)'"
      }
      for (i, item) in items.enumerated() {
        guard let name = item.string, !known.contains(name) else { continue }
        var help: [String] = []
        if let s = Suggest.closest(to: name, in: known) { help.append("did you mean '\(s)'?") }
        help.append(
          known.isEmpty
            ? "no requirement of the catalog '\(id)' has a category; remove 'categories' to take them all"
            : "the categories of \(id): \(known.joined(separator: ", "))")
        let pointer = scope.framework.pointer + "/categories/\(i)"
        out.append(
          Finding(
            rule: .invalidValue, severity: .error,
            message: "'\(name)' in 'categories' of framework '\(id)' is not \(what)",
            range: context.configuration.file.range(of: item), pointer: pointer, help: help,
            subject: [id, name]))
      }
    }
    return out
  }
}
