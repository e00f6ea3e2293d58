import SoclintYAML

/// A JSON Schema (draft 2020-12) compiled once and then used to validate YAML or JSON
/// documents, from any number of threads at once.
///
/// It implements a fixed set of keywords and refuses (throws at init) a schema with any other
/// keyword anywhere, so that nothing a schema says is silently ignored: `$schema`, `$id` (only at
/// the root), `$defs`, `$ref` (JSON Pointers inside the same document), `$comment`, `title`,
/// `description`, `default`, `examples`, `deprecated`, `readOnly`, `writeOnly`, `type`, `enum`,
/// `const`, `properties`, `patternProperties`, `additionalProperties`, `propertyNames`,
/// `required`, `dependentRequired`, `minProperties`, `maxProperties`, `prefixItems`, `items`,
/// `contains`, `minContains`, `maxContains`, `minItems`, `maxItems`, `uniqueItems`, `pattern`,
/// `minLength`, `maxLength`, `format` (asserted for "date" and "email", other formats are
/// annotations), `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`,
/// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`; and the boolean schemas.
///
/// A YAML document is validated as a JSON instance: a mapping is an object keyed by its key
/// scalars' text, a sequence an array, a scalar its YAML 1.2 core schema value.
public struct JSONSchemaValidator: Sendable {
  /// The compiled subschemas; the root is at index 0.
  let subschemas: [Subschema]
  /// The root `$id`, which names the document (and may prefix its own `$ref`s).
  public let id: String?
  /// JSON Schema counts `1.0` as an integer. A person who writes `grace_days: 10.0` in YAML
  /// wrote a fraction, so with this set an `integer` must be written as one; the JSON Schema
  /// Test Suite runs with it off.
  public let writtenIntegers: Bool
  /// The same keywords, flattened to answer whether an instance is valid.
  let probe: SchemaProbe

  /// Compiles a schema already read into a node tree; throws when it says anything this validator
  /// cannot honour.
  public init(schema: Node, writtenIntegers: Bool = false) throws(SchemaError) {
    var compiler = SchemaCompiler(root: schema)
    subschemas = try compiler.compile()
    id = compiler.rootID
    self.writtenIntegers = writtenIntegers
    probe = SchemaProbe(subschemas: subschemas, writtenIntegers: writtenIntegers)
  }

  /// Compiles a schema written as JSON text.
  public init(json: [UInt8], writtenIntegers: Bool = false) throws(SchemaError) {
    let schema: Node
    do {
      schema = try JSONReader.parse(json)
    } catch {
      throw SchemaError(kind: .invalidJSON, schemaPath: "", mark: error.mark, message: error.message)
    }
    try self.init(schema: schema, writtenIntegers: writtenIntegers)
  }

  /// Compiles a schema written as JSON text.
  public init(json: String, writtenIntegers: Bool = false) throws(SchemaError) {
    try self.init(json: Array(json.utf8), writtenIntegers: writtenIntegers)
  }

  /// The root schema's `title`.
  public var title: String? { subschemas[0].title }

  /// Whether the instance is valid; stops at the first failure and builds nothing.
  public func isValid(_ instance: Node) -> Bool {
    probe.isValid(instance)
  }

  /// Whether the value at `index` of a file read flat is valid: what `isValid` says of its
  /// nodes, without them.
  public func isValid(_ yaml: FlatYAML, at index: Int32) -> Bool {
    probe.isValid(yaml, index)
  }

  /// `isValid` by the evaluation that `validate` runs, the answer `SchemaProbe` must give (for
  /// the tests and the fuzzer).
  package func isValidByEvaluation(_ instance: Node) -> Bool {
    var probe = SchemaEvaluation(subschemas: subschemas, collecting: false, writtenIntegers: writtenIntegers)
    return probe.evaluate(0, instance, JSONValue(instance))
  }

  /// Every violation of the instance, in the document order of the nodes at fault, then in the
  /// order of the keywords in the schema. Empty when the instance is valid.
  public func validate(_ instance: Node) -> [SchemaViolation] {
    // Valid documents are the common case: the probe costs less than collecting.
    if isValid(instance) { return [] }
    var evaluation = SchemaEvaluation(
      subschemas: subschemas, collecting: true, writtenIntegers: writtenIntegers)
    _ = evaluation.evaluate(0, instance, JSONValue(instance))
    return evaluation.violationsInDocumentOrder
  }
}
