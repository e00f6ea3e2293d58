/// What a document is, by its `kind`; the configuration is a kind of its own.
public enum DocumentKind: String, Sendable, CaseIterable {
  case control, owners, catalog
  case config

  /// The kinds a file under `include` may declare.
  public static let declarable: [DocumentKind] = [.control, .owners, .catalog]
}
