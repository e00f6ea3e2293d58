import SoclintYAML

/// Whether an instance is valid, by a walk over the compiled keywords flattened into plain
/// values: the question asked of every document, whose answer is nearly always yes.
///
/// The evaluation (`SchemaEvaluation`) reaches each keyword through objects and enum payloads
/// that count a reference at every step: a third of its instructions, on objects that every
/// reading thread shares. Here each subschema is one `Flat` of numbers and unowned references,
/// read in place. A subschema with any keyword the flat form does not hold (`const`, `allOf`,
/// `uniqueItems`, ...) is handed whole to the evaluation, so the answer is the evaluation's by
/// construction: only its cost differs. Tests hold the two to the same answer on every document
/// of the test suites and on documents built to differ from valid ones in one place.
final class SchemaProbe: @unchecked Sendable {
  // Sendable: everything is written once in `init` and only read afterwards; the unowned
  // references point into `subschemas`, which this object keeps alive.

  /// One subschema's keywords as the probe reads them; -1 (or nil) where the keyword is absent.
  struct Flat {
    /// The subschema has a keyword not held here: the evaluation probes it.
    var generic = false
    /// `type`, as a `JSONTypeSet`'s raw value; 0 when there is no `type`.
    var types: UInt8 = 0
    var ref = -1
    var minLength = -1
    var maxLength = -1
    var pattern: Unmanaged<SchemaPattern>? = nil
    var format: StringFormat? = nil
    /// `enum` whose values are all strings.
    var enumeration: Unmanaged<EnumRule>? = nil
    var members: Unmanaged<MembersRule>? = nil
    /// `required`: the range of its names in `requiredNames`.
    var requiredStart = 0
    var requiredCount = 0
    var propertyNames = -1
    /// `items` without `prefixItems`.
    var items = -1
    var minItems = -1
    var maxItems = -1
    var uniqueItems = false
  }

  private let subschemas: [Subschema]
  private let writtenIntegers: Bool
  private let flats: UnsafeMutableBufferPointer<Flat>
  private let requiredNames: UnsafeMutableBufferPointer<String>
  /// The same names as keys to look up in a flat document.
  private let requiredKeys: UnsafeMutableBufferPointer<FlatYAML.Key>

  init(subschemas: [Subschema], writtenIntegers: Bool) {
    self.subschemas = subschemas
    self.writtenIntegers = writtenIntegers
    var names: [String] = []
    let flats = subschemas.map { SchemaProbe.flatten($0, requiredNames: &names) }
    self.flats = .allocate(capacity: flats.count)
    _ = self.flats.initialize(from: flats)
    requiredNames = .allocate(capacity: names.count)
    _ = requiredNames.initialize(from: names)
    requiredKeys = .allocate(capacity: names.count)
    _ = requiredKeys.initialize(from: names.map(FlatYAML.Key.init))
  }

  deinit {
    flats.deinitialize()
    flats.deallocate()
    requiredNames.deinitialize()
    requiredNames.deallocate()
    requiredKeys.deinitialize()
    requiredKeys.deallocate()
  }

  private static func flatten(_ schema: Subschema, requiredNames: inout [String]) -> Flat {
    var flat = Flat()
    for keyword in schema.keywords {
      switch keyword.rule {
      case .type(let allowed, _) where !allowed.isEmpty: flat.types = allowed.rawValue
      case .ref(let target): flat.ref = target
      case .minLength(let min): flat.minLength = min
      case .maxLength(let max): flat.maxLength = max
      case .pattern(let pattern): flat.pattern = Unmanaged.passUnretained(pattern)
      case .format(let format): flat.format = format
      case .enumeration(let rule) where rule.strings != nil: flat.enumeration = Unmanaged.passUnretained(rule)
      case .members(let rule): flat.members = Unmanaged.passUnretained(rule)
      case .required(let names):
        flat.requiredStart = requiredNames.count
        flat.requiredCount = names.count
        requiredNames += names
      case .propertyNames(let nameSchema): flat.propertyNames = nameSchema
      case .items(let prefix, let rest) where prefix.isEmpty: flat.items = rest ?? -1
      case .minItems(let min): flat.minItems = min
      case .maxItems(let max): flat.maxItems = max
      case .uniqueItems: flat.uniqueItems = true
      default: flat.generic = true
      }
    }
    // A keyword given twice would need a list where `Flat` has one field: such a subschema is
    // left to the evaluation rather than keep only one of them. (A schema object names each
    // keyword once, so this is a guard, not a case.)
    var kinds = Set<Int>()
    for keyword in schema.keywords where !kinds.insert(SchemaProbe.kind(keyword.rule)).inserted {
      flat.generic = true
    }
    return flat
  }

