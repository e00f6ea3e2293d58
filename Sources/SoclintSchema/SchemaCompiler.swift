import SoclintYAML

/// Turns a schema document into `Subschema`s, refusing anything it cannot honour: an unknown
/// keyword anywhere, a malformed keyword value, a `$ref` outside the document, a regex that does
/// not compile, or references that loop without going into the instance.
struct SchemaCompiler {
  /// The dialect this validator implements; `$schema` may name it and nothing else.
  static let dialects: Set<String> = [
    "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
  ]

  private struct Draft {
    var location: String
    var title: String? = nil
    var description: String? = nil
    var knownProperties: [String] = []
    var requiredProperties: [String] = []
    var typeNames: [String] = []
    var keywords: [Keyword] = []
  }

  private struct PendingReference {
    let schema: Int
    let reference: String
    let location: String
    let node: Node
  }

  private let root: Node
  private var drafts: [Draft?] = []
  private var indexByLocation: [String: Int] = [:]
  private var pendingReferences: [PendingReference] = []
  private(set) var rootID: String?

  init(root: Node) {
    self.root = root
  }

  /// The compiled subschemas; the root is at index 0.
  mutating func compile() throws(SchemaError) -> [Subschema] {
    _ = try compile(root, at: "")
    var next = 0
    while next < pendingReferences.count {
      try resolve(pendingReferences[next])
      next += 1
    }
    let subschemas = drafts.map { draft in
      let draft = draft!
      return Subschema(
        location: draft.location, title: draft.title, description: draft.description,
        knownProperties: draft.knownProperties, requiredProperties: draft.requiredProperties,
        typeNames: draft.typeNames, keywords: draft.keywords)
    }
    try SchemaCompiler.checkForCycles(subschemas)
    return subschemas
  }

  // MARK: subschemas

  private mutating func compile(_ node: Node, at location: String) throws(SchemaError) -> Int {
    if let index = indexByLocation[location] { return index }
    let index = drafts.count
    drafts.append(nil)
    indexByLocation[location] = index
    switch node.content {
    case .scalar(let scalar):
      guard case .bool(let allowsEverything) = scalar.value else {
        throw error(.notASchema, location, node, "a schema must be an object or a boolean")
      }
      var draft = Draft(location: location)
      if !allowsEverything { draft.keywords = [Keyword(rule: .falseSchema, location: location)] }
      drafts[index] = draft
    case .mapping(let pairs):
      drafts[index] = try compileObject(pairs, at: location, index: index)
    case .sequence:
      throw error(.notASchema, location, node, "a schema must be an object or a boolean")
    }
    return index
  }

  private mutating func compileObject(
    _ pairs: [Node.Pair], at location: String, index: Int
  )
    throws(SchemaError) -> Draft
  {
    var object = ObjectDraft(location: location)
    for (order, pair) in pairs.enumerated() {
      guard let name = pair.keyText else {
        throw error(.notASchema, location, pair.key, "a schema's keys must be keyword names")
      }
      let keyword = KeywordSource(
        name: name, key: pair.key, value: pair.value, at: location + "/" + JSONPointer.escape(name),
        order: order)
      if try compileCore(keyword, of: index, into: &object) { continue }
      if try compileAssertion(keyword, into: &object) { continue }
      if try compileCollection(keyword, into: &object) { continue }
      if try compileApplicator(keyword, into: &object) { continue }
      throw error(.unsupportedKeyword(name), keyword.at, pair.key, "the keyword \"\(name)\" is not supported")
    }
    return object.finished(pairs: pairs)
  }

  /// A keyword as written: its name, key and value nodes, its JSON Pointer and its position.
  private struct KeywordSource {
    let name: String
    let key: Node
    let value: Node
    let at: String
    let order: Int
  }

