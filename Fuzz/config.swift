// Fuzz target `config`: the input is the `.soclint.yaml` of a small, valid project (the rule
// examples' owners list and SOC 1 catalog, and one control that passes every rule). It goes
// through the configuration's schema check and typed reading, file discovery with its
// include/exclude globs, every rule under its scopes, exclusions, staleness settings and rule
// severities, and the text reporter.

import SoclintModel
import SoclintRules

/// The project on disk, without its configuration: the input is handed to the loader in memory
/// as the configuration's bytes.
private let project = FuzzProject(
  files: [
    ("Controls/owners.yaml", Example.baseOwners),
    ("Controls/soc1.yaml", Example.baseCatalog),
    ("Controls/AC-01.yaml", Example.goodControl),
  ])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = [UInt8](fuzzInput: data, size)
  let result = FuzzSupport.lint(configPath: project.configPath, override: (project.configPath, bytes))
  return FuzzSupport.renderText(result) < 0 ? 1 : 0
}