  /// A number for each case of `KeywordRule`, to find one given twice.
  private static func kind(_ rule: KeywordRule) -> Int {
    switch rule {
    case .type: return 0
    case .ref: return 1
    case .minLength: return 2
    case .maxLength: return 3
    case .pattern: return 4
    case .format: return 5
    case .enumeration: return 6
    case .members: return 7
    case .required: return 8
    case .propertyNames: return 9
    case .items: return 10
    case .minItems: return 11
    case .maxItems: return 12
    case .uniqueItems: return 13
    default: return 14
    }
  }

  /// Whether `node` is valid against the subschema at `index`.
  func isValid(_ node: Node, against index: Int = 0) -> Bool {
    let flat = flats[index]
    if flat.generic { return isValidByEvaluation(node, index, JSONValue(node)) }
    // An `enum` of strings: only a string can be among them.
    if flat.enumeration != nil && !(node.scalar?.isString ?? false) { return false }
    switch node.content {
    case .mapping(let pairs):
      if flat.types != 0 && flat.types & JSONTypeSet.object.rawValue == 0 { return false }
      if !object(pairs, flat) { return false }
    case .sequence(let items):
      if flat.types != 0 && flat.types & JSONTypeSet.array.rawValue == 0 { return false }
      if !array(items, flat) { return false }
      // Lists of a few distinct strings (tags) are told here; for anything else, the evaluation
      // compares items by JSON equality.
      if flat.uniqueItems && !SchemaProbe.areFewDistinctStrings(items) {
        return isValidByEvaluation(node, index, JSONValue(node))
      }
    case .scalar(let scalar):
      if !self.scalar(kind: scalar.kind, flat, string: { scalar.stringValue! }) { return false }
    }
    return flat.ref < 0 || isValid(node, against: flat.ref)
  }

  private func isValidByEvaluation(_ node: Node, _ index: Int, _ value: JSONValue) -> Bool {
    var evaluation = SchemaEvaluation(
      subschemas: subschemas, collecting: false, writtenIntegers: writtenIntegers)
    return evaluation.evaluate(index, node, value)
  }

  /// Whether a scalar of `kind` is valid against `flat`; `string` gives its string when it is
  /// one, read only for a subschema with string keywords (making the value copied the text).
  private func scalar(kind: Node.Scalar.Kind, _ flat: Flat, string: () -> String) -> Bool {
    let type: JSONTypeSet
    switch kind {
    case .null: type = .null
    case .bool: type = .boolean
    case .int: type = .integer
    case .float(let d): type = JSONTypeSet.of(d, writtenIntegers: writtenIntegers)
    case .string:
      if flat.types != 0 && flat.types & JSONTypeSet.string.rawValue == 0 { return false }
      let keywords =
        flat.minLength >= 0 || flat.maxLength >= 0 || flat.pattern != nil || flat.format != nil
        || flat.enumeration != nil
      return !keywords || self.string(string(), flat)
    }
    return flat.types == 0 || flat.types & type.rawValue != 0
  }

