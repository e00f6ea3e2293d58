import Dispatch
import Foundation
import SoclintDiagnostics
import SoclintSchema
import SoclintYAML

/// Why a project cannot be read at all: its configuration is not found, cannot be read, or is refused.
public enum LoadError: Error, CustomStringConvertible {
  /// No `.soclint.yaml` in the folder searched from or any folder above it.
  case configNotFound(searchedFrom: String)
  /// The configuration at this path does not exist or cannot be read.
  case configUnreadable(String)
  /// The configuration is not a regular file inside the project: it is not opened, and nothing
  /// of what it points at is shown.
  case configRefused(String, reason: String)

  /// A sentence for the person running soclint, saying what to do when there is something to do.
  public var description: String {
    switch self {
    case .configNotFound(let dir):
      return
        "no .soclint.yaml found in \(dir) or any folder above it; create one (soclint init) or pass --config FILE"
    case .configUnreadable(let path): return "cannot read the configuration \(path)"
    case .configRefused(let path, let reason):
      return "the configuration \(path) \(reason); soclint does not read it"
    }
  }
}

/// Reads a project: finds and validates the configuration, discovers files, reads and checks
/// them in parallel, and assembles the typed model in path order.
public struct ProjectLoader: Sendable {
  /// The configuration's file name, which `findConfig` looks for.
  public static let configName = ".soclint.yaml"
  /// The largest file soclint reads, 8 MiB; a larger one is an invalid-file finding.
  public static let maxFileSize = 8 * 1024 * 1024

  /// What to read, and with how many threads.
  public struct Options: Sendable {
    /// Absolute path of the configuration file.
    public var configPath: String
    /// Absolute paths of files to read even when outside `include`.
    public var extraFiles: [String] = []
    /// Files' contents given in place of the disk, by absolute path (with the folder resolved):
    /// standard input for `--stdin-filename`, an editor's open buffers for the language server.
    public var overrides: [String: [UInt8]] = [:]
    /// Whether an override outside `include` is read as well. The command line reads a file it
    /// is given, wherever it is; an editor opens all sorts of YAML (CI workflows, say), and a
    /// buffer the configuration does not take is not part of the project.
    public var readsOverridesOutsideInclude = true
    /// What an override is called in the message of one over the size limit.
    public var overrideSource = "standard input"
    /// Per-file results of earlier loads of the same project, reused for files whose bytes have
    /// not changed; nil reads and checks every file.
    public var cache: FileResultCache? = nil
    /// What earlier runs made of files, kept on disk and reused for files whose bytes have not
    /// changed (see `ModelCache`); nil reads every file.
    public var modelCache: ModelCache? = nil
    /// The one file given on standard input (absolute path, bytes), as `overrides` holds it.
    public var override: (path: String, bytes: [UInt8])? {
      get { overrides.first.map { ($0.key, $0.value) } }
      set { overrides = newValue.map { [$0.path: $0.bytes] } ?? [:] }
    }
    /// How many files are read at once; one per processor by default.
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Options for the configuration at `configPath`, with no extra file and no standard input.
    public init(configPath: String) {
      self.configPath = configPath
    }
  }

  /// Checks each document against its kind's schema.
  public let checker: StructureChecker
  /// Reads each file's YAML, with the default limits.
  public let loader = YAMLLoader()
  /// Whether files of plain controls are read flat (see `readFlatControls`); the tests turn it
  /// off to compare the two readings.
  package var readsFlat = true

  /// A loader whose documents `checker` checks; `standard()` gives the one of the embedded schemas.
  public init(checker: StructureChecker) {
    self.checker = checker
  }

  /// The loader of the embedded schemas, which `StructureChecker.embedded` compiles once for
  /// the whole process, each when first needed (or ahead, see
  /// `StructureChecker.compileEmbeddedAhead`). A schema that does not compile is a bug in
  /// soclint, not in the input, and stops it.
  public static func standard() throws -> ProjectLoader {
    ProjectLoader(checker: .embedded)
  }

  /// Walks up from `directory` to the first folder holding `.soclint.yaml`.
  public static func findConfig(from directory: String) -> String? {
    var dir = URL(fileURLWithPath: directory).standardizedFileURL.path
    while true {
      let candidate = dir == "/" ? "/" + configName : dir + "/" + configName
      if FileSystem.type(atAbsolute: candidate) != .missing { return candidate }
      if dir == "/" || dir.isEmpty { return nil }
      dir = (dir as NSString).deletingLastPathComponent
    }
  }

  /// The configuration file as read: its source, the typed configuration when it is valid, and
  /// its findings (an empty file gets a missing-field finding: it lacks version and frameworks).
  public struct ConfigurationFile: Sendable {
    /// The absolute, resolved project root: the folder that holds the configuration.
    public let root: String
    /// The configuration's source; with empty text when the file is too large to read.
    public let file: SourceFile
    /// The typed configuration; nil when the file has an error.
    public let configuration: Configuration?
    /// The reading and structure findings of the configuration.
    public let findings: [Finding]
  }

  /// Reads and checks the configuration alone, for commands that need nothing else.
  public func loadConfiguration(_ options: Options) throws -> ConfigurationFile {
    switch try readConfigurationFile(options) {
    case .final(let config): return config
    case .parsed(let parsed): return check(parsed)
    }
  }

