import Foundation
import SoclintSchema
import SoclintYAML
import Testing

/// The shapes of violations the layer above maps to lint rules, and the schemas the validator
/// refuses.
struct SchemaValidatorTests {
  static let controlSchema = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://example.com/control.schema.json",
      "title": "Control",
      "type": "object",
      "required": ["id", "owner", "reviewed"],
      "properties": {
        "id": {"type": "string", "pattern": "^[A-Z]+-[0-9]+$"},
        "owner": {"type": "string", "format": "email"},
        "reviewed": {"type": "string", "format": "date"},
        "status": {"title": "Status", "enum": ["draft", "active", "retired"]},
        "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}}
      },
      "patternProperties": {"^x-": true},
      "additionalProperties": false,
      "$defs": {
        "evidence": {
          "title": "Evidence",
          "type": "object",
          "required": ["kind"],
          "properties": {
            "kind": {"title": "Kind", "type": "string"},
            "url": {"type": ["string", "null"]}
          },
          "additionalProperties": false
        }
      }
    }
    """

  static func yaml(_ text: String) throws -> Node {
    let file = YAMLLoader().load(text)
    #expect(file.problems.isEmpty)
    return try #require(file.documents.first?.root)
  }

  @Test func validInstanceHasNoViolations() throws {
    let validator = try JSONSchemaValidator(json: SchemaValidatorTests.controlSchema)
    let instance = try SchemaValidatorTests.yaml(
      """
      id: AC-1
      owner: alice@example.com
      reviewed: 2024-02-29
      status: active
      x-note: extensions are not additional properties
      evidence:
        - kind: ticket
          url: null
      """)
    #expect(validator.isValid(instance))
    #expect(validator.validate(instance).isEmpty)
    #expect(validator.id == "https://example.com/control.schema.json")
    #expect(validator.title == "Control")
  }

  @Test func violationsHaveKindsNodesAndPathsInDocumentOrder() throws {
    let validator = try JSONSchemaValidator(json: SchemaValidatorTests.controlSchema)
    let instance = try SchemaValidatorTests.yaml(
      """
      id: ac-1
      owner: not-an-email
      reviewed: 2026-02-30
      status: gone
      x-note: fine
      colour: red
      evidence:
        - kind: 3
          link: https://example.com
      """)
    #expect(!validator.isValid(instance))
    let violations = validator.validate(instance)
    try #require(violations.count == 7, "\(violations.map(\.kind))")

    let pattern = violations[0]
    guard case .patternMismatch(let source) = pattern.kind else {
      Issue.record("expected a pattern mismatch, got \(pattern.kind)")
      return
    }
    #expect(source == "^[A-Z]+-[0-9]+$")
    #expect(pattern.instancePointer == "/id")
    #expect(pattern.schemaPath == "/properties/id/pattern")
    #expect(pattern.keyword == "pattern")
    #expect(pattern.node.start == Mark(line: 1, column: 5))
    #expect(pattern.node.string == "ac-1")

    guard case .invalidFormat("email") = violations[1].kind else {
      Issue.record("expected an invalid email, got \(violations[1].kind)")
      return
    }
    #expect(violations[1].instancePath == [.key("owner")])
    #expect(violations[1].node.start == Mark(line: 2, column: 8))

    guard case .invalidFormat("date") = violations[2].kind else {
      Issue.record("expected an invalid date, got \(violations[2].kind)")
      return
    }
    #expect(violations[2].schemaPath == "/properties/reviewed/format")
    #expect(violations[2].node.start == Mark(line: 3, column: 11))

    guard case .notInEnum(let allowed) = violations[3].kind else {
      Issue.record("expected not in enum, got \(violations[3].kind)")
      return
    }
    #expect(allowed.compactMap(\.string) == ["draft", "active", "retired"])
    #expect(violations[3].instancePointer == "/status")
    #expect(violations[3].subschemaTitle == "Status")

    guard case .unexpectedProperty(let name, let key) = violations[4].kind else {
      Issue.record("expected an unexpected property, got \(violations[4].kind)")
      return
    }
    #expect(name == "colour")
    #expect(key.start == Mark(line: 6, column: 1))
    #expect(violations[4].node.start == Mark(line: 6, column: 9))
    #expect(violations[4].instancePointer == "/colour")
    #expect(violations[4].schemaPath == "/additionalProperties")
    #expect(violations[4].knownProperties == ["id", "owner", "reviewed", "status", "evidence"])
    #expect(violations[4].requiredProperties == ["id", "owner", "reviewed"])
    #expect(violations[4].subschemaTitle == "Control")

    guard case .wrongType(let expected) = violations[5].kind else {
      Issue.record("expected a wrong type, got \(violations[5].kind)")
      return
    }
    #expect(expected == ["string"])
    #expect(violations[5].instancePath == [.key("evidence"), .index(0), .key("kind")])
    #expect(violations[5].instancePointer == "/evidence/0/kind")
    #expect(violations[5].schemaPath == "/$defs/evidence/properties/kind/type")
    #expect(violations[5].node.start == Mark(line: 8, column: 11))

    guard case .unexpectedProperty("link", _) = violations[6].kind else {
      Issue.record("expected an unexpected property, got \(violations[6].kind)")
      return
    }
    #expect(violations[6].instancePointer == "/evidence/0/link")
    #expect(violations[6].schemaPath == "/$defs/evidence/additionalProperties")
    #expect(violations[6].subschemaTitle == "Evidence")
    #expect(violations[6].knownProperties == ["kind", "url"])
  }

  @Test func missingPropertiesPointAtTheObject() throws {
    let validator = try JSONSchemaValidator(json: SchemaValidatorTests.controlSchema)
    let instance = try SchemaValidatorTests.yaml("id: AC-1\nevidence:\n  - url: https://example.com\n")
    let violations = validator.validate(instance)
    let missing = violations.compactMap { violation -> (String, String, Mark)? in
      guard case .missingProperty(let name) = violation.kind else { return nil }
      return (name, violation.instancePointer, violation.node.start)
    }
    #expect(missing.map(\.0) == ["owner", "reviewed", "kind"])
    #expect(missing.map(\.1) == ["", "", "/evidence/0"])
    #expect(
      missing.map(\.2) == [Mark(line: 1, column: 1), Mark(line: 1, column: 1), Mark(line: 3, column: 5)])
    #expect(violations.last?.schemaPath == "/$defs/evidence/required")
    #expect(violations.last?.requiredProperties == ["kind"])
  }

  @Test(arguments: [
    ("2024-02-29", true), ("2026-02-30", false), ("2023-02-29", false), ("2026-13-01", false),
    ("2026-1-01", false), ("2026-04-31", false), ("2026-12-31", true),
  ])
  func dateFormat(_ date: String, _ valid: Bool) throws {
    let validator = try JSONSchemaValidator(json: #"{"format": "date"}"#)
    #expect(validator.isValid(try SchemaValidatorTests.yaml("'\(date)'")) == valid)
  }

  @Test(arguments: [
    ("alice@example.com", true), ("a.b+c@mail.example.co.uk", true), ("alice", false),
    ("alice@", false), ("@example.com", false), ("a..b@example.com", false),
    ("alice@exa_mple.com", false), ("alice bob@example.com", false),
  ])
  func emailFormat(_ address: String, _ valid: Bool) throws {
    let validator = try JSONSchemaValidator(json: #"{"format": "email"}"#)
    #expect(validator.isValid(try SchemaValidatorTests.yaml("'\(address)'")) == valid)
  }

  @Test func otherFormatsAreAnnotations() throws {
    let validator = try JSONSchemaValidator(json: #"{"format": "uri"}"#)
    #expect(validator.isValid(try SchemaValidatorTests.yaml("not a uri")))
  }

  @Test func unsupportedKeywordIsRefused() throws {
    let schema = """
      {
        "type": "object",
        "properties": {
          "a": {"unevaluatedProperties": false}
        }
      }
      """
    do {
      _ = try JSONSchemaValidator(json: schema)
      Issue.record("the schema should be refused")
    } catch {
      #expect(error.kind == .unsupportedKeyword("unevaluatedProperties"))
      #expect(error.schemaPath == "/properties/a/unevaluatedProperties")
      #expect(error.mark == Mark(line: 4, column: 11))
      #expect(error.description.contains("unevaluatedProperties"))
    }
  }

  static let refusedCases: [(schema: String, kind: SchemaError.Kind)] = [
    (##"{"$defs": {"x": {"$anchor": "a"}}}"##, .unsupportedKeyword("$anchor")),
    (##"{"properties": {"a": {"$id": "a.json"}}}"##, .unsupportedKeyword("$id")),
    (##"{"definitions": {}}"##, .unsupportedKeyword("definitions")),
    (
      ##"{"$schema": "http://json-schema.org/draft-07/schema#"}"##,
      .unsupportedDialect("http://json-schema.org/draft-07/schema#")
    ),
    (##"{"$ref": "other.json#/a"}"##, .unresolvableReference("other.json#/a")),
    (##"{"$ref": "#/$defs/missing"}"##, .unresolvableReference("#/$defs/missing")),
    (##"{"$ref": "#anchor"}"##, .unresolvableReference("#anchor")),
    (##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}}"##, .referenceCycle),
    (##"{"pattern": "(unclosed"}"##, .invalidPattern("(unclosed")),
    (##"{"minLength": -1}"##, .invalidValue(keyword: "minLength")),
    (##"{"type": "int"}"##, .invalidValue(keyword: "type")),
    (##"{"required": ["a", "a"]}"##, .invalidValue(keyword: "required")),
    (##"{"properties": {"a": 1}}"##, .notASchema),
    (##"{"type": "object""##, .invalidJSON),
  ]

  @Test(arguments: SchemaValidatorTests.refusedCases)
  func refusedSchemas(_ schema: String, _ kind: SchemaError.Kind) {
    do {
      _ = try JSONSchemaValidator(json: schema)
      Issue.record("\(schema) should be refused")
    } catch {
      #expect(error.kind == kind, "\(schema): \(error)")
    }
  }

  @Test func referencesInsideTheDocument() throws {
    let validator = try JSONSchemaValidator(
      json: """
        {
          "$id": "urn:example:doc",
          "$defs": {"a/b": {"type": "integer"}, "c~d": {"$ref": "urn:example:doc#/$defs/a~1b"},
                    "e%f": {"minimum": 2}},
          "properties": {
            "x": {"$ref": "#/$defs/c~0d"},
            "y": {"$ref": "#/$defs/e%25f"},
            "z": {"$ref": "#/properties/x"},
            "self": {"$ref": "#"}
          }
        }
        """)
    #expect(validator.isValid(try SchemaValidatorTests.yaml("{x: 1, y: 3, z: 2.0, self: {x: 4}}")))
    let violations = validator.validate(try SchemaValidatorTests.yaml("{x: a, y: 1, self: {z: b}}"))
    #expect(violations.map(\.schemaPath) == ["/$defs/a~1b/type", "/$defs/e%f/minimum", "/$defs/a~1b/type"])
    #expect(violations.map(\.instancePointer) == ["/x", "/y", "/self/z"])
  }

  @Test func applicatorsReportTheirBranches() throws {
    let validator = try JSONSchemaValidator(
      json: """
        {
          "properties": {
            "any": {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 10}]},
            "one": {"oneOf": [{"type": "integer"}, {"minimum": 0}]},
            "not": {"not": {"type": "null"}},
            "cond": {
              "if": {"properties": {"kind": {"const": "file"}}},
              "then": {"required": ["path"]},
              "else": {"required": ["url"]}
            },
            "all": {"allOf": [{"minLength": 2}, {"maxLength": 3}]}
          }
        }
        """)
    let violations = validator.validate(
      try SchemaValidatorTests.yaml("{any: 5, one: 3, not: null, cond: {kind: file}, all: abcd}"))
    try #require(violations.count == 5, "\(violations.map(\.kind))")
    guard case .noBranchMatched("anyOf", let branches) = violations[0].kind else {
      Issue.record("expected anyOf branches, got \(violations[0].kind)")
      return
    }
    #expect(
      branches.map { $0.map(\.schemaPath) } == [
        ["/properties/any/anyOf/0/type"], ["/properties/any/anyOf/1/minimum"],
      ])
    #expect(branches[1].first?.instancePointer == "/any")
    guard case .tooManyBranchesMatched(count: 2) = violations[1].kind else {
      Issue.record("expected oneOf to match twice, got \(violations[1].kind)")
      return
    }
    guard case .notFailed = violations[2].kind else {
      Issue.record("expected not to fail, got \(violations[2].kind)")
      return
    }
    guard case .missingProperty("path") = violations[3].kind else {
      Issue.record("expected the then branch's violation, got \(violations[3].kind)")
      return
    }
    #expect(violations[3].schemaPath == "/properties/cond/then/required")
    guard case .tooLong(max: 3) = violations[4].kind else {
      Issue.record("expected allOf's violation directly, got \(violations[4].kind)")
      return
    }
  }

  @Test func arrayAndObjectKeywords() throws {
    let validator = try JSONSchemaValidator(
      json: """
        {
          "properties": {
            "tags": {"type": "array", "uniqueItems": true, "maxItems": 3},
            "map": {
              "propertyNames": {"pattern": "^[a-z]+$"},
              "additionalProperties": {"type": "integer"},
              "dependentRequired": {"a": ["b"]}
            },
            "n": {"multipleOf": 0.5, "exclusiveMaximum": 2}
          }
        }
        """)
    let instance = try SchemaValidatorTests.yaml(
      """
      tags: [a, 1, b, 1.0]
      map:
        a: 1
        Bad: 2
        c: x
      n: 2
      """)
    let violations = validator.validate(instance)
    try #require(violations.count == 6, "\(violations.map(\.kind))")
    guard case .tooManyItems(max: 3) = violations[0].kind else {
      Issue.record("\(violations[0].kind)")
      return
    }
    guard case .duplicateItem(index: 3, firstIndex: 1) = violations[1].kind else {
      Issue.record("\(violations[1].kind)")
      return
    }
    #expect(violations[1].instancePointer == "/tags/3")
    #expect(violations[1].node.start == Mark(line: 1, column: 17))
    guard case .dependentRequired(property: "a", missing: "b") = violations[2].kind else {
      Issue.record("\(violations[2].kind)")
      return
    }
    guard case .propertyName(name: "Bad", let key, let reason) = violations[3].kind else {
      Issue.record("\(violations[3].kind)")
      return
    }
    #expect(key.start == Mark(line: 4, column: 3))
    #expect(reason.map(\.schemaPath) == ["/properties/map/propertyNames/pattern"])
    #expect(violations[4].schemaPath == "/properties/map/additionalProperties/type")
    #expect(violations[4].instancePointer == "/map/c")
    guard case .aboveMaximum(limit: 2, exclusive: true) = violations[5].kind else {
      Issue.record("\(violations[5].kind)")
      return
    }
  }

  @Test func integerAcceptsIntegralFloatsAndLengthsCountScalars() throws {
    let integer = try JSONSchemaValidator(json: #"{"type": "integer"}"#)
    #expect(integer.isValid(try SchemaValidatorTests.yaml("1.0")))
    #expect(!integer.isValid(try SchemaValidatorTests.yaml("1.5")))
    #expect(!integer.isValid(try SchemaValidatorTests.yaml("'1'")))
    let length = try JSONSchemaValidator(json: #"{"maxLength": 2, "minLength": 2}"#)
    #expect(length.isValid(try SchemaValidatorTests.yaml("\"\u{1F4A9}e\u{301}\"")) == false)
    #expect(length.isValid(try SchemaValidatorTests.yaml("\"\u{1F4A9}\u{1F4A9}\"")))
  }

  @Test func propertiesAtAnInstancePath() throws {
    let validator = try JSONSchemaValidator(json: SchemaValidatorTests.controlSchema)
    let root = validator.properties(at: [])
    #expect(root.map(\.name) == ["id", "owner", "reviewed", "status", "evidence"])
    #expect(root.first { $0.name == "id" }?.isRequired == true)
    #expect(root.first { $0.name == "status" }?.isRequired == false)
    #expect(root.first { $0.name == "status" }?.title == "Status")
    let evidence = validator.properties(at: [.key("evidence"), .index(0)])
    #expect(
      evidence == [
        SchemaPropertyInfo(
          name: "kind", types: ["string"], title: "Kind", description: nil, isRequired: true),
        SchemaPropertyInfo(
          name: "url", types: ["string", "null"], title: nil, description: nil, isRequired: false),
      ])
    #expect(validator.propertyNames(at: [.key("status")]).isEmpty)
    #expect(validator.title(at: [.key("evidence"), .index(2)]) == "Evidence")
    #expect(validator.title(at: [.key("evidence")]) == nil)
    #expect(validator.types(at: [.key("evidence"), .index(0), .key("url")]) == ["string", "null"])
    #expect(validator.types(at: [.key("x-anything")]).isEmpty)
    #expect(validator.propertyNames(at: [.key("nothing"), .index(3)]).isEmpty)
  }

  @Test func jsonPointers() {
    #expect(JSONPointer.string([]) == "")
    #expect(JSONPointer.string([.key("a/b~c"), .index(0), .key("")]) == "/a~1b~0c/0/")
    #expect(JSONPointer.tokens("/a~1b~0c/0/") == ["a/b~c", "0", ""])
    #expect(JSONPointer.tokens("a") == nil)
    #expect(JSONPointer.tokens("/~2") == nil)
  }

  @Test func projectSchemasCompile() throws {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Schemas")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasSuffix(".json") {
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      #expect(throws: Never.self, "\(name)") { _ = try JSONSchemaValidator(json: [UInt8](data)) }
    }
  }

  @Test func validatesFromManyThreadsAtOnce() async throws {
    let validator = try JSONSchemaValidator(json: SchemaValidatorTests.controlSchema)
    let instance = try SchemaValidatorTests.yaml("id: ac-1\nowner: x\nreviewed: 2024-02-29\ncolour: red\n")
    let expected = validator.validate(instance).map(\.schemaPath)
    let results = await withTaskGroup(of: [String].self) { group in
      for _ in 0..<32 {
        group.addTask {
          var last: [String] = []
          for _ in 0..<50 { last = validator.validate(instance).map(\.schemaPath) }
          return last
        }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == 32)
    #expect(results.allSatisfy { $0 == expected })
  }
}