  /// The string keywords; a string passes every other keyword.
  private func string(_ s: String, _ flat: Flat) -> Bool {
    if flat.minLength >= 0 && SchemaEvaluation.isShorter(s, than: flat.minLength) { return false }
    if flat.maxLength >= 0 && SchemaEvaluation.isLonger(s, than: flat.maxLength) { return false }
    if let pattern = flat.pattern, !pattern._withUnsafeGuaranteedRef({ $0.matches(s) }) { return false }
    if let format = flat.format, !format.accepts(s) { return false }
    if let enumeration = flat.enumeration,
      !enumeration._withUnsafeGuaranteedRef({ $0.containsString(s) })
    {
      return false
    }
    return true
  }

  /// Whether a property name (a string) is valid against the subschema at `index`.
  private func isValidName(_ name: String, _ index: Int, key: () -> Node) -> Bool {
    let flat = flats[index]
    if flat.generic { return isValidByEvaluation(key(), index, .string(name)) }
    if flat.types != 0 && flat.types & JSONTypeSet.string.rawValue == 0 { return false }
    return string(name, flat) && (flat.ref < 0 || isValidName(name, flat.ref, key: key))
  }

  private func object(_ pairs: [Node.Pair], _ flat: Flat) -> Bool {
    if flat.requiredCount > 0 && !hasRequired(pairs, flat) { return false }
    if let members = flat.members {
      let valid = members._withUnsafeGuaranteedRef { rule in
        // By index, reading only the fields used (see `SchemaEvaluation.evaluateMembers`).
        for i in pairs.indices {
          guard let name = pairs[i].keyText else { continue }
          var matched = false
          if let property = rule.property(named: name) {
            matched = true
            if !isValid(pairs[i].value, against: property) { return false }
          }
          for k in 0..<rule.uncountedPatterns.count where rule.uncountedPatterns[k].matches(name) {
            matched = true
            if !isValid(pairs[i].value, against: rule.uncountedPatterns[k].schema) { return false }
          }
          guard !matched, let additional = rule.additional else { continue }
          if rule.additionalIsFalse || !isValid(pairs[i].value, against: additional) { return false }
        }
        return true
      }
      if !valid { return false }
    }
    if flat.propertyNames >= 0 {
      for i in pairs.indices {
        guard let name = pairs[i].keyText else { continue }
        if !isValidName(name, flat.propertyNames, key: { pairs[i].key }) { return false }
      }
    }
    return true
  }

  /// Whether every name of `required` is among the keys.
  private func hasRequired(_ pairs: [Node.Pair], _ flat: Flat) -> Bool {
    for n in flat.requiredStart..<flat.requiredStart + flat.requiredCount {
      let found = pairs.withUnsafeBufferPointer {
        Node.Pair.firstIndex(ofKey: requiredNames[n], in: $0) != nil
      }
      if !found { return false }
    }
    return true
  }

  /// Whether the items are at most 16 strings, no two the same; false also when it cannot tell.
  private static func areFewDistinctStrings(_ items: [Node]) -> Bool {
    guard items.count <= 16 else { return false }
    for i in items.indices {
      guard let s = items[i].string else { return false }
      for j in 0..<i where items[j].string!.isExactlyEqual(to: s) { return false }
    }
    return true
  }

  private func array(_ items: [Node], _ flat: Flat) -> Bool {
    if flat.minItems >= 0 && items.count < flat.minItems { return false }
    if flat.maxItems >= 0 && items.count > flat.maxItems { return false }
    if flat.items >= 0 {
      for item in items where !isValid(item, against: flat.items) { return false }
    }
    return true
  }
}

// MARK: - Files read flat

