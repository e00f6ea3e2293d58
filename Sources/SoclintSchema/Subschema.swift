import SoclintYAML

/// One compiled subschema: its keywords, ready to evaluate, in the order the schema writes them.
/// Subschemas refer to each other by index in `JSONSchemaValidator.subschemas`, which lets
/// `$ref` cycles exist without reference cycles between objects.
final class Subschema: Sendable {
  /// The subschema's JSON Pointer in the schema document.
  let location: String
  let title: String?
  let description: String?
  /// The names in `properties`, in schema order.
  let knownProperties: [String]
  /// The names in `required`.
  let requiredProperties: [String]
  /// The JSON type names of `type`, in schema order (empty when there is no `type`).
  let typeNames: [String]
  let keywords: [Keyword]

  init(
    location: String, title: String?, description: String?, knownProperties: [String],
    requiredProperties: [String], typeNames: [String], keywords: [Keyword]
  ) {
    self.location = location
    self.title = title
    self.description = description
    self.knownProperties = knownProperties
    self.requiredProperties = requiredProperties
    self.typeNames = typeNames
    self.keywords = keywords
  }
}

/// A keyword (or a group of keywords that work together, like `properties`,
/// `patternProperties` and `additionalProperties`) and where it is written.
///
/// Keywords and their rules are classes so that walking them during evaluation costs one
/// reference count each rather than one per stored array and string.
final class Keyword: Sendable {
  let rule: KeywordRule
  /// The keyword's JSON Pointer in the schema, the `schemaPath` of its violations.
  let location: String

  init(rule: KeywordRule, location: String) {
    self.rule = rule
    self.location = location
  }
}

enum KeywordRule: Sendable {
  case falseSchema
  case type(JSONTypeSet, names: [String])
  case enumeration(EnumRule)
  case constant(Node)
  case members(MembersRule)
  case required([String])
  case propertyNames(Int)
  case minProperties(Int)
  case maxProperties(Int)
  case dependentRequired([DependentRequirement])
  case items(prefix: [Int], rest: Int?)
  case contains(ContainsRule)
  case minItems(Int)
  case maxItems(Int)
  case uniqueItems
  case pattern(SchemaPattern)
  case minLength(Int)
  case maxLength(Int)
  case format(StringFormat)
  case minimum(Double)
  case maximum(Double)
  case exclusiveMinimum(Double)
  case exclusiveMaximum(Double)
  case multipleOf(Double)
  case allOf([Int])
  case anyOf([Int])
  case oneOf([Int])
  case not(Int)
  case conditional(if: Int, then: Int?, else: Int?)
  case ref(Int)
}

/// `enum`, with the string values in a set when they are all strings (the common case), so
/// that a check is one lookup.
final class EnumRule: Sendable {
  let values: [Node]
  let strings: Set<ExactString>?

  init(values: [Node]) {
    self.values = values
    var strings: Set<ExactString> = []
    for value in values {
      guard let s = value.string else {
        self.strings = nil
        return
      }
      strings.insert(ExactString(s))
    }
    self.strings = strings
  }
}

/// `properties`, `patternProperties` and `additionalProperties` of one subschema: a property
/// matched by neither of the first two is additional.
final class MembersRule: Sendable {
  struct PatternProperty: Sendable {
    let pattern: SchemaPattern
    let schema: Int
  }

  let properties: [ExactString: Int]
  let patternProperties: [PatternProperty]
  let additional: Int?
  /// `additionalProperties: false`, reported as `unexpectedProperty`.
  let additionalIsFalse: Bool

  /// The names of `properties` and their lengths in UTF-8, for `property(named:)`.
  private let names: [String]
  private let nameLengths: [Int]
  /// The first eight bytes of each name, as `MembersRule.prefix` reads them.
  private let namePrefixes: [UInt64]
  private let nameSchemas: [Int]

  init(
    properties: [ExactString: Int], patternProperties: [PatternProperty], additional: Int?,
    additionalIsFalse: Bool
  ) {
    self.properties = properties
    self.patternProperties = patternProperties
    self.additional = additional
    self.additionalIsFalse = additionalIsFalse
    names = properties.keys.map(\.string)
    nameLengths = names.map(\.utf8.count)
    namePrefixes = names.map { name in
      var name = name
      return name.withUTF8 { MembersRule.prefix($0) }
    }
    nameSchemas = properties.keys.map { properties[$0]! }
  }

  /// The subschema of the property `name`, as `properties[ExactString(name)]`. Objects of a
  /// few dozen properties, as schemas write them, are searched by length and then bytes: hashing
  /// every member's name of every document was a tenth of the schema checks.
  /// `property(named:)` of a name whose length and prefix (see `FlatYAML.prefix`) are known.
  func property(named name: String, length: Int, prefix: UInt64) -> Int? {
    if names.count > 32 { return properties[ExactString(name)] }
    for i in names.indices where nameLengths[i] == length && namePrefixes[i] == prefix {
      if length <= 8 || names[i].isExactlyEqual(to: name) { return nameSchemas[i] }
    }
    return nil
  }

  func property(named name: String) -> Int? {
    if names.count > 32 { return properties[ExactString(name)] }
    // A name is told by its length and first eight bytes, and only a longer one is compared
    // further: most members' names share their length with some other property's.
    let byPrefix: Int?? = name.utf8.withContiguousStorageIfAvailable { bytes in
      let length = bytes.count
      let prefix = MembersRule.prefix(bytes)
      for i in names.indices where nameLengths[i] == length && namePrefixes[i] == prefix {
        if length <= 8 || names[i].isExactlyEqual(to: name) { return nameSchemas[i] }
      }
      return nil
    }
    if let byPrefix { return byPrefix }
    let length = name.utf8.count
    for i in names.indices where nameLengths[i] == length && names[i].isExactlyEqual(to: name) {
      return nameSchemas[i]
    }
    return nil
  }
}

extension MembersRule {
  /// Up to the first eight bytes, the first in the lowest byte, zero beyond the end.
  static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    FlatYAML.prefix(bytes)
  }

}

struct DependentRequirement: Sendable {
  let property: String
  let required: [String]
}

/// `contains` with its `minContains` and `maxContains`.
final class ContainsRule: Sendable {
  let schema: Int
  let min: Int
  let max: Int?
  let minLocation: String
  let maxLocation: String

  init(schema: Int, min: Int, max: Int?, minLocation: String, maxLocation: String) {
    self.schema = schema
    self.min = min
    self.max = max
    self.minLocation = minLocation
    self.maxLocation = maxLocation
  }
}