  /// The configuration file read and parsed, its structure not yet checked against its schema.
  struct ParsedConfiguration {
    let root: String
    let file: SourceFile
    let yaml: YAMLFile
    /// What reading and parsing found.
    let findings: [Finding]

    /// The document the configuration is read from, when there is one and nothing stops the
    /// reading; the check has yet to say whether it is valid.
    var document: Node? {
      guard yaml.fatalProblem == nil, !findings.contains(where: { $0.severity == .error }) else { return nil }
      return yaml.documents.first { !$0.isEmpty }?.root
    }
  }

  /// What reading the configuration file gives: the configuration already (a file too large,
  /// empty or broken) or the parsed file still to check.
  enum ConfigurationRead {
    case final(ConfigurationFile)
    case parsed(ParsedConfiguration)
  }

  /// Reads and parses the configuration file; throws when it cannot be read at all.
  func readConfigurationFile(_ options: Options) throws -> ConfigurationRead {
    let configAbsolute = URL(fileURLWithPath: options.configPath).standardizedFileURL.path
    let configDir = (configAbsolute as NSString).deletingLastPathComponent
    let root = FileSystem.realPath(configDir) ?? configDir
    let configRelative = (configAbsolute as NSString).lastPathComponent
    // The configuration is as untrusted as any file of a pull request: held to the same limit,
    // and opened only when it is a regular file inside the project.
    let read: FileSystem.ReadResult
    if let bytes = options.overrides[configAbsolute] {
      read = bytes.count > ProjectLoader.maxFileSize ? .tooLarge(bytes.count) : .bytes(bytes)
    } else {
      read = try ProjectLoader.readConfiguration(configAbsolute, shownAs: options.configPath, root: root)
    }
    switch read {
    case .bytes(let bytes):
      let yaml = loader.load(bytes)
      let text = String(decoding: Encoding.droppingByteOrderMark(bytes), as: UTF8.self)
      let file = SourceFile(path: configRelative, text: text, multilineScalars: yaml.multilineScalars)
      return .parsed(
        ParsedConfiguration(
          root: root, file: file, yaml: yaml, findings: ProjectLoader.findings(of: yaml.problems, in: file)))
    case .tooLarge(let size):
      let file = SourceFile(path: configRelative, text: "")
      let message = ProjectLoader.tooLargeMessage(configRelative, size: size)
      return .final(
        ConfigurationFile(
          root: root, file: file, configuration: nil,
          findings: [Finding(rule: .invalidFile, severity: .error, message: message, range: file.start)]))
    case .unreadable:
      throw LoadError.configUnreadable(options.configPath)
    }
  }

  /// The parsed configuration checked: its structure findings, and the typed configuration when
  /// it has no error (`typed`, when given, is the one already made from the same document).
  func check(_ parsed: ParsedConfiguration, typed: Configuration? = nil) -> ConfigurationFile {
    var result = FileResult()
    result.file = parsed.file
    result.findings = parsed.findings
    if parsed.yaml.fatalProblem != nil {
      markBroken(&result, text: parsed.file.text)
    } else {
      readConfiguration(
        parsed.yaml, parsed.yaml.documents.filter { !$0.isEmpty }, file: parsed.file, into: &result)
    }
    let file = parsed.file
    let hasErrors = result.findings.contains { $0.severity == .error }
    guard let document = result.configRoot else {
      let findings =
        hasErrors
        ? result.findings.filter { $0.rule != .emptyFile }
        : [
          Finding(
            rule: .missingField, severity: .error,
            message: "the configuration is empty; it needs at least 'version' and 'frameworks'",
            range: file.start,
            help: ["start from: version: 1 and frameworks: {soc2: {categories: [security]}}"])
        ]
      return ConfigurationFile(root: parsed.root, file: file, configuration: nil, findings: findings)
    }
    return ConfigurationFile(
      root: parsed.root, file: file,
      configuration: hasErrors ? nil : typed ?? Configuration(document: document, file: file),
      findings: result.findings)
  }

  /// Reads the configuration file when it is a regular file, or a link to one inside the
  /// project root. A link out of the project (to ~/.aws/credentials, say) or a FIFO is refused
  /// before anything is opened.
  static func readConfiguration(
    _ absolute: String, shownAs: String, root: String
  ) throws -> FileSystem.ReadResult {
    var target = absolute
    switch FileSystem.type(atAbsolute: absolute) {
    case .file:
      break
    case .link:
      guard let resolved = FileSystem.realPath(absolute) else {
        throw LoadError.configRefused(shownAs, reason: "is a link to a file that does not exist")
      }
      guard FileSystem.isInside(resolved, root: root) else {
        throw LoadError.configRefused(shownAs, reason: "is a link leading outside the project root")
      }
      guard FileSystem.type(atAbsolute: resolved) == .file else {
        throw LoadError.configRefused(shownAs, reason: "is a link to something that is not a regular file")
      }
      target = resolved
    case .directory:
      throw LoadError.configRefused(shownAs, reason: "is a folder, not a file")
    case .other:
      throw LoadError.configRefused(shownAs, reason: "is not a regular file (a FIFO, socket or device)")
    case .missing:
      throw LoadError.configUnreadable(shownAs)
    }
    return FileSystem.read(atAbsolute: target, limit: ProjectLoader.maxFileSize)
  }

