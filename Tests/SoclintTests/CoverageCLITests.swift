import Foundation
import Testing

/// `soclint coverage` on the command line: --fail-under as a CI gate (a readiness equal to the
/// threshold, as printed, passes), --output written atomically, and CLI.md's exit statuses.
@Suite struct CoverageCLITests {
  /// acme is 28.6% ready (2 of 7), soc1 100.0%.
  static let everyStatus = Support.fixtures.appendingPathComponent("coverage-every-status")

  @Test(arguments: [
    ("28.6", Int32(0)), ("28.60", 0), ("28.5", 0), ("0", 0), ("28.61", 1), ("28.7", 1), ("100", 1),
    ("99.9", 1),
  ])
  func failUnderBoundaries(_ threshold: String, _ expected: Int32) async throws {
    let run = try await Support.run(["coverage", "--fail-under", threshold], in: Self.everyStatus)
    #expect(run.status == expected, "--fail-under \(threshold): \(run.stderr)")
    #expect(run.stdout.hasPrefix("Readiness assessment as of 2026-11-20"))
    if expected == 1 {
      #expect(
        run.stderr.contains(
          "readiness of acme is 28.6% (2 of 7 requirements ready), under --fail-under \(threshold)"))
      // soc1 is 100.0% ready: even --fail-under 100 lets it pass.
      #expect(!run.stderr.contains("soc1"))
    } else {
      #expect(run.stderr == "")
    }
  }

  /// The example Controls/ is fully ready: 100.0 passes --fail-under 100.
  @Test func exampleRepositoryPassesAFullGate() async throws {
    let run = try await Support.run(
      ["coverage", "--fail-under", "100", "--format", "json"], in: Support.packageRoot)
    #expect(run.status == 0, "\(run.stderr)")
  }

  /// Under a Type II audit the gate also holds the second figure: readiness is 100.0 there, and
  /// operating through the period 50.0.
  @Test func failUnderHoldsTheOperatingFigure() async throws {
    let dir = Support.fixtures.appendingPathComponent("coverage-type2")
    let failing = try await Support.run(["coverage", "--fail-under", "50.1"], in: dir)
    #expect(failing.status == 1)
    #expect(
      failing.stderr
        == "soclint: operating through the period of soc1 is 50.0% (1 of 2 requirements operating), under --fail-under 50.1\n"
    )
    let passing = try await Support.run(["coverage", "--fail-under", "50"], in: dir)
    #expect(passing.status == 0, "\(passing.stderr)")
  }

  @Test(arguments: ["101", "-1", "abc", "82.", "1e2", "100.5"])
  func failUnderOutsideZeroToHundredIsABadArgument(_ threshold: String) async throws {
    let run = try await Support.run(["coverage", "--fail-under=\(threshold)"], in: Self.everyStatus)
    #expect(run.status == 2, "\(threshold): \(run.stderr)")
    #expect(run.stdout == "")
    #expect(run.stderr.contains("--fail-under"))
  }

  @Test func unknownFormatIsABadArgument() async throws {
    let run = try await Support.run(["coverage", "--format", "pdf"], in: Self.everyStatus)
    #expect(run.status == 2)
  }

  @Test func outputIsWrittenToTheFileAndTheGateStillHolds() async throws {
    let dir = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("coverage.html")
    let run = try await Support.run(
      ["coverage", "--format", "html", "--output", file.path, "--fail-under", "50"], in: Self.everyStatus)
    #expect(run.status == 1)
    #expect(run.stdout == "")
    let written = try String(contentsOf: file, encoding: .utf8)
    let direct = try await Support.run(["coverage", "--format", "html"], in: Self.everyStatus)
    #expect(written == direct.stdout)
    // No temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["coverage.html"])
  }

  @Test func anOutputThatCannotBeWrittenIsStatusTwo() async throws {
    let run = try await Support.run(
      ["coverage", "--output", "/nonexistent-folder/coverage.txt"], in: Self.everyStatus)
    #expect(run.status == 2)
    #expect(run.stderr.contains("the folder /nonexistent-folder does not exist"), "\(run.stderr)")
  }

  /// Same as-of date as lint: --as-of moves both.
  @Test func asOfMovesTheReport() async throws {
    let run = try await Support.run(
      ["coverage", "--as-of", "2027-06-01", "--format", "json"], in: Self.everyStatus)
    #expect(run.status == 0)
    #expect(run.stdout.contains("\"asOf\": \"2027-06-01\""))
  }

  @Test func invalidConfigurationIsStatusTwoWithItsFindings() async throws {
    let run = try await Support.run(
      ["coverage"], in: Support.fixtures.appendingPathComponent("invalid-config"))
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderr.contains(".soclint.yaml:1:10: error:"))
    #expect(run.stderr.contains("soclint: error: the configuration is invalid"))
  }

  /// A control that cannot be read leaves coverage unjudgeable: no half-true report.
  @Test func unreadableControlIsStatusTwo() async throws {
    let run = try await Support.run(["coverage"], in: Support.fixtures.appendingPathComponent("yaml-syntax"))
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderr.contains("coverage cannot be judged"))
  }

  @Test func outputDoesNotDependOnJobs() async throws {
    let one = try await Support.run(["coverage", "--format", "json", "--jobs", "1"], in: Support.packageRoot)
    let many = try await Support.run(
      ["coverage", "--format", "json", "--jobs", "5"], in: Support.packageRoot)
    #expect(one.stdout == many.stdout)
    #expect(!one.stdout.isEmpty)
  }
}