  /// The identifiers, references and annotations. Returns whether it was one of them.
  private mutating func compileCore(
    _ k: KeywordSource, of index: Int, into object: inout ObjectDraft
  ) throws(SchemaError) -> Bool {
    let (name, value, at) = (k.name, k.value, k.at)
    switch name {
    case "$schema":
      let uri = try string(value, name, at)
      guard SchemaCompiler.dialects.contains(uri) else {
        throw error(
          .unsupportedDialect(uri), at, value, "$schema \"\(uri)\" is not supported; only draft 2020-12 is")
      }
    case "$id":
      guard object.draft.location.isEmpty else {
        throw error(
          .unsupportedKeyword(name), at, k.key, "$id is supported only at the root, to name the document")
      }
      var id = try string(value, name, at)
      if id.hasSuffix("#") { id.removeLast() }
      guard !id.contains("#") else {
        throw error(.invalidValue(keyword: name), at, value, "$id must not have a fragment")
      }
      rootID = id
    case "$defs":
      for member in try mapping(value, name, at) {
        _ = try compile(member.value, at: at + "/" + JSONPointer.escape(member.name))
      }
    case "$ref":
      let reference = try string(value, name, at)
      pendingReferences.append(
        PendingReference(schema: index, reference: reference, location: at, node: value))
      object.add(.ref(-1), k)
    case "$comment", "description":
      let text = try string(value, name, at)
      if name == "description" { object.draft.description = text }
    case "title":
      object.draft.title = try string(value, name, at)
    case "default", "examples", "deprecated", "readOnly", "writeOnly":
      if name == "examples" { _ = try array(value, name, at) }
      if name != "default" && name != "examples" { _ = try bool(value, name, at) }
    default:
      return false
    }
    return true
  }

  /// The keywords that assert something of the instance itself: type, values, strings, numbers.
  private mutating func compileAssertion(
    _ k: KeywordSource, into object: inout ObjectDraft
  ) throws(SchemaError) -> Bool {
    let (name, value, at) = (k.name, k.value, k.at)
    switch name {
    case "type":
      let names = try typeNames(value, at)
      var set: JSONTypeSet = []
      for typeName in names {
        guard let type = JSONTypeSet(name: typeName) else {
          throw error(.invalidValue(keyword: name), at, value, "\"\(typeName)\" is not a JSON type")
        }
        set.formUnion(type)
      }
      object.draft.typeNames = names
      object.add(.type(set, names: names), k)
    case "enum": object.add(.enumeration(EnumRule(values: try array(value, name, at))), k)
    case "const": object.add(.constant(value), k)
    case "pattern":
      let source = try string(value, name, at)
      guard let pattern = SchemaPattern.shared(source) else {
        throw error(.invalidPattern(source), at, value, "\"\(source)\" is not a valid regular expression")
      }
      object.add(.pattern(pattern), k)
    case "minLength": object.add(.minLength(try count(value, name, at)), k)
    case "maxLength": object.add(.maxLength(try count(value, name, at)), k)
    case "format":
      // Formats other than those asserted are annotations: accepted and not checked.
      if let format = StringFormat(name: try string(value, name, at)) { object.add(.format(format), k) }
    case "minimum": object.add(.minimum(try number(value, name, at)), k)
    case "maximum": object.add(.maximum(try number(value, name, at)), k)
    case "exclusiveMinimum": object.add(.exclusiveMinimum(try number(value, name, at)), k)
    case "exclusiveMaximum": object.add(.exclusiveMaximum(try number(value, name, at)), k)
    case "multipleOf":
      let divisor = try number(value, name, at)
      guard divisor > 0 else {
        throw error(.invalidValue(keyword: name), at, value, "multipleOf must be greater than 0")
      }
      object.add(.multipleOf(divisor), k)
    default:
      return false
    }
    return true
  }

  /// `type`'s names: one string or a list of unique ones.
  private func typeNames(_ value: Node, _ at: String) throws(SchemaError) -> [String] {
    var names: [String] = []
    if value.sequence != nil {
      for item in try array(value, "type", at) { names.append(try string(item, "type", at)) }
    } else {
      names = [try string(value, "type", at)]
    }
    guard Set(names).count == names.count, !names.isEmpty else {
      throw error(.invalidValue(keyword: "type"), at, value, "type names must be unique")
    }
    return names
  }

