/// What a document is, by its `kind`; the configuration is a kind of its own.
public enum DocumentKind: String, Sendable, CaseIterable {
  /// The kinds a file under `include` declares with its `kind` key.
  case control, owners, catalog, policy
  /// The `.soclint.yaml` configuration, which has no `kind` key.
  case config

  /// The kinds a file under `include` may declare.
  public static let declarable: [DocumentKind] = [.control, .owners, .catalog, .policy]
}