extension SchemaProbe {
  /// Whether the value at `index` of a file read flat is valid against the subschema at
  /// `schema`: the answer `isValid(yaml.node(at: index), against: schema)` gives, keyword for
  /// keyword, without the nodes. A subschema the probe leaves to the evaluation gets the
  /// value's nodes, made for it.
  func isValid(_ yaml: FlatYAML, _ index: Int32, against schema: Int = 0) -> Bool {
    let flat = flats[schema]
    if flat.generic {
      let node = yaml.node(at: index)
      return isValidByEvaluation(node, schema, JSONValue(node))
    }
    // Each field is read in place: a copy of the whole value counted its text in and out.
    let at = Int(index)
    let values = yaml.values
    if values[at].scalar != nil {
      if flat.enumeration != nil && !values[at].scalar!.isString { return false }
      // By kind: the string is read only for a subschema with string keywords.
      if !self.scalar(kind: values[at].scalar!.kind, flat, string: { values[at].scalar!.stringValue! }) {
        return false
      }
    } else if flat.enumeration != nil {
      return false
    } else if values[at].isMapping {
      if flat.types != 0 && flat.types & JSONTypeSet.object.rawValue == 0 { return false }
      if !object(yaml, index, flat) { return false }
    } else {
      if flat.types != 0 && flat.types & JSONTypeSet.array.rawValue == 0 { return false }
      let items = Int(values[at].first)..<Int(values[at].first + values[at].count)
      if !array(yaml, items, flat) { return false }
      if flat.uniqueItems && !SchemaProbe.areFewDistinctStrings(yaml, items) {
        let node = yaml.node(at: index)
        return isValidByEvaluation(node, schema, JSONValue(node))
      }
    }
    return flat.ref < 0 || isValid(yaml, index, against: flat.ref)
  }

  private func object(_ yaml: FlatYAML, _ index: Int32, _ flat: Flat) -> Bool {
    let first = Int(yaml.values[Int(index)].first)
    let pairs = first..<first + Int(yaml.values[Int(index)].count)
    let pair = yaml.pairs
    if flat.requiredCount > 0 {
      for n in flat.requiredStart..<flat.requiredStart + flat.requiredCount
      where yaml.pairIndex(requiredKeys[n], in: index) == nil {
        return false
      }
    }
    if let members = flat.members {
      let valid = members._withUnsafeGuaranteedRef { rule in
        // In place, reading only the fields used, each key by its bytes.
        for i in pairs {
          let valid = yaml.withKeyBytes(pair[i]) { key -> Bool in
            var matched = false
            if let property = rule.property(
              length: Int(pair[i].keyLength), prefix: pair[i].keyPrefix, utf8: key)
            {
              matched = true
              if !isValid(yaml, pair[i].value, against: property) { return false }
            }
            // The patterns are read without counting a reference: see `MembersRule`.
            for k in 0..<rule.uncountedPatterns.count where rule.uncountedPatterns[k].matches(utf8: key) {
              matched = true
              if !isValid(yaml, pair[i].value, against: rule.uncountedPatterns[k].schema) { return false }
            }
            guard !matched, let additional = rule.additional else { return true }
            return !rule.additionalIsFalse && isValid(yaml, pair[i].value, against: additional)
          }
          if !valid { return false }
        }
        return true
      }
      if !valid { return false }
    }
    if flat.propertyNames >= 0 {
      for i in pairs {
        if !isValidName(yaml.keyText(pair[i]), flat.propertyNames, key: { yaml.keyNode(pair[i]) }) {
          return false
        }
      }
    }
    return true
  }

  /// `areFewDistinctStrings` of a sequence read flat, whose items are `items` of `yaml.items`.
  private static func areFewDistinctStrings(_ yaml: FlatYAML, _ items: Range<Int>) -> Bool {
    guard items.count <= 16 else { return false }
    for i in items {
      guard let s = yaml.string(yaml.items[i]) else { return false }
      for j in items.lowerBound..<i where yaml.string(yaml.items[j])!.isExactlyEqual(to: s) { return false }
    }
    return true
  }

  private func array(_ yaml: FlatYAML, _ items: Range<Int>, _ flat: Flat) -> Bool {
    if flat.minItems >= 0 && items.count < flat.minItems { return false }
    if flat.maxItems >= 0 && items.count > flat.maxItems { return false }
    if flat.items >= 0 {
      for i in items where !isValid(yaml, yaml.items[i], against: flat.items) { return false }
    }
    return true
  }
}