  static func tooLargeMessage(_ path: String, size: Int) -> String {
    "\(path) is \(FileSystem.describeSize(size)), larger than the 8 MiB limit (\(FileSystem.describeSize(ProjectLoader.maxFileSize))); soclint does not read it"
  }

  /// Reads the whole project. Throws only when the configuration cannot be read at all; its errors, like
  /// those of every other file, are findings.
  public func load(_ options: Options) throws -> Project {
    // The configuration first: an invalid one ends the run with its own findings alone (read
    // before or after the files: see `checkAndRead`).
    let parsed: ParsedConfiguration
    switch try readConfigurationFile(options) {
    case .final(let config): return ProjectLoader.unread(config)
    case .parsed(let p): parsed = p
    }
    let (config, reading) = checkAndRead(parsed, options: options)
    guard let configuration = config.configuration, let reading else { return ProjectLoader.unread(config) }
    let root = config.root
    let configFile = config.file
    let (paths, read, discovery) = reading
    // Every lookup is done: the pack for the next run can be written.
    options.modelCache?.save()

    let results = ProjectLoader.droppingPolicyTexts(read, paths: paths, discovered: discovery.paths)
    var files: [SourceFile] = [configFile]
    var controls: [Control] = []
    files.reserveCapacity(results.count + 1)
    controls.reserveCapacity(results.count)
    var owners: [Owner] = []
    var catalogs: [Catalog] = []
    var policies: [Policy] = []
    var findings = config.findings + discovery.findings
    var counts = Project.Counts()
    var ownersIncomplete = false
    var catalogsIncomplete = false
    var controlsIncomplete = false
    counts.files = results.count + 1
    // By index, each field read in place: a copy of each file's whole result counted every
    // one of its references in and out, on one thread, for ten thousand files.
    for i in results.indices {
      if let f = results[i].file { files.append(f) }
      // Nearly every file is one control: appended alone, where adding a list of one went
      // through the general append, 180 instructions a file.
      if results[i].controls.count == 1 {
        controls.append(results[i].controls[0])
      } else if !results[i].controls.isEmpty {
        controls += results[i].controls
      }
      if !results[i].owners.isEmpty { owners += results[i].owners }
      if !results[i].catalogs.isEmpty { catalogs += results[i].catalogs }
      if !results[i].policies.isEmpty { policies += results[i].policies }
      if !results[i].findings.isEmpty { findings += results[i].findings }
      counts.controls += results[i].counts.controls
      counts.owners += results[i].counts.owners
      counts.catalogs += results[i].counts.catalogs
      counts.policies += results[i].counts.policies
      if !results[i].broken.isEmpty {
        ownersIncomplete = ownersIncomplete || results[i].broken.contains(.owners)
        catalogsIncomplete = catalogsIncomplete || results[i].broken.contains(.catalog)
        controlsIncomplete = controlsIncomplete || results[i].broken.contains(.control)
      }
    }
    var project = Project(
      root: root, configFile: configFile, configuration: configuration, files: files, controls: controls,
      owners: owners, catalogs: catalogs, findings: findings, ownersIncomplete: ownersIncomplete,
      catalogsIncomplete: catalogsIncomplete, controlsIncomplete: controlsIncomplete, counts: counts,
      policies: policies, policiesIncomplete: results.contains { $0.broken.contains(.policy) })
    project.fileResults = results
    return project
  }

  /// What `discoverAndRead` gives.
  typealias Reading = (
    paths: [FoundPath], read: [FileResult], discovery: (paths: [String], findings: [Finding])
  )

  /// A file to read: its project-relative path, and whether its folder's listing called it a
  /// regular file (not a link, a FIFO or a file the command line names), which lets it be read
  /// without an fstat first (`FileSystem.readUnlinked(atAbsolute:relative:limit:listedAsFile:)`).
  struct FoundPath: Sendable {
    let rel: String
    let listedAsFile: Bool
  }

  /// The configuration checked and, when it is valid, the project's files found and read.
  ///
  /// At the start of a process the configuration's schema is still being compiled (1 to 2 ms,
  /// the first schema paying for the Swift runtime's first type lookups), and the files are
  /// found and read meanwhile, by the configuration made from the parsed document: it reads every
  /// field it takes whatever the document's structure. The check comes after the reading; a
  /// configuration it refuses ends the run all the same, and what was read is dropped. Once the
  /// schema is compiled (a language server's later runs), the check comes first, so that a
  /// configuration being edited does not cost a reading of the project each time.
  func checkAndRead(_ parsed: ParsedConfiguration, options: Options) -> (ConfigurationFile, Reading?) {
    func read(by configuration: Configuration) -> Reading {
      options.modelCache?.prefetch()
      return discoverAndRead(
        root: parsed.root, configuration: configuration, configRelative: parsed.file.path, options: options)
    }
    guard !checker.isCompiled(.config), let document = parsed.document else {
      let config = check(parsed)
      return (config, config.configuration.map(read))
    }
    let speculative = Configuration(document: document, file: parsed.file)
    let reading = read(by: speculative)
    let config = check(parsed, typed: speculative)
    return (config, config.configuration == nil ? nil : reading)
  }

  /// The project of a configuration that ends the run: the configuration alone, with its findings.
  static func unread(_ config: ConfigurationFile) -> Project {
    Project(
      root: config.root, configFile: config.file, configuration: nil, files: [config.file], controls: [],
      owners: [], catalogs: [], findings: config.findings, ownersIncomplete: true, catalogsIncomplete: true,
      controlsIncomplete: true, counts: Project.Counts(), policiesIncomplete: true)
  }