  /// The keywords about an object's members and an array's items.
  private mutating func compileCollection(
    _ k: KeywordSource, into object: inout ObjectDraft
  ) throws(SchemaError) -> Bool {
    let (name, value, at) = (k.name, k.value, k.at)
    switch name {
    case "properties":
      object.membersOrder = object.membersOrder ?? k.order
      for member in try mapping(value, name, at) {
        object.properties[ExactString(member.name)] = try compile(
          member.value, at: at + "/" + JSONPointer.escape(member.name))
        object.draft.knownProperties.append(member.name)
      }
    case "patternProperties":
      object.membersOrder = object.membersOrder ?? k.order
      for member in try mapping(value, name, at) {
        let memberAt = at + "/" + JSONPointer.escape(member.name)
        guard let pattern = SchemaPattern.shared(member.name) else {
          throw error(
            .invalidPattern(member.name), memberAt, member.key,
            "\"\(member.name)\" is not a valid regular expression")
        }
        object.patternProperties.append(
          .init(pattern: pattern, schema: try compile(member.value, at: memberAt)))
      }
    case "additionalProperties":
      object.membersOrder = object.membersOrder ?? k.order
      object.additional = try compile(value, at: at)
      if case .bool(false)? = value.scalar?.value { object.additionalIsFalse = true }
    case "propertyNames": object.add(.propertyNames(try compile(value, at: at)), k)
    case "required":
      let names = try uniqueStrings(value, name, at)
      object.draft.requiredProperties = names
      object.add(.required(names), k)
    case "dependentRequired":
      var requirements: [DependentRequirement] = []
      for member in try mapping(value, name, at) {
        requirements.append(
          DependentRequirement(
            property: member.name,
            required: try uniqueStrings(member.value, name, at + "/" + JSONPointer.escape(member.name))))
      }
      object.add(.dependentRequired(requirements), k)
    case "minProperties": object.add(.minProperties(try count(value, name, at)), k)
    case "maxProperties": object.add(.maxProperties(try count(value, name, at)), k)
    default:
      return try compileItems(k, into: &object)
    }
    return true
  }

  /// The keywords about an array's items.
  private mutating func compileItems(
    _ k: KeywordSource, into object: inout ObjectDraft
  ) throws(SchemaError) -> Bool {
    let (name, value, at) = (k.name, k.value, k.at)
    switch name {
    case "prefixItems":
      object.itemsOrder = object.itemsOrder ?? k.order
      let schemas = try array(value, name, at)
      guard !schemas.isEmpty else {
        throw error(.invalidValue(keyword: name), at, value, "prefixItems must not be empty")
      }
      for (i, item) in schemas.enumerated() { object.prefixItems.append(try compile(item, at: at + "/\(i)")) }
    case "items":
      object.itemsOrder = object.itemsOrder ?? k.order
      object.items = try compile(value, at: at)
    case "contains":
      object.containsOrder = object.containsOrder ?? k.order
      object.contains = try compile(value, at: at)
    case "minContains":
      object.containsOrder = object.containsOrder ?? k.order
      object.minContains = try count(value, name, at)
    case "maxContains":
      object.containsOrder = object.containsOrder ?? k.order
      object.maxContains = try count(value, name, at)
    case "minItems": object.add(.minItems(try count(value, name, at)), k)
    case "maxItems": object.add(.maxItems(try count(value, name, at)), k)
    case "uniqueItems":
      if try bool(value, name, at) { object.add(.uniqueItems, k) }
    default:
      return false
    }
    return true
  }

  /// The keywords that apply subschemas to the same instance.
  private mutating func compileApplicator(
    _ k: KeywordSource, into object: inout ObjectDraft
  ) throws(SchemaError) -> Bool {
    let (name, value, at) = (k.name, k.value, k.at)
    switch name {
    case "allOf", "anyOf", "oneOf":
      let schemas = try array(value, name, at)
      guard !schemas.isEmpty else {
        throw error(.invalidValue(keyword: name), at, value, "\(name) must not be empty")
      }
      var branches: [Int] = []
      for (i, item) in schemas.enumerated() { branches.append(try compile(item, at: at + "/\(i)")) }
      object.add(
        name == "allOf" ? .allOf(branches) : name == "anyOf" ? .anyOf(branches) : .oneOf(branches), k)
    case "not": object.add(.not(try compile(value, at: at)), k)
    case "if":
      object.ifOrder = k.order
      object.ifSchema = try compile(value, at: at)
    case "then": object.thenSchema = try compile(value, at: at)
    case "else": object.elseSchema = try compile(value, at: at)
    default:
      return false
    }
    return true
  }

