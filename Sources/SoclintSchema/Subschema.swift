import Foundation
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
final class EnumRule: @unchecked Sendable {
  let values: [Node]
  let strings: Set<ExactString>?
  /// The strings again when there are a few, compared one by one by their byte count and bytes:
  /// hashing the value cost about 500 instructions, a quarter of the probe's string checks.
  /// Plain memory, read without counting references, as in `MembersRule` (`@unchecked
  /// Sendable`: written once in `init`, only read afterwards, freed in `deinit`).
  private let few: UnsafeMutableBufferPointer<String>?

  init(values: [Node]) {
    self.values = values
    var strings: Set<ExactString> = []
    var list: [String] = []
    for value in values {
      guard let s = value.string else {
        self.strings = nil
        few = nil
        return
      }
      strings.insert(ExactString(s))
      list.append(s)
    }
    self.strings = strings
    if list.count <= 16 {
      let few = UnsafeMutableBufferPointer<String>.allocate(capacity: list.count)
      _ = few.initialize(from: list)
      self.few = few
    } else {
      few = nil
    }
  }

  deinit {
    few?.deinitialize()
    few?.deallocate()
  }

  /// Whether `s` is one of `strings` (which must not be nil).
  func containsString(_ s: String) -> Bool {
    guard let few else { return strings!.contains(ExactString(s)) }
    let count = s.utf8.count
    for i in few.indices where few[i].utf8.count == count && few[i].isExactlyEqual(to: s) { return true }
    return false
  }
}

/// `properties`, `patternProperties` and `additionalProperties` of one subschema: a property
/// matched by neither of the first two is additional.
///
/// Both reading threads look members up in the same compiled schema. Its lookup tables are
/// therefore plain memory read through pointers: an array held by a shared object has its
/// storage's reference count raised and lowered at each reading, an atomic write to a line
/// that the other core then has to fetch back (`@unchecked Sendable`: written once in `init`,
/// only read afterwards, freed in `deinit`).
final class MembersRule: @unchecked Sendable {
  struct PatternProperty: Sendable {
    let pattern: SchemaPattern
    let schema: Int
  }

  /// A property's name as `property(length:prefix:utf8:)` compares it.
  struct Name {
    let length: Int
    /// The first eight bytes, as `MembersRule.prefix` reads them.
    let prefix: UInt64
    let schema: Int
    let name: String
  }

  /// A pattern property without a reference to count: `patternProperties` keeps each pattern
  /// alive.
  struct UncountedPattern {
    let pattern: Unmanaged<SchemaPattern>
    let schema: Int

    /// Whether the pattern matches `name`.
    func matches(_ name: String) -> Bool { pattern._withUnsafeGuaranteedRef { $0.matches(name) } }
    /// Whether the pattern matches the name whose UTF-8 bytes are `name`.
    func matches(utf8 name: UnsafeBufferPointer<UInt8>) -> Bool {
      pattern._withUnsafeGuaranteedRef { $0.matches(utf8: name) }
    }
  }

  let properties: [ExactString: Int]
  let patternProperties: [PatternProperty]
  let additional: Int?
  /// `additionalProperties: false`, reported as `unexpectedProperty`.
  let additionalIsFalse: Bool

  /// The names of `properties`, for `property(named:)`.
  private let names: UnsafeMutableBufferPointer<Name>
  /// `patternProperties`, for the schema probe.
  let uncountedPatterns: UnsafeMutableBufferPointer<UncountedPattern>

  init(
    properties: [ExactString: Int], patternProperties: [PatternProperty], additional: Int?,
    additionalIsFalse: Bool
  ) {
    self.properties = properties
    self.patternProperties = patternProperties
    self.additional = additional
    self.additionalIsFalse = additionalIsFalse
    let list = properties.keys.map { key -> Name in
      var name = key.string
      let (length, prefix) = name.withUTF8 { ($0.count, MembersRule.prefix($0)) }
      return Name(length: length, prefix: prefix, schema: properties[key]!, name: key.string)
    }
    names = .allocate(capacity: list.count)
    _ = names.initialize(from: list)
    uncountedPatterns = .allocate(capacity: patternProperties.count)
    _ = uncountedPatterns.initialize(
      from: patternProperties.map {
        UncountedPattern(pattern: Unmanaged.passUnretained($0.pattern), schema: $0.schema)
      })
  }

  deinit {
    names.deinitialize()
    names.deallocate()
    uncountedPatterns.deinitialize()
    uncountedPatterns.deallocate()
  }

  /// The subschema of the property `name`, as `properties[ExactString(name)]`. Objects of a
  /// few dozen properties, as schemas write them, are searched by length and then bytes: hashing
  /// every member's name of every document was a tenth of the schema checks.
  func property(named name: String) -> Int? {
    if names.count > 32 { return properties[ExactString(name)] }
    let inPlace: Int?? = name.utf8.withContiguousStorageIfAvailable { bytes in
      property(length: bytes.count, prefix: MembersRule.prefix(bytes), utf8: bytes)
    }
    if let inPlace { return inPlace }
    let length = name.utf8.count
    for i in 0..<names.count where names[i].length == length && names[i].name.isExactlyEqual(to: name) {
      return names[i].schema
    }
    return nil
  }

  /// `property(named:)` of the name whose UTF-8 bytes are `utf8`, of `length` bytes beginning
  /// with `prefix` (see `FlatYAML.prefix`): a name is told by its length and first eight bytes,
  /// and only a longer one is compared further, without making a string of it (a key read flat).
  func property(length: Int, prefix: UInt64, utf8: UnsafeBufferPointer<UInt8>) -> Int? {
    if names.count > 32 { return properties[ExactString(String(decoding: utf8, as: UTF8.self))] }
    for i in 0..<names.count where names[i].length == length && names[i].prefix == prefix {
      if length <= 8 { return names[i].schema }
      let inPlace: Bool? = names[i].name.utf8.withContiguousStorageIfAvailable { name -> Bool in
        memcmp(name.baseAddress!, utf8.baseAddress!, length) == 0
      }
      if inPlace ?? names[i].name.utf8.elementsEqual(utf8) { return names[i].schema }
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
