import SoclintModel
import Testing

@testable import SoclintSchema
@testable import SoclintYAML

/// The search of an object's properties by length and bytes finds what the hashed table finds.
@Suite struct SchemaPropertyLookupTests {
  static func membersRules(_ validator: JSONSchemaValidator) -> [MembersRule] {
    validator.subschemas.flatMap { subschema in
      subschema.keywords.compactMap { keyword -> MembersRule? in
        if case .members(let rule) = keyword.rule { return rule }
        return nil
      }
    }
  }

  static func expectAgreement(_ rule: MembersRule, _ extra: [String]) {
    let names = rule.properties.keys.map(\.string)
    var candidates = extra + names
    for name in names {
      // The same length and first eight bytes, the last byte changed: told apart after the prefix.
      let lastChanged = String(name.dropLast()) + (name.hasSuffix("x") ? "y" : "x")
      candidates += [name + "x", String(name.dropLast()), name.uppercased(), "x" + name, lastChanged]
    }
    for candidate in candidates {
      let expected = rule.properties[ExactString(candidate)]
      #expect(rule.property(named: candidate) == expected, "\(candidate)")
      // With the bytes, length and prefix a key read flat carries.
      var bytes = candidate
      let flat = bytes.withUTF8 { rule.property(length: $0.count, prefix: FlatYAML.prefix($0), utf8: $0) }
      #expect(flat == expected, "\(candidate), flat")
    }
  }

  @Test func agreesWithTheTableOnTheEmbeddedSchemas() throws {
    var rules = 0
    for (name, source) in EmbeddedSchemas.all {
      let validator = try JSONSchemaValidator(json: source)
      for rule in SchemaPropertyLookupTests.membersRules(validator) {
        rules += 1
        SchemaPropertyLookupTests.expectAgreement(rule, ["", "kind", "\u{E9}", name])
      }
    }
    #expect(rules > 20)
  }

  /// Small objects are searched; one of more than 32 properties keeps the table. Keys that only
  /// normalise alike are two properties either way.
  @Test func agreesOnSmallAndLargeObjects() throws {
    for count in [0, 1, 5, 32, 33, 60] {
      var members = (0..<count).map { "\"p\($0)\": {\"type\": \"integer\"}" }
      members += ["\"\u{E9}\": {\"type\": \"string\"}"]
      let validator = try JSONSchemaValidator(
        json: "{\"properties\": {" + members.joined(separator: ", ") + "}}")
      let rules = SchemaPropertyLookupTests.membersRules(validator)
      #expect(rules.count == 1)
      for rule in rules {
        SchemaPropertyLookupTests.expectAgreement(
          rule, ["e\u{301}", "\u{E9}", "p", "p1", "p\(count)", "p1\u{0}", "p\u{0}1", "p1234567", "p12345678"])
        #expect(rule.property(named: "\u{E9}") != nil)
        #expect(rule.property(named: "e\u{301}") == nil)
      }
    }
  }
}