  /// The files `include` names and those the options add, each read as soon as discovery
  /// finds it, on `options.jobs` threads (see `ParallelMap.map(jobs:feeding:sortedBy:_:)`),
  /// sorted by path; with what discovery found.
  func discoverAndRead(
    root: String, configuration: Configuration, configRelative: String, options: Options
  ) -> Reading {
    var discovered: [String] = []
    var findings: [Finding] = []
    // Each file is opened by its name under its folder's descriptor, the folders under the
    // root's (see `FolderDescriptors`).
    let rootFolder = FileSystem.openFolder(root)
    let folders = FolderDescriptors(root: rootFolder)
    defer {
      folders.closeAll()
      FileSystem.closeFolder(rootFolder)
    }
    let (paths, read) = ParallelMap.map(
      jobs: options.jobs,
      feeding: { feed in
        findings = discover(root: root, configuration: configuration) { rel, listedAsFile in
          discovered.append(rel)
          // The configuration is never read as a document, whatever `include` says.
          if rel != configRelative { feed(FoundPath(rel: rel, listedAsFile: listedAsFile)) }
        }
        var added: [String] = []
        for rel in extraPaths(root: root, configuration: configuration, options: options)
        where rel != configRelative && !discovered.contains(rel) && !added.contains(rel) {
          added.append(rel)
          feed(FoundPath(rel: rel, listedAsFile: false))
        }
      }, sortedBy: { $0.rel.precedesInBytes($1.rel) },
      { found in
        readOne(found.rel, root: root, folders: folders, options: options, listedAsFile: found.listedAsFile)
      })
    return (paths, read, (discovered, findings))
  }

  /// The project-relative paths of the files the command line names and of the open buffers
  /// (those `include` takes, unless the options read them all), that resolve inside the root.
  func extraPaths(root: String, configuration: Configuration, options: Options) -> [String] {
    let overridden = options.overrides.keys.sorted().filter { path in
      guard !options.readsOverridesOutsideInclude else { return true }
      guard FileSystem.isInside(path, root: root), path != root else { return false }
      return ProjectLoader.includes(String(path.dropFirst(root.count + 1)), in: configuration)
    }
    return (options.extraFiles + overridden).compactMap { extra in
      let resolvedDir = FileSystem.realPath((extra as NSString).deletingLastPathComponent)
      let absolute = resolvedDir.map { $0 + "/" + (extra as NSString).lastPathComponent } ?? extra
      guard FileSystem.isInside(absolute, root: root) else { return nil }
      return String(absolute.dropFirst(root.count + 1))
    }
  }

  /// One file: from its open buffer when the options hold one, else from the disk.
  func readOne(
    _ rel: String, root: String, folders: FolderDescriptors? = nil, options: Options,
    listedAsFile: Bool = false
  ) -> FileResult {
    let absolute = FileSystem.join(root, rel)
    guard !options.overrides.isEmpty, let bytes = options.overrides[absolute] else {
      return readFile(
        rel: rel, absolute: absolute, root: root, folders: folders, cache: options.cache,
        modelCache: options.modelCache, listedAsFile: listedAsFile)
    }
    // A buffer is held to the same limit as a file.
    guard bytes.count <= ProjectLoader.maxFileSize else {
      let message =
        "\(rel) (\(options.overrideSource)) is larger than the 8 MiB limit (\(FileSystem.describeSize(ProjectLoader.maxFileSize))); soclint does not read it"
      var r = FileResult()
      r.findings = [
        Finding(
          rule: .invalidFile, severity: .error, message: message,
          range: SourceRange(path: rel, line: 1, column: 1), subject: [message])
      ]
      return r
    }
    return documents(
      path: rel, bytes: bytes, root: root, cache: options.cache, modelCache: options.modelCache)
  }

  /// The files read, less the policy texts that were read only because the command line named
  /// them (a pre-commit hook or an editor passes a policy's Markdown when it changes): they are
  /// no YAML, and what is found about them is found at their policy.
  static func droppingPolicyTexts(
    _ results: [FileResult], paths: [FoundPath], discovered: [String]
  ) -> [FileResult] {
    // Most projects have no policy documents among their files: no set of every path then, and
    // no list made for each file to find that out.
    guard results.contains(where: { !$0.policies.isEmpty }) else { return results }
    let texts = Set(results.flatMap { $0.policies.map(\.document.value) })
    let discovered = Set(discovered)
    return zip(paths.lazy.map(\.rel), results).compactMap { rel, result in
      discovered.contains(rel) || !texts.contains(rel) ? result : nil
    }
  }

  /// Whether the project-relative path is one `include` takes and `exclude` does not.
  public static func includes(_ rel: String, in configuration: Configuration) -> Bool {
    configuration.include.contains { $0.matches(rel) } && !configuration.exclude.contains { $0.matches(rel) }
  }