  /// An object schema while it is compiled. Keywords that work together (`properties` with
  /// `patternProperties` and `additionalProperties`, `prefixItems` with `items`, `contains`
  /// with its bounds, `if` with `then` and `else`) are gathered here and become one keyword at
  /// the end, at the position of the first of them, so keywords keep the schema's order.
  private struct ObjectDraft {
    var draft: Draft
    var keywords: [(order: Int, keyword: Keyword)] = []
    var properties: [ExactString: Int] = [:]
    var patternProperties: [MembersRule.PatternProperty] = []
    var additional: Int?
    var additionalIsFalse = false
    var membersOrder: Int?
    var prefixItems: [Int] = []
    var items: Int?
    var itemsOrder: Int?
    var contains: Int?
    var minContains = 1
    var maxContains: Int?
    var containsOrder: Int?
    var ifSchema: Int?
    var thenSchema: Int?
    var elseSchema: Int?
    var ifOrder: Int?

    init(location: String) { draft = Draft(location: location) }

    mutating func add(_ rule: KeywordRule, _ source: KeywordSource) {
      keywords.append((source.order, Keyword(rule: rule, location: source.at)))
    }

    func finished(pairs: [Node.Pair]) -> Draft {
      let location = draft.location
      var keywords = self.keywords
      if let membersOrder {
        let rule = MembersRule(
          properties: properties, patternProperties: patternProperties, additional: additional,
          additionalIsFalse: additionalIsFalse)
        keywords.append(
          (membersOrder, Keyword(rule: .members(rule), location: location + "/additionalProperties")))
      }
      if let itemsOrder {
        keywords.append(
          (itemsOrder, Keyword(rule: .items(prefix: prefixItems, rest: items), location: location + "/items"))
        )
      }
      if let contains, let containsOrder {
        let rule = ContainsRule(
          schema: contains, min: minContains, max: maxContains,
          minLocation: location
            + (pairs.contains { $0.keyText == "minContains" } ? "/minContains" : "/contains"),
          maxLocation: location + "/maxContains")
        keywords.append((containsOrder, Keyword(rule: .contains(rule), location: location + "/contains")))
      }
      if let ifSchema, let ifOrder, thenSchema != nil || elseSchema != nil {
        let rule = KeywordRule.conditional(if: ifSchema, then: thenSchema, else: elseSchema)
        keywords.append((ifOrder, Keyword(rule: rule, location: location + "/if")))
      }
      var draft = self.draft
      draft.keywords = keywords.sorted { $0.order < $1.order }.map(\.keyword)
      return draft
    }
  }

  // MARK: references

  private mutating func resolve(_ pending: PendingReference) throws(SchemaError) {
    let reference = pending.reference
    let base: Substring
    let fragment: Substring
    if let hash = reference.firstIndex(of: "#") {
      base = reference[..<hash]
      fragment = reference[reference.index(after: hash)...]
    } else {
      base = Substring(reference)
      fragment = ""
    }
    guard base.isEmpty || (rootID.map { base == $0 } ?? false) else {
      throw error(
        .unresolvableReference(reference), pending.location, pending.node,
        "$ref \"\(reference)\" refers to another document; only references inside this schema are supported")
    }
    guard fragment.isEmpty || fragment.hasPrefix("/") else {
      throw error(
        .unresolvableReference(reference), pending.location, pending.node,
        "$ref \"\(reference)\" names an anchor; only JSON Pointer references are supported")
    }
    guard let pointer = SchemaCompiler.percentDecoded(fragment), let tokens = JSONPointer.tokens(pointer)
    else {
      throw error(
        .unresolvableReference(reference), pending.location, pending.node,
        "$ref \"\(reference)\" is not a valid JSON Pointer")
    }
    var target: Node? = root
    for token in tokens {
      guard let current = target else { break }
      switch current.content {
      case .mapping: target = current[token]
      case .sequence(let items):
        let i = Int(token) ?? -1
        target = i >= 0 && i < items.count && token == String(i) ? items[i] : nil
      case .scalar: target = nil
      }
    }
    guard let target else {
      throw error(
        .unresolvableReference(reference), pending.location, pending.node,
        "$ref \"\(reference)\" points to nothing in this schema")
    }
    let location = JSONPointer.string(tokens.map(PathComponent.key))
    let index = try compile(target, at: location)
    var draft = drafts[pending.schema]!
    for (i, keyword) in draft.keywords.enumerated() {
      if case .ref(-1) = keyword.rule {
        draft.keywords[i] = Keyword(rule: .ref(index), location: keyword.location)
      }
    }
    drafts[pending.schema] = draft
  }

