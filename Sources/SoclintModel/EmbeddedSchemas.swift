/// The JSON Schemas of Schemas/, compiled into the binary by SwiftPM (`resources:
/// .embedInCode` in Package.swift), so the schemas the validator uses are the files, byte for
/// byte.
public enum EmbeddedSchemas {
  /// Schema name (the file name without .schema.json) to its text, less the final line break.
  public static let all: [String: String] = Dictionary(
    uniqueKeysWithValues: DocumentKind.allCases.map { ($0.rawValue, text(for: $0)) } + [
      ("findings", text(PackageResources.findings_schema_json)),
      ("coverage", text(PackageResources.coverage_schema_json)),
    ])

  /// The schema of documents of `kind`, made alone: `all` makes seven strings, two of them (the
  /// output schemas, half of the bytes) never used by a lint, on the thread that starts it.
  public static func text(for kind: DocumentKind) -> String {
    switch kind {
    case .control: return text(PackageResources.control_schema_json)
    case .owners: return text(PackageResources.owners_schema_json)
    case .catalog: return text(PackageResources.catalog_schema_json)
    case .policy: return text(PackageResources.policy_schema_json)
    case .config: return text(PackageResources.config_schema_json)
    }
  }

  private static func text(_ bytes: [UInt8]) -> String {
    // The line break is dropped from the bytes: `dropLast` on the String walked every character
    // of the schema from its start, 600,000 instructions a schema at every start of soclint.
    String(decoding: bytes.last == 0x0A ? bytes.dropLast() : bytes[...], as: UTF8.self)
  }
}
