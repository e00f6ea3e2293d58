import SoclintYAML

/// One evaluation of an instance against compiled subschemas.
///
/// Two modes: a probe (`collecting == false`) stops at the first failure and keeps no path, so
/// that checking a valid instance builds nothing; a collecting evaluation goes on through every
/// keyword and records violations with their instance paths.
struct SchemaEvaluation {
  let subschemas: [Subschema]
  let collecting: Bool
  /// Whether a number written with a fraction or an exponent (`10.0`, `1e1`) is a number, not
  /// an integer; see `JSONSchemaValidator.writtenIntegers`.
  let writtenIntegers: Bool
  private(set) var path: [PathComponent]
  private(set) var violations: [SchemaViolation] = []

  init(subschemas: [Subschema], collecting: Bool, writtenIntegers: Bool, path: [PathComponent] = []) {
    self.subschemas = subschemas
    self.collecting = collecting
    self.writtenIntegers = writtenIntegers
    self.path = path
  }

  /// The violations, instance nodes in document order, then in the order found (keyword order).
  var violationsInDocumentOrder: [SchemaViolation] {
    SchemaEvaluation.inDocumentOrder(violations)
  }

  static func inDocumentOrder(_ violations: [SchemaViolation]) -> [SchemaViolation] {
    if violations.count < 2 { return violations }
    return violations.enumerated()
      .sorted { a, b in
        a.element.node.start != b.element.node.start
          ? a.element.node.start < b.element.node.start : a.offset < b.offset
      }
      .map(\.element)
  }

  /// Whether `node` is valid against the subschema, without recording anything.
  private func passes(_ index: Int, _ node: Node, _ value: JSONValue) -> Bool {
    var probe = SchemaEvaluation(subschemas: subschemas, collecting: false, writtenIntegers: writtenIntegers)
    return probe.evaluate(index, node, value)
  }

  /// The violations of `node` against one subschema, as a separate list (for branches and
  /// property names), at the current path plus `component`.
  private func violations(
    of index: Int, _ node: Node, _ value: JSONValue, at component: PathComponent? = nil
  ) -> [SchemaViolation] {
    var nested = SchemaEvaluation(
      subschemas: subschemas, collecting: true, writtenIntegers: writtenIntegers,
      path: component.map { path + [$0] } ?? path)
    _ = nested.evaluate(index, node, value)
    return nested.violationsInDocumentOrder
  }

  private mutating func report(
    _ kind: SchemaViolation.Kind, _ node: Node, _ location: String, _ schema: Subschema
  ) {
    violations.append(
      SchemaViolation(
        kind: kind, node: node, instancePath: path, schemaPath: location,
        knownProperties: schema.knownProperties, requiredProperties: schema.requiredProperties,
        subschemaTitle: schema.title))
  }

  /// Evaluates a member or an item.
  private mutating func descend(_ index: Int, _ node: Node, _ component: PathComponent) -> Bool {
    guard collecting else { return evaluate(index, node, JSONValue(node)) }
    path.append(component)
    defer { path.removeLast() }
    return evaluate(index, node, JSONValue(node))
  }

  /// Whether `node` (seen as `value`) is valid against the subschema; when collecting, records
  /// why not. A probe returns at the first failure.
  mutating func evaluate(_ index: Int, _ node: Node, _ value: JSONValue) -> Bool {
    let schema = subschemas[index]
    var valid = true
    for keyword in schema.keywords where !evaluate(keyword, of: schema, node, value) {
      valid = false
      if !collecting { return false }
    }
    return valid
  }

  /// Records a violation when collecting; always false, so an evaluator can `return fail(...)`.
  private mutating func fail(
    _ kind: SchemaViolation.Kind, _ node: Node, _ location: String, _ schema: Subschema
  ) -> Bool {
    if collecting { report(kind, node, location, schema) }
    return false
  }

