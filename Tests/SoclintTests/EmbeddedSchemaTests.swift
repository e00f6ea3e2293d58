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

  /// The binary carries the schemas; they must be the files in Schemas/ (SwiftPM embeds them;
  /// a new schema is listed under the model target's resources in Package.swift).
  @Test(arguments: schemaFiles)
  func embeddedCopyEqualsTheFile(_ name: String) throws {
    let text = try String(
      contentsOf: Support.packageRoot.appendingPathComponent("Schemas/\(name)"), encoding: .utf8)
    let key = String(name.dropLast(".schema.json".count))
    let embedded = try #require(
      EmbeddedSchemas.all[key],
      "\(name) is not embedded; list it under SoclintModel's resources in Package.swift")
    #expect(
      embedded + "\n" == text || embedded == text,
      "\(name) differs from its embedded copy")
  }

  /// Editors and users find the schemas at the top of the repository, where the README says:
  /// `Schemas` is a link to the folder SwiftPM embeds from.
  @Test func schemasAtTheTopAreTheEmbeddedFolder() throws {
    let top = Support.packageRoot.appendingPathComponent("Schemas")
    let destination = try FileManager.default.destinationOfSymbolicLink(atPath: top.path)
    #expect(destination == "Sources/SoclintModel/Schemas")
  }

  @Test func everyEmbeddedSchemaHasItsFile() {
    #expect(Set(EmbeddedSchemas.all.keys.map { "\($0).schema.json" }) == Set(Self.schemaFiles))
  }

  /// The schema of each kind of document, made alone, is the one of that name among them all.
  @Test(arguments: DocumentKind.allCases)
  func eachKindHasItsSchema(_ kind: DocumentKind) {
    #expect(EmbeddedSchemas.text(for: kind) == EmbeddedSchemas.all[kind.rawValue])
  }

  /// soclint's own validator accepts every schema (it refuses keywords it does not support).
  @Test(arguments: schemaFiles)
  func validatorCompilesTheSchema(_ name: String) throws {
    let text = try String(
      contentsOf: Support.packageRoot.appendingPathComponent("Schemas/\(name)"), encoding: .utf8)
    _ = try JSONSchemaValidator(json: text)
  }
}
