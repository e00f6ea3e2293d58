import SoclintYAML

/// One way an instance fails its schema, as data: the layer above turns it into a finding with a
/// human message.
public struct SchemaViolation: Sendable {
  /// Which keyword failed, with what it asked for.
  public enum Kind: Sendable {
    /// `required`: the property is missing; `node` is the object.
    case missingProperty(name: String)
    /// `additionalProperties: false`: a property neither `properties` nor `patternProperties`
    /// names; `node` is the value, `key` the key. (When `additionalProperties` is a schema, the
    /// value's own violations are reported instead, like those of `properties`.)
    case unexpectedProperty(name: String, key: Node)
    /// `type`: the JSON type names the schema allows, in the schema's order.
    case wrongType(expected: [String])
    /// `enum`: the allowed values, as the schema's nodes.
    case notInEnum(allowed: [Node])
    /// `const`.
    case notConst(expected: Node)
    /// `pattern`: the string does not match the (unanchored) ECMA-262 regex.
    case patternMismatch(pattern: String)
    /// `format`, for the asserted formats "date" and "email".
    case invalidFormat(format: String)
    /// `minLength` / `maxLength`, counted in Unicode scalars.
    case tooShort(min: Int)
    /// `maxLength`, counted in Unicode scalars.
    case tooLong(max: Int)
    /// `minItems` / `maxItems`.
    case tooFewItems(min: Int)
    /// `maxItems`.
    case tooManyItems(max: Int)
    /// `uniqueItems`: `node` is the later item, equal to the one at `firstIndex`.
    case duplicateItem(index: Int, firstIndex: Int)
    /// `minimum` (`exclusive: false`) or `exclusiveMinimum` (`exclusive: true`).
    case belowMinimum(limit: Double, exclusive: Bool)
    /// `maximum` (`exclusive: false`) or `exclusiveMaximum` (`exclusive: true`).
    case aboveMaximum(limit: Double, exclusive: Bool)
    /// `multipleOf`.
    case notMultipleOf(divisor: Double)
    /// `minProperties` / `maxProperties`; `node` is the object.
    case tooFewProperties(min: Int)
    /// `maxProperties`; `node` is the object.
    case tooManyProperties(max: Int)
    /// `dependentRequired`: `property` is present, so `missing` is required; `node` is the object.
    case dependentRequired(property: String, missing: String)
    /// `propertyNames`: the name fails the subschema for `reason`; `node` is the key. As for
    /// `unexpectedProperty`, `instancePath` is the member's (the object's path plus the name),
    /// and so are those of `reason`.
    case propertyName(name: String, key: Node, reason: [SchemaViolation])
    /// `anyOf` / `oneOf`: no branch matched; each branch's violations, in branch order.
    case noBranchMatched(keyword: String, branches: [[SchemaViolation]])
    /// `oneOf`: `count` branches matched where exactly one must.
    case tooManyBranchesMatched(count: Int)
    /// `not`: the instance matched the subschema it must not match.
    case notFailed
    /// `contains` with `minContains` (default 1): fewer items than `min` match the subschema.
    case tooFewContained(min: Int, found: Int)
    /// `maxContains`: more items than `max` match `contains`'s subschema.
    case tooManyContained(max: Int, found: Int)
    /// The boolean schema `false` (such as `items: false`, or a property whose schema is
    /// `false`): nothing is valid here.
    case falseSchema
  }

  /// Which keyword failed, with what it asked for.
  public let kind: Kind
  /// The instance node at fault.
  public let node: Node
  /// Where `node` is in the instance; `instancePointer` gives it as a JSON Pointer.
  public let instancePath: [PathComponent]
  /// The JSON Pointer of the failing keyword in the schema document, where it is written (after
  /// following `$ref`): "/$defs/evidence/required", "/properties/id/pattern". "" for a root
  /// boolean schema `false`.
  public let schemaPath: String
  /// The names in `properties` of the subschema holding the keyword, in schema order (for
  /// "did you mean").
  public let knownProperties: [String]
  /// The `required` names of the subschema holding the keyword.
  public let requiredProperties: [String]
  /// The `title` of the subschema holding the keyword, if it has one.
  public let subschemaTitle: String?

  /// A violation from its parts; the facts about the subschema holding the keyword default to none.
  public init(
    kind: Kind, node: Node, instancePath: [PathComponent], schemaPath: String,
    knownProperties: [String] = [], requiredProperties: [String] = [], subschemaTitle: String? = nil
  ) {
    self.kind = kind
    self.node = node
    self.instancePath = instancePath
    self.schemaPath = schemaPath
    self.knownProperties = knownProperties
    self.requiredProperties = requiredProperties
    self.subschemaTitle = subschemaTitle
  }

  /// `instancePath` as a JSON Pointer: "" for the document, "/evidence/0/kind".
  public var instancePointer: String { JSONPointer.string(instancePath) }

  /// The keyword that failed: the last token of `schemaPath` ("required", "additionalProperties").
  public var keyword: String {
    guard let slash = schemaPath.lastIndex(of: "/") else { return "" }
    return String(schemaPath[schemaPath.index(after: slash)...])
  }
}