  /// One keyword, by the kind of instance it constrains.
  private mutating func evaluate(
    _ keyword: Keyword, of schema: Subschema, _ node: Node, _ value: JSONValue
  ) -> Bool {
    switch keyword.rule {
    case .members, .required, .propertyNames, .minProperties, .maxProperties, .dependentRequired:
      guard case .object(let pairs) = value else { return true }
      return evaluateObject(keyword, of: schema, node, pairs)
    case .items, .contains, .minItems, .maxItems, .uniqueItems:
      guard case .array(let items) = value else { return true }
      return evaluateArray(keyword, of: schema, node, items)
    case .pattern, .minLength, .maxLength, .format:
      guard case .string(let string) = value else { return true }
      return evaluateString(keyword, of: schema, node, string)
    case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf:
      guard value.number != nil else { return true }
      return evaluateNumber(keyword, of: schema, node, value)
    case .allOf, .anyOf, .oneOf, .not, .conditional, .ref:
      return evaluateApplicator(keyword, of: schema, node, value)
    case .falseSchema, .type, .enumeration, .constant:
      return evaluateAny(keyword, of: schema, node, value)
    }
  }

  /// Keywords that apply to every instance.
  private mutating func evaluateAny(
    _ keyword: Keyword, of schema: Subschema, _ node: Node, _ value: JSONValue
  ) -> Bool {
    let at = keyword.location
    switch keyword.rule {
    case .falseSchema:
      return fail(.falseSchema, node, at, schema)
    case .type(let allowed, let names):
      let type = value.type(writtenIntegers: writtenIntegers)
      return !allowed.isDisjoint(with: type) || fail(.wrongType(expected: names), node, at, schema)
    case .enumeration(let rule):
      let found: Bool
      if let strings = rule.strings {
        if case .string(let s) = value { found = strings.contains(ExactString(s)) } else { found = false }
      } else {
        found = rule.values.contains { JSONValue($0).equals(value) }
      }
      return found || fail(.notInEnum(allowed: rule.values), node, at, schema)
    case .constant(let expected):
      return JSONValue(expected).equals(value) || fail(.notConst(expected: expected), node, at, schema)
    default:
      return true
    }
  }

  /// `properties` with its companions, `required`, `propertyNames`, the property counts and
  /// `dependentRequired`.
  private mutating func evaluateObject(
    _ keyword: Keyword, of schema: Subschema, _ node: Node, _ pairs: [Node.Pair]
  ) -> Bool {
    let at = keyword.location
    switch keyword.rule {
    case .members(let rule):
      return evaluateMembers(rule, keyword, of: schema, pairs)
    case .required(let names):
      let missing = SchemaEvaluation.missing(names, in: pairs)
      for name in missing { _ = fail(.missingProperty(name: name), node, at, schema) }
      return missing.isEmpty
    case .propertyNames(let nameSchema):
      var valid = true
      for pair in pairs {
        guard let name = pair.keyText, !passes(nameSchema, pair.key, .string(name)) else { continue }
        valid = false
        guard collecting else { return false }
        let reason = violations(of: nameSchema, pair.key, .string(name), at: .key(name))
        path.append(.key(name))
        report(.propertyName(name: name, key: pair.key, reason: reason), pair.key, at, schema)
        path.removeLast()
      }
      return valid
    case .minProperties(let min):
      return pairs.count >= min || fail(.tooFewProperties(min: min), node, at, schema)
    case .maxProperties(let max):
      return pairs.count <= max || fail(.tooManyProperties(max: max), node, at, schema)
    case .dependentRequired(let requirements):
      var valid = true
      for requirement in requirements where SchemaEvaluation.has(pairs, requirement.property) {
        for name in requirement.required where !SchemaEvaluation.has(pairs, name) {
          valid = fail(.dependentRequired(property: requirement.property, missing: name), node, at, schema)
          if !collecting { return false }
        }
      }
      return valid
    default:
      return true
    }
  }

  /// `properties`, `patternProperties` and `additionalProperties`, member by member.
  private mutating func evaluateMembers(
    _ rule: MembersRule, _ keyword: Keyword, of schema: Subschema, _ pairs: [Node.Pair]
  ) -> Bool {
    var valid = true
    // By index, reading only the fields used: a pair is 56 bytes of which three are counted
    // references, and copying whole pairs cost more than the lookups.
    for i in pairs.indices {
      guard let name = pairs[i].keyText else { continue }
      var matched = false
      if let property = rule.property(named: name) {
        matched = true
        valid = descend(property, pairs[i].value, .key(name)) && valid
        if !valid && !collecting { return false }
      }
      for patternProperty in rule.patternProperties where patternProperty.pattern.matches(name) {
        matched = true
        valid = descend(patternProperty.schema, pairs[i].value, .key(name)) && valid
        if !valid && !collecting { return false }
      }
      guard !matched, let additional = rule.additional else { continue }
      if rule.additionalIsFalse {
        valid = false
        guard collecting else { return false }
        path.append(.key(name))
        report(.unexpectedProperty(name: name, key: pairs[i].key), pairs[i].value, keyword.location, schema)
        path.removeLast()
      } else {
        valid = descend(additional, pairs[i].value, .key(name)) && valid
        if !valid && !collecting { return false }
      }
    }
    return valid
  }

