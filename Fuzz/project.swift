// Fuzz target `project`: the input is the content of the one control file of a project that
// has nothing else but a minimal configuration. It goes through the whole engine, as
// `soclint lint --stdin-filename Controls/fuzz.yaml` would take it: libyaml and the tree
// builder, the structure check, the typed model, every rule, suppressions and severities; then
// through the text reporter and the other lint reporters, and the coverage report with its
// renderers (these last for one input in 16).
//
// Any crash (a Swift trap, an ASan report), any leak (the project is freed after each input,
// unlike in the CLI, which exits without freeing it) and any input slower than libFuzzer's
// -timeout is a finding. So is a document that the schema probe (`SchemaProbe`, which answers
// whether a document is valid) and the evaluation judge differently, against any of the
// embedded schemas, and an input read flat (`FlatYAML`) that is not the loader's trees.

import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules
import SoclintSchema
import SoclintYAML

private let project = FuzzProject(
  files: [(ProjectLoader.configName, FuzzSupport.oneControlConfiguration)], folders: ["Controls"])

private let reporters: [any Reporter] = [JSONReporter(), GitHubReporter(), JUnitReporter()]

/// Most of what these print does not depend on the input (SARIF describes all 36 rules, the
/// coverage report lists the SOC 2 criteria), and rendering it took nine tenths of each run.
/// They render one input in `heavyEvery`, picked by a hash of its bytes so that a reproducer
/// replays the same way.
private let heavyReporters: [any Reporter] = [SARIFReporter()]
private let coverageRenderers: [any CoverageRenderer] = [
  CoverageTextReporter(), CoverageMarkdownReporter(), CoverageJSONReporter(), CoverageHTMLReporter(),
]
private let heavyEvery: UInt64 = 16

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProject(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = [UInt8](fuzzInput: data, size)
  checkProbe(bytes)
  // Not on disk: the loader takes these bytes for this path, as it takes standard input.
  let result = FuzzSupport.lint(
    configPath: project.configPath, override: (project.root + "/Controls/fuzz.yaml", bytes))
  var written = FuzzSupport.renderText(result)
  let context = ReportContext(result: result)
  let heavy = fnv1a(bytes) % heavyEvery == 0
  let findings = FuzzSupport.rendered(result)
  for reporter in reporters + (heavy ? heavyReporters : []) {
    written &+= reporter.render(result, findings: findings, context: context).utf8.count
  }
  // The coverage report refuses a project whose control could not be read: that is no finding.
  if heavy, let report = try? CoverageReport(result: result) {
    for renderer in coverageRenderers { written &+= renderer.render(report).utf8.count }
  }
  return written < 0 ? 1 : 0
}

private func fnv1a(_ bytes: [UInt8]) -> UInt64 {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
  return h
}

/// Stops the fuzzer when the probe and the evaluation disagree on a document of the input, or
/// when the input read flat differs from the loader's reading of it, or its probe from the
/// nodes' probe.
private func checkProbe(_ bytes: [UInt8]) {
  let file = YAMLLoader().load(bytes)
  if let flat = FlatYAML.read(bytes) {
    if !flat.isSame(as: file) { fatalError("the input read flat is not what the loader reads") }
    for (root, document) in zip(flat.roots, file.documents) {
      for kind in DocumentKind.allCases {
        guard let validator = StructureChecker.embedded.validator(for: kind) else { continue }
        if validator.isValid(flat, at: root) != validator.isValid(document.root) {
          fatalError("the probe of document \(document.index) read flat differs as \(kind.rawValue)")
        }
      }
    }
  }
  for document in file.documents {
    for kind in DocumentKind.allCases {
      guard let validator = StructureChecker.embedded.validator(for: kind) else { continue }
      let probe = validator.isValid(document.root)
      if probe != validator.isValidByEvaluation(document.root) {
        fatalError(
          "the schema probe says \(probe) of document \(document.index) as \(kind.rawValue), the evaluation \(!probe)"
        )
      }
    }
  }
}
