import Foundation
import SoclintDiagnostics
import SoclintModel
import Testing

/// At the start of a process the loader finds and reads the files while the configuration's
/// schema is still being compiled, and checks the configuration afterwards (see
/// `ProjectLoader.load`). Whichever way it goes, the project read is the same: for a
/// configuration the check refuses, the configuration alone with its findings.
@Suite struct SpeculativeConfigurationTests {
  /// Every fixture with a configuration at its root, read both ways.
  static let fixtures: [URL] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Support.fixtures.path)) ?? []
    return names.sorted().map { Support.fixtures.appendingPathComponent($0) }.filter {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent(".soclint.yaml").path)
    }
  }()

  /// A checker of the embedded schemas that has compiled none yet, as at a process's start.
  static func freshChecker() -> StructureChecker {
    StructureChecker(
      validators: [:],
      compilingOnFirstUse: Dictionary(
        uniqueKeysWithValues: DocumentKind.allCases.map { ($0, EmbeddedSchemas.text(for: $0)) }))
  }

  @Test func thereAreFixturesWithValidAndInvalidConfigurations() throws {
    #expect(SpeculativeConfigurationTests.fixtures.count > 20)
    let invalid = try SpeculativeConfigurationTests.fixtures.filter { root in
      let options = ProjectLoader.Options(configPath: root.appendingPathComponent(".soclint.yaml").path)
      return try ProjectLoader.standard().load(options).configuration == nil
    }
    #expect(invalid.count >= 3)
  }

  @Test(arguments: fixtures)
  func readingBeforeTheCheckReadsTheSameProject(root: URL) throws {
    let options = ProjectLoader.Options(configPath: root.appendingPathComponent(".soclint.yaml").path)
    let compiled = StructureChecker.embedded
    _ = compiled.validator(for: .config)
    #expect(compiled.isCompiled(.config))
    let checkedFirst = try ProjectLoader(checker: compiled).load(options)
    let fresh = SpeculativeConfigurationTests.freshChecker()
    #expect(!fresh.isCompiled(.config))
    let readFirst = try ProjectLoader(checker: fresh).load(options)
    #expect(fresh.isCompiled(.config))
    #expect(
      (readFirst.configuration == nil) == (checkedFirst.configuration == nil), "\(root.lastPathComponent)")
    #expect(readFirst.findings == checkedFirst.findings, "\(root.lastPathComponent)")
    #expect(readFirst.files.map(\.path) == checkedFirst.files.map(\.path), "\(root.lastPathComponent)")
    #expect(
      readFirst.controls.map(\.id.value) == checkedFirst.controls.map(\.id.value), "\(root.lastPathComponent)"
    )
    #expect(readFirst.owners.count == checkedFirst.owners.count, "\(root.lastPathComponent)")
    #expect(readFirst.catalogs.count == checkedFirst.catalogs.count, "\(root.lastPathComponent)")
    #expect(readFirst.policies.count == checkedFirst.policies.count, "\(root.lastPathComponent)")
    if checkedFirst.configuration == nil {
      #expect(readFirst.files.count == 1 && readFirst.controls.isEmpty, "\(root.lastPathComponent)")
    }
  }
}