  /// `prefixItems` and `items`, `contains` with its bounds, the item counts and `uniqueItems`.
  private mutating func evaluateArray(
    _ keyword: Keyword, of schema: Subschema, _ node: Node, _ items: [Node]
  ) -> Bool {
    let at = keyword.location
    switch keyword.rule {
    case .items(let prefix, let rest):
      var valid = true
      for (i, item) in items.enumerated() {
        guard let itemSchema = i < prefix.count ? prefix[i] : rest else { break }
        valid = descend(itemSchema, item, .index(i)) && valid
        if !valid && !collecting { return false }
      }
      return valid
    case .contains(let rule):
      var found = 0
      for item in items where passes(rule.schema, item, JSONValue(item)) {
        found += 1
        if !collecting && rule.max == nil && found >= rule.min { break }
      }
      var valid =
        found >= rule.min
        || fail(.tooFewContained(min: rule.min, found: found), node, rule.minLocation, schema)
      if let max = rule.max, found > max {
        valid = fail(.tooManyContained(max: max, found: found), node, rule.maxLocation, schema)
      }
      return valid
    case .minItems(let min):
      return items.count >= min || fail(.tooFewItems(min: min), node, at, schema)
    case .maxItems(let max):
      return items.count <= max || fail(.tooManyItems(max: max), node, at, schema)
    case .uniqueItems:
      return evaluateUniqueItems(items, at, schema)
    default:
      return true
    }
  }

  /// `uniqueItems`: items compared by JSON equality, bucketed by hash so long lists stay fast.
  private mutating func evaluateUniqueItems(_ items: [Node], _ at: String, _ schema: Subschema) -> Bool {
    guard items.count > 1 else { return true }
    var valid = true
    var indicesByHash: [Int: [Int]] = [:]
    for (i, item) in items.enumerated() {
      let itemValue = JSONValue(item)
      var hasher = Hasher()
      itemValue.hash(into: &hasher)
      let hash = hasher.finalize()
      if let first = indicesByHash[hash]?.first(where: { JSONValue(items[$0]).equals(itemValue) }) {
        valid = false
        guard collecting else { return false }
        path.append(.index(i))
        report(.duplicateItem(index: i, firstIndex: first), item, at, schema)
        path.removeLast()
      } else {
        indicesByHash[hash, default: []].append(i)
      }
    }
    return valid
  }

  /// `pattern`, the lengths (in Unicode scalars) and the asserted formats.
  private mutating func evaluateString(
    _ keyword: Keyword, of schema: Subschema, _ node: Node, _ s: String
  ) -> Bool {
    let at = keyword.location
    switch keyword.rule {
    case .pattern(let pattern):
      return pattern.matches(s) || fail(.patternMismatch(pattern: pattern.source), node, at, schema)
    case .minLength(let min):
      return !SchemaEvaluation.isShorter(s, than: min) || fail(.tooShort(min: min), node, at, schema)
    case .maxLength(let max):
      return !SchemaEvaluation.isLonger(s, than: max) || fail(.tooLong(max: max), node, at, schema)
    case .format(let format):
      return format.accepts(s) || fail(.invalidFormat(format: format.name), node, at, schema)
    default:
      return true
    }
  }

  /// The bounds and `multipleOf`; a NaN bound fails, as `!(x >= limit)` does.
  private mutating func evaluateNumber(
    _ keyword: Keyword, of schema: Subschema, _ node: Node, _ value: JSONValue
  ) -> Bool {
    let at = keyword.location
    let x = value.number!
    switch keyword.rule {
    case .minimum(let limit):
      return x >= limit || fail(.belowMinimum(limit: limit, exclusive: false), node, at, schema)
    case .exclusiveMinimum(let limit):
      return x > limit || fail(.belowMinimum(limit: limit, exclusive: true), node, at, schema)
    case .maximum(let limit):
      return x <= limit || fail(.aboveMaximum(limit: limit, exclusive: false), node, at, schema)
    case .exclusiveMaximum(let limit):
      return x < limit || fail(.aboveMaximum(limit: limit, exclusive: true), node, at, schema)
    case .multipleOf(let divisor):
      return SchemaEvaluation.isMultiple(value, of: divisor)
        || fail(.notMultipleOf(divisor: divisor), node, at, schema)
    default:
      return true
    }
  }

