import Foundation
import Testing

/// Golden tests of `soclint coverage`: each fixture repository Tests/Fixtures/coverage-*/ is
/// reported by the real binary in text, Markdown and JSON, and standard output must equal the
/// fixture's expected.text, expected.md and expected.json to the byte. The fixtures' lint
/// transcripts (expected.txt) are GoldenTests' business.
///
/// To accept new output after a deliberate change, run with SOCLINT_UPDATE_GOLDEN=1 and review
/// the diff before committing it.
@Suite struct CoverageGoldenTests {
  static var fixtureNames: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Support.fixtures.path)) ?? []
    return names.filter { $0.hasPrefix("coverage-") }.sorted()
  }

  static let formats: [(format: String, file: String)] = [
    ("text", "expected.text"), ("markdown", "expected.md"), ("json", "expected.json"),
  ]

  static var cases: [String] {
    fixtureNames.flatMap { name in formats.map { "\(name) \($0.format)" } }
  }

  @Test func everyStatusHasAFixture() {
    #expect(Self.fixtureNames.contains("coverage-every-status"))
    #expect(Self.fixtureNames.count >= 2)
  }

  @Test(arguments: cases)
  func golden(_ which: String) async throws {
    let parts = which.split(separator: " ").map(String.init)
    let (name, format) = (parts[0], parts[1])
    let file = try #require(Self.formats.first { $0.format == format }?.file)
    let dir = Support.fixtures.appendingPathComponent(name)
    // As in GoldenTests: the fixture is a repository of its own, not a folder of soclint's.
    let run = try await Support.run(
      ["coverage", "--format", format], in: dir,
      environment: ["GIT_CEILING_DIRECTORIES": Support.fixtures.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr == "")
    try GoldenTests.compare(run.stdout, golden: dir.appendingPathComponent(file))
  }
}
