import SoclintYAML

/// Questions about the schema itself, for the layer that writes messages: which properties an
/// object at some instance path may have, with their types and titles.
extension JSONSchemaValidator {
  /// The properties that the subschemas for an object at `path` name in `properties`, in schema
  /// order, following `$ref`, `allOf`, `anyOf`, `oneOf`, `then` and `else`, and through
  /// `properties`, `patternProperties`, `additionalProperties`, `prefixItems` and `items` along
  /// the path. Empty when the schema says nothing about that place.
  public func properties(at path: [PathComponent]) -> [SchemaPropertyInfo] {
    let objectSchemas = subschemas(at: path)
    var seen: Set<ExactString> = []
    var result: [SchemaPropertyInfo] = []
    for index in objectSchemas {
      guard let members = membersRule(of: index) else { continue }
      for name in subschemas[index].knownProperties where seen.insert(ExactString(name)).inserted {
        let propertySchemas = expand([members.properties[ExactString(name)]!])
        result.append(
          SchemaPropertyInfo(
            name: name,
            types: propertySchemas.lazy.map { self.subschemas[$0].typeNames }.first { !$0.isEmpty } ?? [],
            title: propertySchemas.lazy.compactMap { self.subschemas[$0].title }.first,
            description: propertySchemas.lazy.compactMap { self.subschemas[$0].description }.first,
            isRequired: objectSchemas.contains { self.subschemas[$0].requiredProperties.contains(name) }))
      }
    }
    return result
  }

  /// The names of `properties(at:)`.
  public func propertyNames(at path: [PathComponent]) -> [String] {
    properties(at: path).map(\.name)
  }

  /// The `title` of the first subschema for the instance at `path` that has one (a property's
  /// own title before that of the schema it refers to).
  public func title(at path: [PathComponent]) -> String? {
    subschemas(at: path).lazy.compactMap { self.subschemas[$0].title }.first
  }

  /// The string values an `enum` allows at `path`, in schema order, from the first subschema
  /// there with one (for an editor's completion); empty when no `enum` applies.
  public func enumStrings(at path: [PathComponent]) -> [String] {
    for index in subschemas(at: path) {
      for keyword in subschemas[index].keywords {
        if case .enumeration(let rule) = keyword.rule { return rule.values.compactMap(\.string) }
      }
    }
    return []
  }

  /// The JSON type names allowed at `path`, from the first subschema there with a `type`.
  public func types(at path: [PathComponent]) -> [String] {
    subschemas(at: path).lazy.map { self.subschemas[$0].typeNames }.first { !$0.isEmpty } ?? []
  }

  /// The subschemas that apply to the instance at `path` (as far as the schema's structure
  /// tells without the instance).
  func subschemas(at path: [PathComponent]) -> [Int] {
    var current = expand([0])
    for component in path {
      var next: [Int] = []
      for index in current {
        for keyword in subschemas[index].keywords {
          switch (keyword.rule, component) {
          case (.members(let rule), .key(let name)):
            var matched = false
            if let property = rule.properties[ExactString(name)] {
              matched = true
              next.append(property)
            }
            for patternProperty in rule.patternProperties where patternProperty.pattern.matches(name) {
              matched = true
              next.append(patternProperty.schema)
            }
            if !matched, let additional = rule.additional { next.append(additional) }
          case (.items(let prefix, let rest), .index(let i)):
            if let item = i < prefix.count ? prefix[i] : rest { next.append(item) }
          default: break
          }
        }
      }
      current = expand(next)
    }
    return current
  }

  /// The subschemas and those they apply in place, first seen first.
  private func expand(_ start: [Int]) -> [Int] {
    var result: [Int] = []
    var seen: Set<Int> = []
    var queue = start
    var next = 0
    while next < queue.count {
      let index = queue[next]
      next += 1
      guard seen.insert(index).inserted else { continue }
      result.append(index)
      for keyword in subschemas[index].keywords {
        switch keyword.rule {
        case .ref(let target): queue.append(target)
        case .allOf(let branches), .anyOf(let branches), .oneOf(let branches): queue += branches
        case .conditional(_, let then, let otherwise):
          if let then { queue.append(then) }
          if let otherwise { queue.append(otherwise) }
        default: break
        }
      }
    }
    return result
  }

  private func membersRule(of index: Int) -> MembersRule? {
    for keyword in subschemas[index].keywords {
      if case .members(let rule) = keyword.rule { return rule }
    }
    return nil
  }
}