  /// The keywords that apply subschemas to the same instance.
  private mutating func evaluateApplicator(
    _ keyword: Keyword, of schema: Subschema, _ node: Node, _ value: JSONValue
  ) -> Bool {
    let at = keyword.location
    switch keyword.rule {
    case .allOf(let branches):
      var valid = true
      for branch in branches where !evaluate(branch, node, value) {
        valid = false
        if !collecting { return false }
      }
      return valid
    case .anyOf(let branches):
      if branches.contains(where: { passes($0, node, value) }) { return true }
      guard collecting else { return false }
      let reasons = branches.map { violations(of: $0, node, value) }
      return fail(.noBranchMatched(keyword: "anyOf", branches: reasons), node, at, schema)
    case .oneOf(let branches):
      var matching = 0
      for branch in branches where passes(branch, node, value) {
        matching += 1
        if matching > 1 && !collecting { return false }
      }
      if matching == 1 { return true }
      guard collecting else { return false }
      if matching > 1 { return fail(.tooManyBranchesMatched(count: matching), node, at, schema) }
      let reasons = branches.map { violations(of: $0, node, value) }
      return fail(.noBranchMatched(keyword: "oneOf", branches: reasons), node, at, schema)
    case .not(let negated):
      return !passes(negated, node, value) || fail(.notFailed, node, at, schema)
    case .conditional(let condition, let then, let otherwise):
      // The branch's own violations are reported, as if it were written in place.
      guard let branch = passes(condition, node, value) ? then : otherwise else { return true }
      return evaluate(branch, node, value)
    case .ref(let target):
      return evaluate(target, node, value)
    default:
      return true
    }
  }

  // MARK: helpers

  /// The names not among the object's keys, in the order given; allocates only when some are
  /// missing.
  private static func missing(_ names: [String], in pairs: [Node.Pair]) -> [String] {
    if names.count > 64 { return names.filter { !has(pairs, $0) } }
    var found: UInt64 = 0
    let all: UInt64 = names.count == 64 ? ~0 : (1 << UInt64(names.count)) - 1
    for p in pairs.indices {
      guard let key = pairs[p].keyText else { continue }
      for (i, name) in names.enumerated() where found & (1 << UInt64(i)) == 0 && key.isExactlyEqual(to: name)
      {
        found |= 1 << UInt64(i)
        break
      }
      if found == all { return [] }
    }
    return names.enumerated().filter { found & (1 << UInt64($0.offset)) == 0 }.map(\.element)
  }

  private static func has(_ pairs: [Node.Pair], _ name: String) -> Bool {
    pairs.contains { $0.keyText?.isExactlyEqual(to: name) ?? false }
  }

  /// Lengths count Unicode scalars; the UTF-8 length (1 to 4 bytes a scalar) settles most
  /// cases without counting.
  static func isShorter(_ s: String, than min: Int) -> Bool {
    let bytes = s.utf8.count
    if bytes < min { return true }
    if bytes / 4 >= min { return false }
    return s.unicodeScalars.count < min
  }

  static func isLonger(_ s: String, than max: Int) -> Bool {
    let bytes = s.utf8.count
    if bytes <= max { return false }
    return s.unicodeScalars.count > max
  }

  /// Integers are divided exactly; other numbers with a tolerance for binary rounding (0.0075
  /// is a multiple of 0.0001).
  static func isMultiple(_ value: JSONValue, of divisor: Double) -> Bool {
    if case .int(let i) = value, divisor.rounded(.towardZero) == divisor, divisor < 0x1p62 {
      return i % Int(divisor) == 0
    }
    guard let x = value.number else { return true }
    let quotient = x / divisor
    // A quotient too large for a double: the remainder, which is exact, still tells.
    guard quotient.isFinite else { return x.isFinite && x.truncatingRemainder(dividingBy: divisor) == 0 }
    return abs(quotient - quotient.rounded()) <= Swift.max(1e-9, quotient.ulp * 4)
  }
}
