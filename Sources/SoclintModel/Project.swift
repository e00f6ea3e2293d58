import SoclintDiagnostics
import SoclintYAML

/// The whole project as read: configuration, files, typed documents and the findings of
/// reading and structure.
public struct Project: Sendable {
  /// The absolute, resolved project root.
  public let root: String
  public let configFile: SourceFile
  /// Nil when the configuration has a structure error (the run ends with status 2).
  public let configuration: Configuration?
  public let files: [SourceFile]
  public let controls: [Control]
  public let owners: [Owner]
  public let catalogs: [Catalog]
  /// Reading and structure findings, in no particular order.
  public let findings: [Finding]
  /// An owners list could not be read: owner look-ups must not run.
  public let ownersIncomplete: Bool
  /// A catalog could not be read: framework and requirement look-ups must not run.
  public let catalogsIncomplete: Bool
  /// A control could not be read: coverage cannot be judged.
  public let controlsIncomplete: Bool
  public let counts: Counts

  public struct Counts: Sendable, Hashable {
    public var files = 0
    public var controls = 0
    public var owners = 0
    public var catalogs = 0

    public init() {}
  }

  public init(
    root: String, configFile: SourceFile, configuration: Configuration?, files: [SourceFile],
    controls: [Control],
    owners: [Owner], catalogs: [Catalog], findings: [Finding], ownersIncomplete: Bool,
    catalogsIncomplete: Bool,
    controlsIncomplete: Bool, counts: Counts
  ) {
    self.root = root
    self.configFile = configFile
    self.configuration = configuration
    self.files = files
    self.controls = controls
    self.owners = owners
    self.catalogs = catalogs
    self.findings = findings
    self.ownersIncomplete = ownersIncomplete
    self.catalogsIncomplete = catalogsIncomplete
    self.controlsIncomplete = controlsIncomplete
    self.counts = counts
  }
}
