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
      subschemas: subschemas, collecting: true, writtenIntegers: writtenIntegers, path: component.map { path + [$0] } ?? path)
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
  /// why not.
  mutating func evaluate(_ index: Int, _ node: Node, _ value: JSONValue) -> Bool {
    let schema = subschemas[index]
    var valid = true
    // Each failed check does `valid = false` and, in a probe, returns at once.
    for keyword in schema.keywords {
      switch keyword.rule {
      case .falseSchema:
        guard collecting else { return false }
        valid = false
        report(.falseSchema, node, keyword.location, schema)

      case .type(let allowed, let names):
        var type = value.type
        if writtenIntegers, case .float = value { type = .number }
        if allowed.isDisjoint(with: type) {
          guard collecting else { return false }
          valid = false
          report(.wrongType(expected: names), node, keyword.location, schema)
        }

      case .enumeration(let rule):
        let found: Bool
        if let strings = rule.strings {
          if case .string(let s) = value { found = strings.contains(ExactString(s)) } else { found = false }
        } else {
          found = rule.values.contains { JSONValue($0).equals(value) }
        }
        if !found {
          guard collecting else { return false }
          valid = false
          report(.notInEnum(allowed: rule.values), node, keyword.location, schema)
        }

      case .constant(let expected):
        if !JSONValue(expected).equals(value) {
          guard collecting else { return false }
          valid = false
          report(.notConst(expected: expected), node, keyword.location, schema)
        }

      case .members(let rule):
        guard case .object(let pairs) = value else { continue }
        for pair in pairs {
          guard let name = pair.key.keyText else { continue }
          var matched = false
          if let property = rule.properties[ExactString(name)] {
            matched = true
            if !descend(property, pair.value, .key(name)) {
              guard collecting else { return false }
              valid = false
            }
          }
          for patternProperty in rule.patternProperties where patternProperty.pattern.matches(name) {
            matched = true
            if !descend(patternProperty.schema, pair.value, .key(name)) {
              guard collecting else { return false }
              valid = false
            }
          }
          guard !matched, let additional = rule.additional else { continue }
          if rule.additionalIsFalse {
            guard collecting else { return false }
            valid = false
            path.append(.key(name))
            report(.unexpectedProperty(name: name, key: pair.key), pair.value, keyword.location, schema)
            path.removeLast()
          } else if !descend(additional, pair.value, .key(name)) {
            guard collecting else { return false }
            valid = false
          }
        }

      case .required(let names):
        guard case .object(let pairs) = value else { continue }
        let missing = SchemaEvaluation.missing(names, in: pairs)
        if missing.isEmpty { continue }
        guard collecting else { return false }
        valid = false
        for name in missing { report(.missingProperty(name: name), node, keyword.location, schema) }

      case .propertyNames(let nameSchema):
        guard case .object(let pairs) = value else { continue }
        for pair in pairs {
          guard let name = pair.key.keyText, !passes(nameSchema, pair.key, .string(name)) else {
            continue
          }
          guard collecting else { return false }
          valid = false
          let reason = violations(of: nameSchema, pair.key, .string(name), at: .key(name))
          path.append(.key(name))
          report(.propertyName(name: name, key: pair.key, reason: reason), pair.key, keyword.location, schema)
          path.removeLast()
        }

      case .minProperties(let min):
        if case .object(let pairs) = value, pairs.count < min {
          guard collecting else { return false }
          valid = false
          report(.tooFewProperties(min: min), node, keyword.location, schema)
        }

      case .maxProperties(let max):
        if case .object(let pairs) = value, pairs.count > max {
          guard collecting else { return false }
          valid = false
          report(.tooManyProperties(max: max), node, keyword.location, schema)
        }

      case .dependentRequired(let requirements):
        guard case .object(let pairs) = value else { continue }
        for requirement in requirements where SchemaEvaluation.has(pairs, requirement.property) {
          for name in requirement.required where !SchemaEvaluation.has(pairs, name) {
            guard collecting else { return false }
            valid = false
            report(
              .dependentRequired(property: requirement.property, missing: name), node,
              keyword.location, schema)
          }
        }

      case .items(let prefix, let rest):
        guard case .array(let items) = value else { continue }
        for (i, item) in items.enumerated() {
          guard let itemSchema = i < prefix.count ? prefix[i] : rest else { break }
          if !descend(itemSchema, item, .index(i)) {
            guard collecting else { return false }
            valid = false
          }
        }

      case .contains(let rule):
        guard case .array(let items) = value else { continue }
        var found = 0
        for item in items where passes(rule.schema, item, JSONValue(item)) {
          found += 1
          if !collecting && rule.max == nil && found >= rule.min { break }
        }
        if found < rule.min {
          guard collecting else { return false }
          valid = false
          report(.tooFewContained(min: rule.min, found: found), node, rule.minLocation, schema)
        }
        if let max = rule.max, found > max {
          guard collecting else { return false }
          valid = false
          report(.tooManyContained(max: max, found: found), node, rule.maxLocation, schema)
        }

      case .minItems(let min):
        if case .array(let items) = value, items.count < min {
          guard collecting else { return false }
          valid = false
          report(.tooFewItems(min: min), node, keyword.location, schema)
        }

      case .maxItems(let max):
        if case .array(let items) = value, items.count > max {
          guard collecting else { return false }
          valid = false
          report(.tooManyItems(max: max), node, keyword.location, schema)
        }

      case .uniqueItems:
        guard case .array(let items) = value, items.count > 1 else { continue }
        var indicesByHash: [Int: [Int]] = [:]
        for (i, item) in items.enumerated() {
          let itemValue = JSONValue(item)
          var hasher = Hasher()
          itemValue.hash(into: &hasher)
          let hash = hasher.finalize()
          if let first = indicesByHash[hash]?.first(where: { JSONValue(items[$0]).equals(itemValue) }) {
            guard collecting else { return false }
            valid = false
            path.append(.index(i))
            report(.duplicateItem(index: i, firstIndex: first), item, keyword.location, schema)
            path.removeLast()
          } else {
            indicesByHash[hash, default: []].append(i)
          }
        }

      case .pattern(let pattern):
        if case .string(let s) = value, !pattern.matches(s) {
          guard collecting else { return false }
          valid = false
          report(.patternMismatch(pattern: pattern.source), node, keyword.location, schema)
        }

      case .minLength(let min):
        if case .string(let s) = value, SchemaEvaluation.isShorter(s, than: min) {
          guard collecting else { return false }
          valid = false
          report(.tooShort(min: min), node, keyword.location, schema)
        }

      case .maxLength(let max):
        if case .string(let s) = value, SchemaEvaluation.isLonger(s, than: max) {
          guard collecting else { return false }
          valid = false
          report(.tooLong(max: max), node, keyword.location, schema)
        }

      case .format(let format):
        if case .string(let s) = value, !format.accepts(s) {
          guard collecting else { return false }
          valid = false
          report(.invalidFormat(format: format.name), node, keyword.location, schema)
        }

      case .minimum(let limit):
        if let x = value.number, !(x >= limit) {
          guard collecting else { return false }
          valid = false
          report(.belowMinimum(limit: limit, exclusive: false), node, keyword.location, schema)
        }

      case .exclusiveMinimum(let limit):
        if let x = value.number, !(x > limit) {
          guard collecting else { return false }
          valid = false
          report(.belowMinimum(limit: limit, exclusive: true), node, keyword.location, schema)
        }

      case .maximum(let limit):
        if let x = value.number, !(x <= limit) {
          guard collecting else { return false }
          valid = false
          report(.aboveMaximum(limit: limit, exclusive: false), node, keyword.location, schema)
        }

      case .exclusiveMaximum(let limit):
        if let x = value.number, !(x < limit) {
          guard collecting else { return false }
          valid = false
          report(.aboveMaximum(limit: limit, exclusive: true), node, keyword.location, schema)
        }

      case .multipleOf(let divisor):
        if value.number != nil, !SchemaEvaluation.isMultiple(value, of: divisor) {
          guard collecting else { return false }
          valid = false
          report(.notMultipleOf(divisor: divisor), node, keyword.location, schema)
        }

      case .allOf(let branches):
        for branch in branches where !evaluate(branch, node, value) {
          guard collecting else { return false }
          valid = false
        }

      case .anyOf(let branches):
        if !branches.contains(where: { passes($0, node, value) }) {
          guard collecting else { return false }
          valid = false
          let reasons = branches.map { violations(of: $0, node, value) }
          report(.noBranchMatched(keyword: "anyOf", branches: reasons), node, keyword.location, schema)
        }

      case .oneOf(let branches):
        var matching = 0
        for branch in branches where passes(branch, node, value) {
          matching += 1
          if matching > 1 && !collecting { return false }
        }
        if matching != 1 {
          guard collecting else { return false }
          valid = false
          if matching == 0 {
            let reasons = branches.map { violations(of: $0, node, value) }
            report(.noBranchMatched(keyword: "oneOf", branches: reasons), node, keyword.location, schema)
          } else {
            report(.tooManyBranchesMatched(count: matching), node, keyword.location, schema)
          }
        }

      case .not(let negated):
        if passes(negated, node, value) {
          guard collecting else { return false }
          valid = false
          report(.notFailed, node, keyword.location, schema)
        }

      case .conditional(let condition, let then, let otherwise):
        // The branch's own violations are reported, as if it were written in place.
        guard let branch = passes(condition, node, value) ? then : otherwise else { continue }
        if !evaluate(branch, node, value) {
          guard collecting else { return false }
          valid = false
        }

      case .ref(let target):
        if !evaluate(target, node, value) {
          guard collecting else { return false }
          valid = false
        }
      }
    }
    return valid
  }

  // MARK: helpers

  /// The names not among the object's keys, in the order given; allocates only when some are
  /// missing.
  private static func missing(_ names: [String], in pairs: [Node.Pair]) -> [String] {
    if names.count > 64 { return names.filter { !has(pairs, $0) } }
    var found: UInt64 = 0
    let all: UInt64 = names.count == 64 ? ~0 : (1 << UInt64(names.count)) - 1
    for pair in pairs {
      guard let key = pair.key.keyText else { continue }
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
    pairs.contains { $0.key.keyText?.isExactlyEqual(to: name) ?? false }
  }

  /// Lengths count Unicode scalars; the UTF-8 length (1 to 4 bytes a scalar) settles most
  /// cases without counting.
  private static func isShorter(_ s: String, than min: Int) -> Bool {
    let bytes = s.utf8.count
    if bytes < min { return true }
    if bytes / 4 >= min { return false }
    return s.unicodeScalars.count < min
  }

  private static func isLonger(_ s: String, than max: Int) -> Bool {
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
