// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "soclint",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "soclint", targets: ["soclint"]),
    .library(name: "SoclintKit", targets: ["SoclintRules", "SoclintReporters"]),
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
    // Layers, from the bottom: each knows only those below it.
    .target(name: "SoclintYAML", dependencies: ["CYAML"]),
    .target(name: "SoclintSchema", dependencies: ["SoclintYAML"]),
    .target(name: "SoclintDiagnostics", dependencies: []),
    .target(
      name: "SoclintModel",
      dependencies: ["SoclintYAML", "SoclintSchema", "SoclintDiagnostics"]
    ),
    .target(name: "SoclintRules", dependencies: ["SoclintModel"]),
    .target(name: "SoclintReporters", dependencies: ["SoclintRules"]),
    .executableTarget(
      name: "soclint",
      dependencies: [
        "SoclintRules", "SoclintReporters",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "soclint-bench", dependencies: ["SoclintRules", "CYAML"]),
    .testTarget(
      name: "SoclintTests",
      dependencies: [
        "SoclintYAML", "SoclintSchema", "SoclintModel", "SoclintRules", "SoclintReporters",
        // The golden tests run the real binary.
        "soclint",
      ]
    ),
  ]
)
