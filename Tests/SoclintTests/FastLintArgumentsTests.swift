import ArgumentParser
import Testing

@testable import soclint

/// The fast reading of `soclint lint`'s command line agrees with the argument parser wherever it
/// answers, and answers for the forms hooks and CI use.
@Suite struct FastLintArgumentsTests {
  /// The parser's reading, or nil when it refuses the command line.
  static func parsed(_ arguments: [String]) -> LintRequest? {
    (try? Lint.parse(arguments)).map(LintRequest.init)
  }

  static func expectAgreement(_ arguments: [String]) {
    guard let fast = LintRequest(fastArguments: arguments) else { return }
    #expect(fast == parsed(arguments), "\(arguments)")
  }

  @Test func commonFormsAreReadFast() {
    let common: [[String]] = [
      [], ["--quiet"], ["-q", "."], ["Controls", "--strict"], ["--format", "json", "--output", "out.json"],
      ["--format=sarif", "--output=findings.sarif"], ["--cache-dir", "/tmp/cache", "--jobs", "2"],
      ["--cache"],
      ["--as-of", "2026-06-30", "--color", "never"], ["--config", "sub/.soclint.yaml", "a.yaml", "b.yaml"],
      ["--baseline", "b.json"], ["--write-baseline", "b.json"],
      ["--changed-since", "origin/main", "--format", "github"],
      ["--stdin-filename", "controls/ac-1.yaml", "--format", "json"],
    ]
    for arguments in common {
      let fast = LintRequest(fastArguments: arguments)
      #expect(fast != nil, "\(arguments)")
      #expect(fast == FastLintArgumentsTests.parsed(arguments), "\(arguments)")
    }
  }

  @Test func whatTheParserRefusesIsLeftToIt() {
    let refused: [[String]] = [
      ["--format", "yaml"], ["--jobs", "0"], ["--jobs", "two"], ["--as-of", "2026-02-30"],
      ["--color", "sometimes"],
      ["--output"], ["--format", "--quiet"], ["--quiet=yes"], ["--unknown"], ["-x"], ["--help"], ["-h"],
      ["help"],
      ["--version"], ["--strict", "--strict"], ["--format", "json", "--format", "text"], ["--"], ["-"],
      ["--format="],
    ]
    for arguments in refused {
      #expect(LintRequest(fastArguments: arguments) == nil, "\(arguments)")
    }
  }

  /// Command lines drawn from the pieces that matter, valid and not: wherever the fast reading
  /// answers, the parser gives the same request.
  @Test func agreesWithTheParserOnDrawnCommandLines() {
    let pieces = [
      "--quiet", "-q", "--strict", "--cache", "--format", "json", "text", "junit", "bogus", "--format=github",
      "--jobs", "0", "3", "-1", "--jobs=2", "--as-of", "2026-02-30", "2026-02-28", "--output", "out.txt",
      "--output=-", "--color", "never", "always", "--color=auto", "--config", "c.yaml", "--changed-since",
      "HEAD~1", "--stdin-filename", "a.yaml", "--baseline", "b.json", "--write-baseline", "--cache-dir",
      "/tmp/x", "Controls", "a=b", "help", "--", "-", "--help", "--quiet=1", "--format=", "-x", "--unknown",
    ]
    var random = SplitMix64(seed: 2026)
    var answered = 0
    for _ in 0..<1_500 {
      let count = Int.random(in: 0...6, using: &random)
      let arguments = (0..<count).map { _ in pieces.randomElement(using: &random)! }
      FastLintArgumentsTests.expectAgreement(arguments)
      if LintRequest(fastArguments: arguments) != nil { answered += 1 }
    }
    // Enough of the drawn lines are answered for the agreement to mean something.
    #expect(answered > 150, "\(answered)")
  }
}