  /// Calls `found` with the project-relative path of each file `include` names, less `exclude`,
  /// as the walk finds it, walking only the folders the globs can reach; returns the findings
  /// about links. A linked folder is walked when it resolves inside the project root (once:
  /// links cannot make a cycle); one that leads outside is reported, never entered.
  func discover(
    root: String, configuration: Configuration, _ found: (_ rel: String, _ listedAsFile: Bool) -> Void
  ) -> [Finding] {
    var starts = Set<String>()
    for glob in configuration.include { starts.insert(glob.literalPrefix.joined(separator: "/")) }
    // A start inside another start is walked by the outer one; each start looks up its own
    // ancestors, so ten thousand globs cost ten thousand look-ups, not their square.
    let roots = starts.sorted().filter { start in
      if start.isEmpty { return true }
      if starts.contains("") { return false }
      var ancestor = Substring(start)
      while let slash = ancestor.lastIndex(of: "/") {
        ancestor = ancestor[..<slash]
        if starts.contains(String(ancestor)) { return false }
      }
      return true
    }
    var findings: [Finding] = []
    func included(_ rel: String) -> Bool { ProjectLoader.includes(rel, in: configuration) }
    /// Whether the globs could take a file from below this folder.
    func reachable(_ rel: String) -> Bool {
      ["x.yaml", "x.yml", "x/x.yaml", "x/x.yml"].contains { included(rel + "/" + $0) }
    }
    func outside(_ rel: String) {
      let message = "\(rel) is a link leading outside the project root; soclint does not follow it"
      findings.append(
        Finding(
          rule: .invalidFile, severity: .error, message: message,
          range: SourceRange(path: rel, line: 1, column: 1),
          subject: [message]))
    }
    var walkFrom: [String] = []
    for start in roots {
      let absolute = start.isEmpty ? root : root + "/" + start
      // The folder a glob starts from may itself be, or pass through, a link.
      guard let real = FileSystem.realPath(absolute) else { continue }
      if !FileSystem.isInside(real, root: root) {
        outside(start)
        continue
      }
      walkFrom.append(start)
    }
    FileSystem.walk(root: root, from: walkFrom) { rel, type in
      switch type {
      case .directory:
        return true
      case .link:
        if let target = FileSystem.realPath(FileSystem.join(root, rel)),
          FileSystem.type(atAbsolute: target) == .directory
        {
          // A linked folder is walked when it stays inside the project, and reported when it
          // leads out and the globs could take a file from below it.
          if FileSystem.isInside(target, root: root) { return true }
          if reachable(rel) { outside(rel) }
        } else if included(rel) {
          found(rel, false)
        }
      case .file:
        if included(rel) { found(rel, true) }
      case .other:
        if included(rel) { found(rel, false) }
      case .missing:
        break
      }
      return false
    }
    return findings
  }

  /// One file from the disk: opened by its name under its folder's descriptor when `folders` has
  /// one, else by its absolute path.
  func readFile(
    rel: String, absolute: String, root: String, folders: FolderDescriptors? = nil,
    cache: FileResultCache? = nil,
    modelCache: ModelCache? = nil, listedAsFile: Bool = false
  ) -> FileResult {
    func invalid(_ message: String) -> FileResult {
      var r = FileResult()
      r.findings = [
        Finding(
          rule: .invalidFile, severity: .error, message: message,
          range: SourceRange(path: rel, line: 1, column: 1),
          subject: [message])
      ]
      r.counts.files = 1
      return r
    }
    let relative = folders?.location(of: rel).map { (folder: $0.folder, path: rel, from: $0.from) }
    switch FileSystem.readUnlinked(
      atAbsolute: absolute, relative: relative, limit: ProjectLoader.maxFileSize, listedAsFile: listedAsFile)
    {
    case .read(let read):
      return documents(read, rel: rel, root: root, cache: cache, modelCache: modelCache, invalid: invalid)
    case .notAFile(.link):
      guard let target = FileSystem.realPath(absolute) else {
        return invalid("\(rel) is a link to a file that does not exist")
      }
      guard FileSystem.isInside(target, root: root) else {
        return invalid("\(rel) is a link leading outside the project root; soclint does not follow it")
      }
      guard FileSystem.type(atAbsolute: target) == .file else {
        return invalid("\(rel) is a link to something that is not a regular file")
      }
      let read = FileSystem.read(atAbsolute: target, limit: ProjectLoader.maxFileSize)
      return documents(read, rel: rel, root: root, cache: cache, modelCache: modelCache, invalid: invalid)
    case .notAFile(.directory):
      return invalid("\(rel) is a folder, not a file")
    case .notAFile(.missing):
      return invalid("\(rel) does not exist")
    case .notAFile(.other), .notAFile(.file):
      return invalid("\(rel) is not a regular file")
    }
  }

  private func documents(
    _ read: FileSystem.ReadResult, rel: String, root: String, cache: FileResultCache?,
    modelCache: ModelCache?,
    invalid: (String) -> FileResult
  ) -> FileResult {
    switch read {
    case .tooLarge(let size):
      return invalid(ProjectLoader.tooLargeMessage(rel, size: size))
    case .unreadable:
      return invalid("\(rel) cannot be read")
    case .bytes(let bytes):
      return documents(path: rel, bytes: bytes, root: root, cache: cache, modelCache: modelCache)
    }
  }

  /// A file's documents, from the cache when the same bytes were read at the same path before.
  func documents(
    path: String, bytes: [UInt8], root: String, cache: FileResultCache?, modelCache: ModelCache? = nil
  ) -> FileResult {
    guard let cache else {
      return readDocuments(path: path, bytes: bytes, root: root, modelCache: modelCache)
    }
    let key = FileResultCache.Key(path: path, bytes: bytes)
    if let cached = cache[key] { return cached }
    let result = readDocuments(
      path: path, bytes: bytes, root: root, modelCache: modelCache)
    cache[key] = result
    return result
  }

