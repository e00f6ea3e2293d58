import Foundation
import SoclintSchema
import SoclintYAML
import Testing

/// Runs the official JSON Schema Test Suite (draft 2020-12), from the copy of the files it uses
/// in `Tests/Conformance/json-schema-test-suite/draft2020-12` (see Tests/Conformance/README.md).
///
/// Every test of every listed file must pass. The only exceptions are the schema groups in
/// `refusedGroups`: each uses something the validator deliberately does not implement, and for
/// each the test asserts that compiling the schema is refused, with that reason, instead of
/// running its cases.
struct SchemaConformanceTests {
  /// The suite files run: every file of a keyword the validator supports, the asserted formats,
  /// and the optional files about what the validator promises too (ECMA-262 regexes, big and
  /// overflowing numbers, a schema without `$schema`).
  static let files = [
    "type.json", "enum.json", "const.json", "boolean_schema.json", "default.json",
    "properties.json", "required.json", "additionalProperties.json", "patternProperties.json",
    "propertyNames.json", "dependentRequired.json", "minProperties.json", "maxProperties.json",
    "items.json", "prefixItems.json", "contains.json", "minContains.json", "maxContains.json",
    "minItems.json", "maxItems.json", "uniqueItems.json",
    "pattern.json", "minLength.json", "maxLength.json",
    "minimum.json", "maximum.json", "exclusiveMinimum.json", "exclusiveMaximum.json",
    "multipleOf.json",
    "allOf.json", "anyOf.json", "oneOf.json", "not.json", "if-then-else.json",
    "ref.json", "defs.json", "infinite-loop-detection.json",
    "optional/format/date.json", "optional/format/email.json",
    "optional/ecmascript-regex.json", "optional/non-bmp-regex.json", "optional/bignum.json",
    "optional/float-overflow.json", "optional/no-schema.json",
  ]

  /// Why a group's schema is refused.
  enum Refusal {
    /// A `$ref` to another document (the metaschema, a relative URI): only references inside
    /// one document are supported, which the README allows to skip.
    case remoteReference
    /// `$id` below the root: `$id` resolution is not supported, only a root `$id` naming the
    /// document, which the README allows to skip.
    case embeddedID
    /// A keyword the validator does not implement; refusing the schema is the correct
    /// behaviour.
    case unsupportedKeyword(String)

    func matches(_ kind: SchemaError.Kind) -> Bool {
      switch (self, kind) {
      case (.remoteReference, .unresolvableReference): return true
      case (.embeddedID, .unsupportedKeyword("$id")): return true
      case (.unsupportedKeyword(let a), .unsupportedKeyword(let b)): return a == b
      default: return false
      }
    }
  }

  /// Groups (by file, then group description) whose schema must be refused, and why.
  static let refusedGroups: [String: [String: Refusal]] = [
    "additionalProperties.json": [
      "dependentSchemas with additionalProperties": .unsupportedKeyword("dependentSchemas")
    ],
    "not.json": [
      "collect annotations inside a 'not', even if collection is disabled":
        .unsupportedKeyword("unevaluatedProperties")
    ],
    "defs.json": [
      "validate definition against metaschema": .remoteReference
    ],
    "ref.json": [
      "remote ref, containing refs itself": .remoteReference,
      "Recursive references between schemas": .embeddedID,
      "ref creates new scope when adjacent to keywords": .unsupportedKeyword("unevaluatedProperties"),
      "refs with relative uris and defs": .embeddedID,
      "relative refs with absolute uris and defs": .embeddedID,
      "$id must be resolved against nearest parent, not just immediate parent": .embeddedID,
      "order of evaluation: $id and $ref": .embeddedID,
      "order of evaluation: $id and $anchor and $ref": .unsupportedKeyword("$anchor"),
      "order of evaluation: $id and $ref on nested schema": .embeddedID,
      "URN base URI with URN and anchor ref": .unsupportedKeyword("$anchor"),
      "URN ref with nested pointer ref": .embeddedID,
      "ref to if": .embeddedID,
      "ref to then": .embeddedID,
      "ref to else": .embeddedID,
      "ref with absolute-path-reference": .embeddedID,
    ],
  ]

  static let suiteFolder = Support.conformance.appendingPathComponent("json-schema-test-suite/draft2020-12")

  @Test("JSON Schema Test Suite draft 2020-12", arguments: files)
  func suiteFile(_ file: String) throws {
    let url = SchemaConformanceTests.suiteFolder.appendingPathComponent(file)
    let data = try Data(contentsOf: url)
    let groups = try #require(try JSONReader.parse([UInt8](data)).sequence, "\(file) is not a list of groups")
    let refused = SchemaConformanceTests.refusedGroups[file] ?? [:]
    var refusedSeen: Set<String> = []
    var casesRun = 0

    for group in groups {
      let description = group["description"]?.string ?? "?"
      let schema = try #require(group["schema"], "\(file) › \(description): no schema")
      let tests = group["tests"]?.sequence ?? []

      if let refusal = refused[description] {
        refusedSeen.insert(description)
        do {
          _ = try JSONSchemaValidator(schema: schema)
          Issue.record("\(file) › \(description): the schema should be refused (\(refusal))")
        } catch {
          #expect(
            refusal.matches(error.kind),
            "\(file) › \(description): refused for \(error), expected \(refusal)")
        }
        continue
      }

      let validator: JSONSchemaValidator
      do {
        validator = try JSONSchemaValidator(schema: schema)
      } catch {
        Issue.record("\(file) › \(description): the schema was refused: \(error)")
        continue
      }
      for test in tests {
        let caseDescription = test["description"]?.string ?? "?"
        let instance = try #require(test["data"], "\(file) › \(description) › \(caseDescription): no data")
        guard case .bool(let expected)? = test["valid"]?.scalar?.value else {
          Issue.record("\(file) › \(description) › \(caseDescription): no valid flag")
          continue
        }
        casesRun += 1
        let place = "\(file) › \(description) › \(caseDescription)"
        let violations = validator.validate(instance)
        let found = violations.map { "\($0.kind) at \($0.schemaPath)" }
        #expect(validator.isValid(instance) == expected, "\(place): isValid should be \(expected)")
        #expect(
          violations.isEmpty == expected,
          "\(place): expected \(expected ? "valid" : "invalid"), got violations \(found)")
      }
    }
    #expect(
      refusedSeen == Set(refused.keys),
      "\(file): refused groups not found in the file: \(Set(refused.keys).subtracting(refusedSeen).sorted())")
    #expect(casesRun > 0 || refused.count == groups.count, "\(file): no case ran")
  }
}
