// swift-tools-version:6.0
import PackageDescription

// soclint's allocator is jemalloc unless SOCLINT_SYSTEM_MALLOC is set (see "Why jemalloc" in the
// README): the escape hatch for a machine without libjemalloc-dev.
let jemalloc: [Target.Dependency] =
  Context.environment["SOCLINT_SYSTEM_MALLOC"] == nil ? ["CJemalloc", "JemallocOptions"] : []

let package = Package(
  name: "soclint",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "soclint", targets: ["soclint"]),
    // SoclintKit promises what an editor plug-in or a CI tool needs to lint in process: read a
    // project (ProjectLoader), lint it (Linter, LintResult, Finding, RuleID, Registry) and render
    // the findings (the reporters). Declarations marked `package` are plumbing between the
    // targets and may change at any time.
    .library(
      name: "SoclintKit", targets: ["SoclintDiagnostics", "SoclintModel", "SoclintRules", "SoclintReporters"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The system libyaml (Debian: libyaml-dev), through pkg-config's yaml-0.1.
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    // jemalloc (Debian: libjemalloc-dev) as the process's malloc, for libyaml and Swift alike:
    // see "Why jemalloc" in the README.
    .systemLibrary(
      name: "CJemalloc",
      pkgConfig: "jemalloc",
      providers: [.apt(["libjemalloc-dev"]), .brew(["jemalloc"])]
    ),
    // The options jemalloc starts with, linked into the executable (see its options.c).
    .target(name: "JemallocOptions"),
    // Layers, from the bottom: each knows only those below it.
    .target(name: "SoclintYAML", dependencies: ["CYAML"]),
    .target(name: "SoclintSchema", dependencies: ["SoclintYAML"]),
    .target(name: "SoclintDiagnostics", dependencies: []),
    .target(
      name: "SoclintModel",
      dependencies: ["SoclintYAML", "SoclintSchema", "SoclintDiagnostics"],
      // The JSON Schemas are the single source of truth for structure; they are compiled into
      // the binary, with no bundle to install beside it. `Schemas` at the top is a link here.
      resources: [
        .embedInCode("Schemas/control.schema.json"), .embedInCode("Schemas/owners.schema.json"),
        .embedInCode("Schemas/catalog.schema.json"), .embedInCode("Schemas/config.schema.json"),
        .embedInCode("Schemas/findings.schema.json"), .embedInCode("Schemas/coverage.schema.json"),
        .embedInCode("Schemas/policy.schema.json"),
      ]
    ),
    .target(name: "SoclintRules", dependencies: ["SoclintYAML", "SoclintDiagnostics", "SoclintModel"]),
    .target(name: "SoclintReporters", dependencies: ["SoclintDiagnostics", "SoclintModel", "SoclintRules"]),
    // The language server (`soclint lsp`): LSP types, JSON-RPC and the server, above the rules.
    .target(
      name: "SoclintLSP",
      dependencies: [
        "SoclintYAML", "SoclintSchema", "SoclintDiagnostics", "SoclintModel", "SoclintRules",
        "SoclintReporters",
      ]),
    .executableTarget(
      name: "soclint",
      dependencies: [
        "SoclintDiagnostics", "SoclintModel", "SoclintRules", "SoclintReporters", "SoclintLSP",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ] + jemalloc,
      // Linked by lld with packed relative relocations (DT_RELR, glibc 2.36): the position-
      // independent binary's 79,000 relocations are 15 KB to read at each start instead of
      // 1.9 MB; gold, the default linker here, cannot pack them (README: How the executable is
      // linked). The executable alone: SoclintKit's targets carry no unsafe flags.
      linkerSettings: [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"])]
    ),
    .executableTarget(
      name: "soclint-bench",
      dependencies: ["CYAML", "SoclintYAML", "SoclintSchema", "SoclintModel", "SoclintRules", "SoclintLSP"]),
    .testTarget(
      name: "SoclintTests",
      dependencies: [
        "SoclintYAML", "SoclintSchema", "SoclintDiagnostics", "SoclintModel", "SoclintRules",
        "SoclintReporters",
        // The parser pool's tests drive libyaml directly.
        "CYAML",
        // The golden tests run the real binary.
        "soclint",
      ]
    ),
    // The language server's tests: in process with an in-memory client, and the binary over pipes.
    .testTarget(
      name: "SoclintLSPTests",
      dependencies: ["SoclintLSP", "SoclintModel", "SoclintRules", "soclint"]
    ),
  ]
)