  struct FileResult: Sendable {
    var file: SourceFile? = nil
    var findings: [Finding] = []
    var controls: [Control] = []
    var owners: [Owner] = []
    var catalogs: [Catalog] = []
    var policies: [Policy] = []
    var counts = Project.Counts()
    var broken: Set<DocumentKind> = []
    var configRoot: Node? = nil
  }

  /// The rules that cannot run while a document of a kind is broken, and the note that says so.
  static let skipNotes: [DocumentKind: String] = [
    .owners:
      "while an owners list has an error, soclint does not look owners up (\(skipped(.owners)) are skipped)",
    .catalog:
      "while a catalog has an error, soclint does not look frameworks and requirements up (\(skipped(.catalog)) are skipped)",
    .control: "while a control has an error, coverage is not judged (\(skipped(.control)) is skipped)",
    .policy:
      "while a policy has an error, soclint does not look policies up (\(skipped(.policy)) are skipped)",
  ]

  static func skipped(_ kind: DocumentKind) -> String {
    let rules: [RuleID]
    switch kind {
    case .owners: rules = [.unknownOwner, .inactiveOwner, .invalidBackup, .orphanOwner]
    case .catalog: rules = [.unknownFramework, .unknownRequirement, .uncoveredRequirement]
    case .control, .config: rules = [.uncoveredRequirement]
    case .policy: rules = [.unknownPolicy, .orphanOwner]
    }
    return rules.map(\.rawValue).joined(separator: ", ")
  }

  /// Reads one file's YAML and checks each document's structure; evidence paths are resolved
  /// under `root` here, in parallel with the reading of other files. With a model cache, a file
  /// whose bytes read clean before gets its model from the cache; a file read anew that turns
  /// out clean is kept for the next run.
  func readDocuments(
    path: String, bytes: [UInt8], root projectRoot: String, modelCache: ModelCache? = nil
  ) -> FileResult {
    var result = FileResult()
    // The text is made only for a file read into nodes: a file read flat, or from the model
    // cache, keeps the bytes read (see `SourceFile`).
    let utf8 = Encoding.droppingByteOrderMark(bytes)
    if let kept = modelCache?.lookup(
      path: path, bytes: bytes,
      { raw in
        ModelArchive.decode(raw, path: path, utf8: utf8, projectRoot: projectRoot)
      })
    {
      return kept
    }
    defer {
      if let modelCache, let archive = ModelArchive.encode(result) {
        modelCache.store(path: path, bytes: bytes, archive: archive)
      }
    }
    if readsFlat,
      let flat = readFlatControls(path: path, bytes: bytes, utf8: utf8, root: projectRoot)
    {
      result = flat
      return result
    }
    let text = String(decoding: utf8, as: UTF8.self)
    let yaml = loader.load(bytes)
    let file = SourceFile(path: path, text: text, multilineScalars: yaml.multilineScalars)
    result.file = file
    result.findings = ProjectLoader.findings(of: yaml.problems, in: file)
    if yaml.fatalProblem != nil {
      markBroken(&result, text: text)
      return result
    }
    let nonEmpty = yaml.documents.filter { !$0.isEmpty }
    if nonEmpty.isEmpty {
      result.findings.append(
        Finding(
          rule: .emptyFile,
          message: yaml.documents.isEmpty
            ? "\(path) holds no YAML document" : "\(path) holds only empty documents",
          range: file.start, help: ["add a document with a 'kind', or exclude the file in .soclint.yaml"]))
      return result
    }
    let duplicateMarks = yaml.problems.compactMap { p -> Mark? in
      if case .duplicateKey = p.kind { return p.mark }
      return nil
    }
    for doc in nonEmpty {
      let hasDuplicate = duplicateMarks.contains { doc.root.start <= $0 && $0 <= doc.root.end }
      readDocument(doc, file: file, hasDuplicate: hasDuplicate, projectRoot: projectRoot, into: &result)
    }
    return result
  }

  /// The key `kind`, looked up once in each document read flat.
  static let kindKey = FlatYAML.Key("kind")

  /// The reading of a file of plain YAML (see `FlatYAML`) whose documents are all controls
  /// that pass their schema, the common file, from the flat form without a node tree; nil for
  /// any other file, which `readDocuments` reads into nodes. What it gives is what the nodes
  /// give: the schema's probe and the model read the flat form as they read nodes, and tests
  /// hold each to the other.
  func readFlatControls(path: String, bytes: [UInt8], utf8: [UInt8], root projectRoot: String) -> FileResult?
  {
    // A file that does not say `kind: control` as controls are written (a policy, the owners, a
    // catalog) is not parsed twice: the flat reading would only be dropped.
    guard utf8.withUnsafeBufferPointer({ SourceFile.bytes($0, containASCII: "kind: control") }),
      let yaml = FlatYAML.read(bytes, limits: loader.limits),
      let validator = checker.validator(for: .control)
    else { return nil }
    var result = FileResult()
    let file = SourceFile(path: path, utf8: utf8, multilineScalars: yaml.multilineScalars)
    result.file = file
    for (index, root) in yaml.roots.enumerated() {
      let value = yaml.values[Int(root)]
      // An empty document (a null without text) is skipped, as `YAMLDocument.isEmpty` is.
      if let s = value.scalar, case .null = s.value, s.text.isEmpty { continue }
      guard value.isMapping,
        yaml.value(ProjectLoader.kindKey, in: root).flatMap(yaml.string) == DocumentKind.control.rawValue,
        validator.isValid(yaml, at: root)
      else { return nil }
      result.counts.controls += 1
      if let c = ModelBuilder.control(yaml, root: root, document: index, file: file, projectRoot: projectRoot)
      {
        result.controls.append(c)
      }
    }
    // A file of empty documents has its own finding.
    return result.counts.controls > 0 ? result : nil
  }

