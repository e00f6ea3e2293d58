import Foundation
import SoclintModel
import SoclintYAML
import Testing

@testable import SoclintSchema

/// `SchemaProbe`, the flat walk that answers `isValid`, gives the evaluation's answer: on every
/// document of the fixtures and the example, and on variants of each that differ in one place
/// (a value replaced by one of another type or content, a key dropped or added, an item dropped
/// or repeated). The JSON Schema Test Suite holds `isValid` to its expected answers as well.
@Suite struct SchemaProbeTests {
  /// Every YAML document under the fixtures and the example, with the kind it is checked as.
  static func documents() throws -> [(path: String, kind: DocumentKind, root: Node)] {
    var found: [(String, DocumentKind, Node)] = []
    for folder in [Support.fixtures, Support.packageRoot.appendingPathComponent("Controls")] {
      let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
        let file = YAMLLoader().load(try [UInt8](Data(contentsOf: url)))
        for document in file.documents {
          let kind: DocumentKind?
          if url.lastPathComponent == ".soclint.yaml" {
            kind = .config
          } else {
            kind = document.root["kind"]?.string.flatMap(DocumentKind.init(rawValue:))
          }
          if let kind { found.append((url.path, kind, document.root)) }
        }
      }
    }
    return found
  }

  static let mark = Mark(line: 1, column: 1)

  static func scalar(_ text: String, _ value: ScalarValue, _ style: ScalarStyle = .plain) -> Node {
    Node(content: .scalar(Node.Scalar(text: text, style: style, value: value)), start: mark, end: mark)
  }

  /// What a value is replaced by: every JSON type, and strings that trip the keywords soclint's
  /// schemas use (patterns, lengths, formats, enums).
  static let replacements: [Node] = [
    scalar("~", .null), scalar("true", .bool(true)), scalar("1", .int(1)), scalar("1.5", .float(1.5)),
    scalar("10.0", .float(10)), scalar("", .string(""), .doubleQuoted), scalar("x", .string("x")),
    scalar("AC-01", .string("AC-01")), scalar("2026-01-31", .string("2026-01-31")),
    scalar("2026-02-30", .string("2026-02-30")), scalar("quarterly", .string("quarterly")),
    scalar("implemented", .string("implemented")), scalar("a@b.example", .string("a@b.example")),
    scalar("CC6.1", .string("CC6.1")), scalar("soc2", .string("soc2")), scalar("é", .string("é")),
    scalar("bell\u{7}", .string("bell\u{7}")),
    scalar(String(repeating: "long ", count: 60), .string(String(repeating: "long ", count: 60))),
    Node(content: .sequence([]), start: mark, end: mark),
    Node(content: .sequence([scalar("x", .string("x"))]), start: mark, end: mark),
    Node(content: .sequence([scalar("x", .string("x")), scalar("x", .string("x"))]), start: mark, end: mark),
    Node(content: .mapping([]), start: mark, end: mark),
    Node(
      content: .mapping([Node.Pair(key: scalar("id", .string("id")), value: scalar("x", .string("x")))]),
      start: mark, end: mark),
  ]

  /// The node with one place changed, for every place.
  static func variants(of node: Node) -> [Node] {
    var out = replacements
    func rebuilt(_ content: Node.Content) -> Node { Node(content: content, start: node.start, end: node.end) }
    switch node.content {
    case .scalar:
      break
    case .sequence(let items):
      for i in items.indices {
        for variant in variants(of: items[i]) {
          var changed = items
          changed[i] = variant
          out.append(rebuilt(.sequence(changed)))
        }
        var dropped = items
        dropped.remove(at: i)
        out.append(rebuilt(.sequence(dropped)))
        out.append(rebuilt(.sequence(items + [items[i]])))
      }
    case .mapping(let pairs):
      for i in pairs.indices {
        for variant in variants(of: pairs[i].value) {
          var changed = pairs
          changed[i] = Node.Pair(key: pairs[i].key, value: variant)
          out.append(rebuilt(.mapping(changed)))
        }
        var dropped = pairs
        dropped.remove(at: i)
        out.append(rebuilt(.mapping(dropped)))
      }
      for key in ["zz-unknown", "x-extension", "Bad Key", "soc1"] {
        out.append(
          rebuilt(.mapping(pairs + [Node.Pair(key: scalar(key, .string(key)), value: scalar("1", .int(1)))])))
      }
      let numberKey = Node.Pair(key: scalar("7", .int(7)), value: scalar("x", .string("x")))
      out.append(rebuilt(.mapping(pairs + [numberKey])))
      // A key of a property's length and first eight bytes, differing after them.
      let nearKey = Node.Pair(
        key: scalar("abcdefghik", .string("abcdefghik")), value: scalar("x", .string("x")))
      out.append(rebuilt(.mapping(pairs + [nearKey])))
    }
    return out
  }

  /// Each keyword the probe reads itself, and some it leaves to the evaluation, on values of
  /// every type, with integers judged both ways (`writtenIntegers`).
  @Test func eachKeywordAnswersAsTheEvaluationDoes() throws {
    let schemas = [
      #"{"type": "integer"}"#, #"{"type": "number"}"#, #"{"type": ["string", "null"]}"#,
      #"{"type": "object"}"#, #"{"type": "array"}"#, #"{"type": "boolean"}"#,
      #"{"enum": ["x", "AC-01"]}"#, #"{"enum": ["x", 1]}"#, #"{"minLength": 2}"#, #"{"maxLength": 1}"#,
      #"{"pattern": "^[A-Z]"}"#, #"{"format": "date"}"#, #"{"format": "email"}"#,
      #"{"required": ["id"]}"#, #"{"properties": {"id": {"type": "integer"}}}"#,
      #"{"patternProperties": {"^i": {"type": "string"}}, "additionalProperties": false}"#,
      #"{"additionalProperties": {"type": "integer"}}"#,
      #"{"properties": {"abcdefghij": {"type": "string"}}, "additionalProperties": false}"#,
      #"{"propertyNames": {"maxLength": 1}}"#, #"{"propertyNames": {"const": "id"}}"#,
      #"{"items": {"type": "string"}}"#, #"{"prefixItems": [{"type": "integer"}]}"#,
      #"{"minItems": 2}"#, #"{"maxItems": 1}"#, #"{"uniqueItems": true}"#, #"{"const": "x"}"#,
      ##"{"$ref": "#/$defs/a", "$defs": {"a": {"type": "string", "minLength": 2}}}"##,
      ##"{"$ref": "#/$defs/a", "type": "array", "$defs": {"a": {"items": {"enum": ["x"]}}}}"##,
      ##"{"items": {"$ref": "#"}, "type": ["array", "string"]}"##,
    ]
    let instances = SchemaProbeTests.replacements.flatMap { [$0] + SchemaProbeTests.variants(of: $0) }
    var outcomes: Set<Bool> = []
    var flatCount = 0
    for written in [false, true] {
      for schema in schemas {
        let validator = try JSONSchemaValidator(json: schema, writtenIntegers: written)
        for instance in instances {
          let expected = validator.isValidByEvaluation(instance)
          outcomes.insert(expected)
          #expect(validator.isValid(instance) == expected, "\(schema), written integers \(written)")
          // The same value read flat gets the same answer.
          if let flat = FlatYAML.of(instance) {
            flatCount += 1
            #expect(
              validator.isValid(flat, at: 0) == expected, "flat: \(schema), written integers \(written)")
          }
        }
      }
    }
    #expect(outcomes == [false, true])
    #expect(flatCount > instances.count)
  }

  @Test func theProbeAnswersAsTheEvaluationDoes() throws {
    let documents = try SchemaProbeTests.documents()
    #expect(documents.count > 50)
    var valid = 0
    var invalid = 0
    var flatCount = 0
    // Variants of each shape of document once: the fixtures repeat shapes many times over.
    var shapes: Set<String> = []
    for (path, kind, root) in documents {
      let validator = try #require(StructureChecker.embedded.validator(for: kind))
      let shape =
        kind.rawValue + ":" + (root.mapping ?? []).compactMap(\.keyText).sorted().joined(separator: ",")
      let isNewShape = shapes.insert(shape).inserted
      for variant in [root] + (isNewShape ? SchemaProbeTests.variants(of: root) : []) {
        let expected = validator.isValidByEvaluation(variant)
        if expected { valid += 1 } else { invalid += 1 }
        let answer = validator.isValid(variant)
        guard answer == expected else {
          Issue.record("\(path) (\(kind)): the probe says \(answer), the evaluation \(expected)")
          return
        }
        if let flat = FlatYAML.of(variant) {
          flatCount += 1
          guard validator.isValid(flat, at: 0) == expected else {
            Issue.record(
              "\(path) (\(kind)): the probe of the flat form says \(!expected), the evaluation \(expected)")
            return
          }
        }
      }
    }
    // Both answers are common, or the comparison would prove little.
    #expect(valid > 1000 && invalid > 1000, "\(valid) valid, \(invalid) invalid")
    #expect(flatCount > (valid + invalid) / 2, "\(flatCount) read flat")
  }
}
