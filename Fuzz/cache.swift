// Fuzz target `cache`: the input is the content of the one control file of the project target's
// project (its configuration and nothing else). It is linted three times: without a cache;
// with a model cache, which keeps the file's model when the file reads clean (or finds it kept by
// an earlier input of the same bytes); and with the cache again, which then takes the model from
// the entry. The three must report the same findings and counts, or the target traps: a model
// archive that drops or changes anything a rule reads shows here, on any YAML the fuzzer makes.

import Foundation
import SoclintModel
import SoclintReporters
import SoclintRules

private let project = FuzzProject(
  files: [(ProjectLoader.configName, FuzzSupport.oneControlConfiguration)], folders: ["Controls"])

/// Beside the project, never inside it (the command line refuses a cache inside the project).
private let cacheBase = project.root + "-cache"

/// What was read, and the findings as the text and JSON reporters print them (the JSON holds
/// each finding's pointer and end).
private func outcome(_ result: LintResult) -> String {
  let context = ReportContext(result: result)
  let p = result.project
  return "\(p.counts) \(p.controls.count) \(p.owners.count) \(p.catalogs.count) \(p.policies.count)\n"
    + TextReporter().render(result, findings: result.findings, context: context)
    + JSONReporter().render(result, findings: result.findings, context: context)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCache(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = [UInt8](fuzzInput: data, size)
  let override = (path: project.root + "/Controls/fuzz.yaml", bytes: bytes)
  let plain = outcome(FuzzSupport.lint(configPath: project.configPath, override: override))
  for run in ["keeping", "reusing"] {
    let cache = ModelCache(base: cacheBase, projectRoot: project.root, identity: "fuzz")
    let cached = outcome(FuzzSupport.lint(configPath: project.configPath, override: override, cache: cache))
    if cached != plain {
      fatalError("fuzz: the run \(run) the cache reports otherwise:\n\(cached)\nwithout a cache:\n\(plain)")
    }
  }
  return 0
}
