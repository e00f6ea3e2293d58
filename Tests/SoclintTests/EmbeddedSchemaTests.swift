import Foundation
import SoclintModel
import SoclintSchema
import Testing

@Suite struct EmbeddedSchemaTests {
  static let schemaFiles: [String] = {
    let dir = Support.packageRoot.appendingPathComponent("Schemas")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".schema.json") }.sorted()
  }()

  /// The binary carries the schemas; they must be the files in Schemas/ (run
  /// Scripts/embed-schemas after editing one).
  @Test(arguments: schemaFiles)
  func embeddedCopyEqualsTheFile(_ name: String) throws {
    let text = try String(
      contentsOf: Support.packageRoot.appendingPathComponent("Schemas/\(name)"), encoding: .utf8)
    let key = String(name.dropLast(".schema.json".count))
    let embedded = try #require(
      EmbeddedSchemas.all[key], "\(name) is not embedded; run Scripts/embed-schemas")
    #expect(
      embedded + "\n" == text || embedded == text,
      "\(name) differs from its embedded copy; run Scripts/embed-schemas")
  }

  @Test func everyEmbeddedSchemaHasItsFile() {
    #expect(Set(EmbeddedSchemas.all.keys.map { "\($0).schema.json" }) == Set(Self.schemaFiles))
  }

  /// soclint's own validator accepts every schema (it refuses keywords it does not support).
  @Test(arguments: schemaFiles)
  func validatorCompilesTheSchema(_ name: String) throws {
    let text = try String(
      contentsOf: Support.packageRoot.appendingPathComponent("Schemas/\(name)"), encoding: .utf8)
    _ = try JSONSchemaValidator(json: text)
  }
}