  /// libyaml's problems (and the reader's) as findings.
  static func findings(of problems: [YAMLProblem], in file: SourceFile) -> [Finding] {
    problems.map { problem in
      let rule: RuleID
      switch problem.kind {
      case .encoding: rule = .invalidFile
      case .syntax: rule = .yamlSyntax
      case .resourceLimit: rule = .resourceLimit
      case .duplicateKey: rule = .duplicateKey
      }
      var notes: [Note] = []
      if let related = problem.related {
        notes.append(Note(problem.relatedMessage ?? "related", at: file.range(at: related)))
      }
      return Finding(
        rule: rule, message: problem.message, range: file.range(at: problem.mark, end: problem.end),
        notes: notes, subject: [problem.message])
    }
  }

  /// A file that could not be read to its end: its kind is unknown, so it is guessed from its
  /// text, so that a broken owners list does not turn into one unknown-owner finding per
  /// control; the first finding says which checks are skipped.
  func markBroken(_ result: inout FileResult, text: String) {
    let guessed = ProjectLoader.guessKinds(text)
    result.broken = guessed.isEmpty ? [.control] : guessed
    guard let i = result.findings.firstIndex(where: { $0.rule != .duplicateKey }) else { return }
    for kind in DocumentKind.declarable where result.broken.contains(kind) {
      result.findings[i].notes.append(Note(ProjectLoader.skipNotes[kind]!, at: nil))
    }
  }

  /// The configuration's one document, checked against its schema.
  func readConfiguration(
    _ yaml: YAMLFile, _ nonEmpty: [YAMLDocument], file: SourceFile, into result: inout FileResult
  ) {
    if yaml.documents.count > 1 {
      result.findings.append(
        Finding(
          rule: .invalidValue,
          message: "the configuration holds \(yaml.documents.count) YAML documents; it must hold one",
          range: file.range(of: yaml.documents[1].root)))
    }
    if let doc = nonEmpty.first {
      result.findings += checker.check(doc.root, kind: .config, file: file)
      result.findings += ProjectLoader.noFramework(doc.root, file: file)
      result.findings += ProjectLoader.auditEndsBeforeStart(doc.root, file: file)
      result.configRoot = doc.root
    }
  }

  /// `frameworks` that holds only extension keys (`x-later: {}`) names nothing to judge; the
  /// schema's "at least one" counts the `x-` keys, so it is checked here.
  static func noFramework(_ root: Node, file: SourceFile) -> [Finding] {
    guard let pair = root.pair("frameworks"), let members = pair.value.mapping, !members.isEmpty,
      members.allSatisfy({ $0.keyText?.hasPrefix("x-") ?? false })
    else { return [] }
    return [
      Finding(
        rule: .invalidValue,
        message:
          "'frameworks' of the configuration names no framework; keys starting with 'x-' are extensions",
        range: file.range(of: pair.key), pointer: "/frameworks",
        help: ["name the frameworks in scope, such as soc2: {categories: [security]}"])
    ]
  }

  /// The longest observation period soclint judges: two years, far beyond any SOC report's.
  static let maximumAuditDays = 731

  /// An audit period that ends before it starts, or is far too long; the schema cannot compare
  /// two dates.
  static func auditEndsBeforeStart(_ root: Node, file: SourceFile) -> [Finding] {
    guard let audit = root["audit"], let startText = audit["start"]?.string, let endNode = audit["end"],
      let endText = endNode.string, let start = Day(startText), let end = Day(endText)
    else { return [] }
    let length = start.days(until: end) + 1
    if length > maximumAuditDays {
      // Windows are judged per evidence item: a period of centuries would be millions of them.
      return [
        Finding(
          rule: .invalidValue,
          message:
            "the audit period runs \(length) days, from \(start) to \(end); soclint accepts at most \(maximumAuditDays) (two years)",
          range: file.range(of: endNode), pointer: "/audit/end",
          help: ["a Type II observation period is usually 3 to 12 months"])
      ]
    }
    guard end < start else { return [] }
    return [
      Finding(
        rule: .invalidValue,
        message: "the audit period ends on \(end), before it starts on \(start)",
        range: file.range(of: endNode), pointer: "/audit/end",
        help: ["an observation period runs from start to end, both included: end is on or after start"])
    ]
  }

