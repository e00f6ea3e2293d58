import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules
import SoclintYAML
import Testing

/// Inputs a pull request can craft to make soclint slow: each test measures the work for an
/// input of size N and of size 2N and requires the second to take at most about 2.5 times the
/// first (linear, or n log n, growth; a quadratic algorithm takes 4 times). Not wall-clock
/// bounds: the ratio holds on a slow machine too. Serialized, so the suites measure one at a
/// time; the best of several runs, and up to three attempts, damp the noise of other work.
@Suite(.serialized) struct GrowthTests {
  /// The best of `runs` timings of `body`, in seconds.
  static func best(runs: Int = 5, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
  }

  /// Requires doubling `n` to cost at most 2.5 times as much (plus a millisecond of timer noise).
  static func expectLinear<Input>(
    _ what: String, n: Int, prepare: (Int) -> Input, _ work: (Input) -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let small = prepare(n)
    let large = prepare(2 * n)
    work(small)  // warm up caches and lazily built tables
    var t1 = 0.0
    var t2 = 0.0
    // Another process (or another suite of this run) can take a core in the middle of a
    // measurement; a quadratic algorithm fails every attempt, a linear one measured in a noisy
    // moment passes the next. Five attempts: three once failed a linear case on a machine whose
    // both cores were busy with a profiler.
    for _ in 0..<5 {
      t1 = best { work(small) }
      t2 = best { work(large) }
      if t2 <= 2.5 * t1 + 0.001 { break }
    }
    #expect(
      t2 <= 2.5 * t1 + 0.001,
      "\(what): \(n) took \(String(format: "%.4f", t1)) s, \(2 * n) took \(String(format: "%.4f", t2)) s (ratio \(String(format: "%.2f", t2 / t1)))",
      sourceLocation: sourceLocation)
  }

  @Test func globsWithChainsOfDoubleStars() {
    let path = Array(repeating: "a", count: 20).joined(separator: "/") + "/y.pdf"
    Self.expectLinear(
      "'**/a/' chains against a 20-deep path", n: 200,
      prepare: { n in Glob(String(repeating: "**/a/", count: n) + "x.pdf") },
      { glob in _ = glob.matches(path) })
    // Consecutive `**` collapse: a hundred of them cost what one does.
    let chain = Glob(String(repeating: "**/", count: 100) + "x.pdf")
    #expect(!chain.matches(path))
    #expect(chain.matches("x.pdf") && chain.matches("a/b/x.pdf"))
  }

  @Test func unknownKeys() throws {
    let checker = Support.loader.checker
    Self.expectLinear(
      "a control with N unknown keys", n: 1000,
      prepare: { n -> (Node, SourceFile) in
        var text = Example.goodControl
        for i in 0..<n { text += "unknown\(i): x\n" }
        let file = SourceFile(path: "c.yaml", text: text)
        return (YAMLLoader().load(text).documents[0].root, file)
      },
      { input in _ = checker.check(input.0, kind: .control, file: input.1) })
  }

  @Test func mergeKeys() {
    Self.expectLinear(
      "a merge of N keys", n: 5000,
      prepare: { n -> [UInt8] in
        var text = "base: &b\n"
        for i in 0..<n { text += "  k\(i): \(i)\n" }
        text += "merged:\n  <<: *b\n"
        for i in 0..<n { text += "  m\(i): \(i)\n" }
        return Array(text.utf8)
      },
      { bytes in _ = YAMLLoader().load(bytes) })
  }

  @Test func snippetsOfManyFindingsInOneFile() throws {
    Self.expectLinear(
      "text output of N findings in one file", n: 2000,
      prepare: { n -> (SourceFile, [Finding]) in
        var text = "kind: control\n"
        for i in 0..<n { text += "id: X-\(i)\n" }
        let file = SourceFile(path: "c.yaml", text: text)
        let findings = (0..<n).map { i in
          Finding(
            rule: .duplicateKey, severity: .error, message: "key 'id' is given twice",
            range: SourceRange(path: "c.yaml", line: i + 2, column: 1, endLine: i + 2, endColumn: 3))
        }
        return (file, findings)
      },
      { input in
        let file = SourceFile(path: input.0.path, text: input.0.text)  // no line index yet
        let context = ReportContext(sources: [file.path: file])
        for f in input.1 { _ = TextReporter().render(f, context: context) }
      })
  }

  @Test func didYouMeanBetweenLongIDs() {
    Self.expectLinear(
      "did-you-mean between two ids of N characters", n: 5_000,
      prepare: { n in (String(repeating: "a", count: n), String(repeating: "a", count: n - 1) + "b") },
      { pair in _ = Suggest.closest(to: pair.0, in: [pair.1]) })
    #expect(Suggest.closest(to: "bne", in: ["alice", "ben"]) == "ben")
    #expect(Suggest.distance("bne", "ben") == 1)
  }

  @Test func manyIncludeGlobs() throws {
    Self.expectLinear(
      "a configuration with N include globs", n: 1000,
      prepare: { n -> URL in
        let globs = (0..<n).map { "\"Controls/area\($0)/**/*.yaml\"" }.joined(separator: ", ")
        let config = "version: 1\ninclude: [\(globs)]\nframeworks:\n  soc1: {}\nas_of: 2026-11-20\n"
        return try! Support.write([
          (".soclint.yaml", config), ("Controls/area1/owners.yaml", Example.baseOwners),
          ("Controls/area2/soc1.yaml", Example.baseCatalog),
          ("Controls/area3/AC-01.yaml", Example.goodControl),
        ])
      },
      { root in _ = try! Support.lint(root, jobs: 1) })
  }

  @Test func manySuppressionsAndFindingsInOneFile() throws {
    Self.expectLinear(
      "N suppressed findings in one control", n: 300,
      prepare: { n -> URL in
        var control = Example.goodControl.replacingOccurrences(of: "last_reviewed: 2026-06-15\n", with: "")
        for i in 0..<n {
          control +=
            "  - id: old-\(i)\n    description: An export that is kept for the record\n    type: export\n"
            + "    source: HR system\n    frequency: monthly\n"
            + "    last_collected: 2025-01-01  # soclint: ignore[stale-evidence] archived, SEC-\(i)\n"
        }
        control += "last_reviewed: 2026-06-15\n"
        return try! Support.write(Example.base + [("Controls/AC-01.yaml", control)])
      },
      { root in _ = try! Support.lint(root, jobs: 1) })
  }
}
