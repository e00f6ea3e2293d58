import SoclintDiagnostics
import SoclintYAML

/// The whole project as read: configuration, files, typed documents and the findings of
/// reading and structure.
public struct Project: Sendable {
  /// The absolute, resolved project root.
  public let root: String
  /// The `.soclint.yaml` file.
  public let configFile: SourceFile
  /// Nil when the configuration has a structure error (the run ends with status 2).
  public let configuration: Configuration?
  /// The configuration, then every other file whose bytes were read, in path order.
  public let files: [SourceFile]
  /// Every control whose document passed its schema, in path order, then document order.
  public let controls: [Control]
  /// Every owner of the owners lists that passed their schema, in path order, then in the order listed.
  public let owners: [Owner]
  /// Every catalog that passed its schema, in path order.
  public let catalogs: [Catalog]
  /// Every policy whose document passed its schema, in path order, then document order.
  public let policies: [Policy]
  /// Reading and structure findings, in no particular order.
  public let findings: [Finding]
  /// An owners list could not be read: owner look-ups must not run.
  public let ownersIncomplete: Bool
  /// A catalog could not be read: framework and requirement look-ups must not run.
  public let catalogsIncomplete: Bool
  /// A control could not be read: coverage cannot be judged.
  public let controlsIncomplete: Bool
  /// A policy could not be read: policy look-ups must not run.
  public let policiesIncomplete: Bool
  /// How much was found, for the run's summary.
  public let counts: Counts
  /// What reading each file gave, kept so that it is released with the project, not when the
  /// loader returns: it holds a reference to every control, file and finding the project holds,
  /// and counting them all down held a 10,000-file run up by about 2 ms on one thread (the
  /// command line exits without releasing either).
  var fileResults: [ProjectLoader.FileResult] = []

  /// How many files were found and how many documents of each kind they declare.
  public struct Counts: Sendable, Hashable {
    /// Files found, the configuration and files that could not be read included.
    public var files = 0
    /// Documents declaring `kind: control`, sound or not.
    public var controls = 0
    /// Documents declaring `kind: owners` (lists, not people), sound or not.
    public var owners = 0
    /// Documents declaring `kind: catalog`, sound or not.
    public var catalogs = 0
    /// Documents declaring `kind: policy`, sound or not.
    public var policies = 0

    /// All counts at zero.
    public init() {}
  }

  /// A project from its parts.
  public init(
    root: String, configFile: SourceFile, configuration: Configuration?, files: [SourceFile],
    controls: [Control],
    owners: [Owner], catalogs: [Catalog], findings: [Finding], ownersIncomplete: Bool,
    catalogsIncomplete: Bool,
    controlsIncomplete: Bool, counts: Counts, policies: [Policy] = [], policiesIncomplete: Bool = false
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
    self.policies = policies
    self.policiesIncomplete = policiesIncomplete
  }
}