  /// One document: its structure, then, when it is sound, its place in the typed model.
  func readDocument(
    _ doc: YAMLDocument, file: SourceFile, hasDuplicate: Bool, projectRoot: String,
    into result: inout FileResult
  ) {
    let root = doc.root
    guard let kind = declaredKind(of: root) else {
      // What the document was meant to be decides which look-ups must not run without it.
      var findings = undeclaredKindFindings(root, file: file)
      let meant = ProjectLoader.guessKind(of: root)
      result.broken.insert(meant)
      if !findings.isEmpty, let note = ProjectLoader.skipNotes[meant] {
        findings[0].notes.append(Note(note, at: nil))
      }
      result.findings += findings
      return
    }
    switch kind {
    case .control: result.counts.controls += 1
    case .owners: result.counts.owners += 1
    case .catalog: result.counts.catalogs += 1
    case .policy: result.counts.policies += 1
    case .config: break
    }
    var findings = checker.check(root, kind: kind, file: file)
    guard findings.isEmpty && !hasDuplicate else {
      result.broken.insert(kind)
      if let note = ProjectLoader.skipNotes[kind] {
        if !findings.isEmpty {
          findings[0].notes.append(Note(note, at: nil))
        } else if let i = result.findings.firstIndex(where: {
          $0.rule == .duplicateKey && root.start.line <= $0.range.line && $0.range.line <= root.end.line
        }) {
          result.findings[i].notes.append(Note(note, at: nil))
        }
      }
      result.findings += findings
      return
    }
    switch kind {
    case .control:
      if let c = ModelBuilder.control(root, document: doc.index, file: file, projectRoot: projectRoot) {
        result.controls.append(c)
      }
    case .owners:
      result.owners += ModelBuilder.owners(root, file: file)
    case .catalog:
      if let c = ModelBuilder.catalog(root, file: file) { result.catalogs.append(c) }
    case .policy:
      if let p = ModelBuilder.policy(root, document: doc.index, file: file, projectRoot: projectRoot) {
        result.policies.append(p)
      }
    case .config:
      break
    }
  }

  /// The kind a document declares, when it is a mapping with a known `kind`.
  func declaredKind(of root: Node) -> DocumentKind? {
    guard root.mapping != nil, let text = root["kind"]?.string, let kind = DocumentKind(rawValue: text),
      kind != .config
    else { return nil }
    return kind
  }

  /// The one finding of a document without a known kind: it is not a mapping, its `kind` is
  /// not a kind, it has none, or a key is `kind` misspelt (`Kind:`, `knd:`), whose unknown-field
  /// finding then names it. Nothing else is checked against a kind the document does not state.
  func undeclaredKindFindings(_ root: Node, file: SourceFile) -> [Finding] {
    if root.mapping == nil { return checker.check(root, kind: .control, file: file) }
    if let kindNode = root["kind"] { return kindFinding(kindNode, file: file) }
    let misspelt = ProjectLoader.misspeltKindKey(in: root)
    return checker.check(root, kind: .control, file: file) { v in
      switch v.kind {
      case .missingProperty(let name): return name == "kind" && v.instancePath.isEmpty
      case .unexpectedProperty(let name, _): return name == misspelt && v.instancePath.count == 1
      default: return false
      }
    }
  }

  /// The finding for a `kind` that is not a known kind: one finding, nothing else.
  func kindFinding(_ node: Node, file: SourceFile) -> [Finding] {
    let names = DocumentKind.declarable.map(\.rawValue)
    guard let text = node.string else {
      return [
        Finding(
          rule: .wrongType, severity: .error,
          message:
            "'kind' must be a string (control, owners, catalog or policy), but it is \(node.typeDescription)",
          range: file.range(of: node), pointer: "/kind")
      ]
    }
    var help: [String] = []
    if let s = Suggest.closest(to: text, in: names) { help.append("did you mean '\(s)'?") }
    help.append("allowed values: control, owners, catalog, policy")
    return [
      Finding(
        rule: .invalidValue, severity: .error,
        message: "unknown kind '\(text)'; expected control, owners, catalog or policy",
        range: file.range(of: node),
        pointer: "/kind", help: help, subject: [text])
    ]
  }

  /// A key of the document that is `kind` misspelt, when the document has no `kind`.
  static func misspeltKindKey(in root: Node) -> String? {
    for pair in root.mapping ?? [] {
      guard let key = pair.keyText, !key.hasPrefix("x-") else { continue }
      if Suggest.closest(to: key, in: ["kind"]) == "kind" { return key }
    }
    return nil
  }

  /// The kind a document without a valid `kind` most likely meant, from its keys or from the
  /// misspelt kind.
  static func guessKind(of root: Node) -> DocumentKind {
    if let text = (root["kind"] ?? misspeltKindKey(in: root).flatMap { root[$0] })?.scalar?.text,
      let s = Suggest.closest(to: text, in: DocumentKind.declarable.map(\.rawValue)),
      let kind = DocumentKind(rawValue: s)
    {
      return kind
    }
    if root["owners"] != nil { return .owners }
    if root["framework"] != nil || root["requirements"] != nil { return .catalog }
    if root["document"] != nil || root["approver"] != nil || root["approved_on"] != nil { return .policy }
    return .control
  }

  static func guessKinds(_ text: String) -> Set<DocumentKind> {
    var kinds: Set<DocumentKind> = []
    // Split by scalars: in a CRLF file "\r\n" is one Character, and the file one line.
    for line in text.unicodeScalars.split(separator: "\n").map(Substring.init) where line.hasPrefix("kind:") {
      let value =
        line.dropFirst(5).split(separator: "#").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      if let k = DocumentKind(rawValue: value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))) {
        kinds.insert(k)
      }
    }
    return kinds
  }
}