  /// Decodes %XX escapes of a URI fragment.
  static func percentDecoded(_ text: Substring) -> String? {
    guard text.contains("%") else { return String(text) }
    var bytes: [UInt8] = []
    var utf8 = text.utf8.makeIterator()
    while let byte = utf8.next() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else {
        return nil
      }
      bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  /// Refuses subschemas that reach themselves through `$ref` and the in-place applicators
  /// (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`), which never move into the instance,
  /// so evaluation would never end.
  private static func checkForCycles(_ subschemas: [Subschema]) throws(SchemaError) {
    enum State { case unvisited, inProgress, done }
    var states = [State](repeating: .unvisited, count: subschemas.count)
    func inPlace(_ index: Int) -> [Int] {
      var next: [Int] = []
      for keyword in subschemas[index].keywords {
        switch keyword.rule {
        case .ref(let target), .not(let target): next.append(target)
        case .allOf(let branches), .anyOf(let branches), .oneOf(let branches): next += branches
        case .conditional(let condition, let then, let otherwise):
          next.append(condition)
          if let then { next.append(then) }
          if let otherwise { next.append(otherwise) }
        default: break
        }
      }
      return next
    }
    func visit(_ index: Int) -> Int? {
      states[index] = .inProgress
      for next in inPlace(index) {
        switch states[next] {
        case .inProgress: return next
        case .unvisited: if let cycle = visit(next) { return cycle }
        case .done: break
        }
      }
      states[index] = .done
      return nil
    }
    for index in subschemas.indices where states[index] == .unvisited {
      if let cycle = visit(index) {
        throw SchemaError(
          kind: .referenceCycle, schemaPath: subschemas[cycle].location, mark: nil,
          message: "the subschema refers back to itself without going into the instance")
      }
    }
  }

  // MARK: keyword values

  private func error(
    _ kind: SchemaError.Kind, _ location: String, _ node: Node, _ message: String
  ) -> SchemaError {
    SchemaError(kind: kind, schemaPath: location, mark: node.start, message: message)
  }

  private func invalid(_ keyword: String, _ location: String, _ node: Node, _ expected: String) -> SchemaError
  {
    error(.invalidValue(keyword: keyword), location, node, "\(keyword) must be \(expected)")
  }

  private func string(_ node: Node, _ keyword: String, _ location: String) throws(SchemaError) -> String {
    guard let s = node.string else { throw invalid(keyword, location, node, "a string") }
    return s
  }

  private func bool(_ node: Node, _ keyword: String, _ location: String) throws(SchemaError) -> Bool {
    guard case .bool(let b)? = node.scalar?.value else { throw invalid(keyword, location, node, "a boolean") }
    return b
  }

  private func array(_ node: Node, _ keyword: String, _ location: String) throws(SchemaError) -> [Node] {
    guard let items = node.sequence else { throw invalid(keyword, location, node, "an array") }
    return items
  }

  private func mapping(
    _ node: Node, _ keyword: String, _ location: String
  ) throws(SchemaError)
    -> [(name: String, key: Node, value: Node)]
  {
    guard let pairs = node.mapping else { throw invalid(keyword, location, node, "an object") }
    var members: [(name: String, key: Node, value: Node)] = []
    for pair in pairs {
      guard let name = pair.keyText else {
        throw invalid(keyword, location, pair.key, "an object with string keys")
      }
      members.append((name, pair.key, pair.value))
    }
    return members
  }

  private func uniqueStrings(
    _ node: Node, _ keyword: String, _ location: String
  ) throws(SchemaError) -> [String] {
    var names: [String] = []
    for item in try array(node, keyword, location) {
      guard let name = item.string else { throw invalid(keyword, location, item, "an array of strings") }
      names.append(name)
    }
    guard Set(names).count == names.count else {
      throw invalid(keyword, location, node, "an array of unique strings")
    }
    return names
  }

  private func number(_ node: Node, _ keyword: String, _ location: String) throws(SchemaError) -> Double {
    switch node.scalar?.value {
    case .int(let i)?: return Double(i)
    case .float(let d)? where d.isFinite: return d
    default: throw invalid(keyword, location, node, "a number")
    }
  }

  /// A non-negative integer, which JSON Schema allows to be written 1.0.
  private func count(_ node: Node, _ keyword: String, _ location: String) throws(SchemaError) -> Int {
    switch node.scalar?.value {
    case .int(let i)? where i >= 0: return i
    case .float(let d)? where d >= 0 && d.rounded(.towardZero) == d && d < 0x1p62: return Int(d)
    default: throw invalid(keyword, location, node, "a non-negative integer")
    }
  }
}
