import ArgumentParser
import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintReporters
import SoclintRules

/// Options every command that reads a project shares.
struct ProjectOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The configuration file (default: .soclint.yaml, found by walking up).", valueName: "FILE"))
  var config: String?

  @Option(
    help: ArgumentHelp(
      "Judge staleness on this date (YYYY-MM-DD) instead of the configuration's as_of or today (UTC).",
      valueName: "DATE"))
  var asOf: String?

  @Option(
    help: ArgumentHelp("How many files to read at once (default: the number of cores).", valueName: "N"))
  var jobs: Int?

  @Flag(
    help: ArgumentHelp(
      "Reuse what the last run with --cache made of files whose bytes have not changed, kept in $XDG_CACHE_HOME/soclint (or ~/.cache/soclint)."
    ))
  var cache = false

  @Option(
    help: ArgumentHelp(
      "Keep the cache in this folder, outside the project (implies --cache).", valueName: "DIR"))
  var cacheDir: String?

  /// The options as plain values, which the fast reading of `soclint lint` makes too.
  var settings: ProjectSettings {
    ProjectSettings(config: config, asOf: asOf, jobs: jobs, cache: cache, cacheDir: cacheDir)
  }

  func validate() throws { try settings.validate() }

  func session(extraPaths: [String] = [], stdinFilename: String? = nil) throws -> Session {
    try settings.session(extraPaths: extraPaths, stdinFilename: stdinFilename)
  }
}

/// What the project options asked for, as plain values: a `ParsableArguments` can only be made by
/// its parser, and `soclint lint` is also read without it (see `LintRequest`).
struct ProjectSettings: Equatable {
  var config: String?
  var asOf: String?
  var jobs: Int?
  var cache = false
  var cacheDir: String?

  func validate() throws(ValidationError) {
    if let asOf, Day(asOf) == nil {
      throw ValidationError("--as-of must be a calendar date written YYYY-MM-DD, not '\(asOf)'")
    }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  func session(extraPaths: [String] = [], stdinFilename: String? = nil) throws -> Session {
    let cwd = FileManager.default.currentDirectoryPath
    let configPath: String
    if let config {
      let absolute = Session.absolute(config, cwd: cwd)
      guard FileSystem.type(atAbsolute: absolute) != .missing else {
        throw Failure("the configuration \(config) does not exist")
      }
      configPath = absolute
    } else {
      guard let found = ProjectLoader.findConfig(from: cwd) else {
        throw Failure(LoadError.configNotFound(searchedFrom: cwd).description)
      }
      configPath = found
    }
    var options = ProjectLoader.Options(configPath: configPath)
    options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
    options.modelCache = try modelCache(configPath: configPath, cwd: cwd)
    // The buffer an editor passes on standard input is that file, saved or not.
    let stdinPath = stdinFilename.map { Session.absolute($0, cwd: cwd) }
    for path in extraPaths {
      let absolute = Session.absolute(path, cwd: cwd)
      if absolute == stdinPath { continue }
      let type = FileSystem.type(atAbsolute: absolute)
      if type == .missing { throw Failure("\(path) does not exist") }
      if type == .file || type == .link { options.extraFiles.append(absolute) }
    }
    if let stdinPath {
      // Past the limit, the bytes read stop one byte over it, and the loader reports that like
      // a file too large.
      let bytes = FileSystem.readStandardInput(limit: ProjectLoader.maxFileSize)
      options.override = (stdinPath, bytes)
    }
    return Session(options: options, asOf: asOf.flatMap(Day.init), cwd: cwd)
  }
}

extension ProjectSettings {
  /// The cache `--cache` or `--cache-dir` asks for, or nil. A folder inside the project is
  /// refused: in CI that folder is part of the pull request, which could plant entries in it.
  func modelCache(configPath: String, cwd: String) throws -> ModelCache? {
    guard cache || cacheDir != nil else { return nil }
    let base: String
    if let cacheDir {
      base = Session.absolute(cacheDir, cwd: cwd)
    } else {
      let environment = ProcessInfo.processInfo.environment
      if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
        base = xdg + "/soclint"
      } else if let home = environment["HOME"], home.hasPrefix("/") {
        base = home + "/.cache/soclint"
      } else {
        throw Failure("--cache needs a folder: HOME is not set; name one with --cache-dir")
      }
    }
    let configDir = (configPath as NSString).deletingLastPathComponent
    let root = FileSystem.realPath(configDir) ?? configDir
    if FileSystem.isInside(ProjectSettings.resolvingExisting(base), root: root) {
      throw Failure(
        "the cache folder \(base) is inside the project; a pull request could plant entries there. Keep it outside \(root)"
      )
    }
    return ModelCache(base: base, projectRoot: root, identity: ReportContext.toolVersion)
  }

  /// The path with the links of its longest existing part resolved: the cache folder may not
  /// exist yet, but a link on the way to it may lead into the project.
  static func resolvingExisting(_ path: String) -> String {
    var existing = path
    var rest: [String] = []
    while FileSystem.realPath(existing) == nil, existing != "/", !existing.isEmpty {
      rest.insert((existing as NSString).lastPathComponent, at: 0)
      existing = (existing as NSString).deletingLastPathComponent
    }
    let resolved = FileSystem.realPath(existing) ?? existing
    return ([resolved] + rest).joined(separator: "/")
  }

  /// Says on standard error, once, that the cache could not be updated; the run itself stands.
  static func reportCacheFailure(_ session: Session) {
    guard let failure = session.options.modelCache?.writeFailure else { return }
    Output.error("soclint: warning: the cache was not updated: \(failure)")
  }
}

/// One run over one project.
struct Session {
  let options: ProjectLoader.Options
  let asOf: Day?
  let cwd: String
  /// The resolved project root, known once loaded.
  var root: String {
    let dir = (options.configPath as NSString).deletingLastPathComponent
    return FileSystem.realPath(dir) ?? dir
  }

  static func absolute(_ path: String, cwd: String) -> String {
    let joined = path.hasPrefix("/") ? path : cwd + "/" + path
    return URL(fileURLWithPath: joined).standardizedFileURL.path
  }

  func load() throws -> Project {
    let loader: ProjectLoader
    do {
      loader = try ProjectLoader.standard()
    } catch {
      throw Failure(
        "the embedded schemas do not compile (\(error)); this is a bug in soclint, please report it",
        status: .internalError)
    }
    do {
      let project = try loader.load(options)
      ProjectSettings.reportCacheFailure(self)
      return project
    } catch let error as LoadError {
      throw Failure(error.description)
    }
  }

  func lint() throws -> LintResult {
    let project = try load()
    let today = Day.today(now: Date().timeIntervalSince1970)
    return Linter(jobs: options.jobs).lint(project, asOf: asOf, today: today)
  }

  /// Shown paths: relative to the current directory when the file is under it.
  var displayPath: @Sendable (String) -> String {
    let root = self.root
    let cwd = FileSystem.realPath(self.cwd) ?? self.cwd
    // Asked for every finding: when the run is at the root, as it nearly always is, there is
    // nothing to join or compare.
    if cwd == root { return { path in path } }
    return { path in
      let absolute = root + "/" + path
      if FileSystem.isInside(absolute, root: cwd) { return String(absolute.dropFirst(cwd.count + 1)) }
      return path
    }
  }

  /// The project-relative paths findings are reported for, or nil for all.
  func reportFilter(paths: [String], changedSince: String?, project: Project? = nil) throws -> PathFilter? {
    var filter = PathFilter()
    var any = false
    let realRoot = root
    for path in paths {
      any = true
      let absolute = Session.absolute(path, cwd: cwd)
      let dir = (absolute as NSString).deletingLastPathComponent
      let resolved = (FileSystem.realPath(dir) ?? dir) + "/" + (absolute as NSString).lastPathComponent
      let full =
        FileSystem.type(atAbsolute: absolute) == .directory
        ? (FileSystem.realPath(absolute) ?? absolute) : resolved
      // The project root, or a folder holding it: everything is reported.
      if FileSystem.isInside(realRoot, root: full) {
        return nil
      }
      guard FileSystem.isInside(full, root: realRoot) else {
        throw Failure(
          "\(path) is outside the project root \(realRoot); soclint reports only on the project's files")
      }
      let rel = String(full.dropFirst(realRoot.count + 1))
      if FileSystem.type(atAbsolute: absolute) == .directory {
        filter.folders.append(rel + "/")
      } else {
        filter.files.insert(rel)
      }
    }
    if let changedSince {
      any = true
      let changed = try Git.changedFiles(since: changedSince, root: realRoot)
      for rel in changed { filter.files.insert(rel) }
      // Deleting a control or adding a requirement changes coverage: the project-wide findings
      // (at the configuration) are reported whenever a file of the project changed, deleted
      // ones included.
      if let project, let configuration = project.configuration {
        let configPath = project.configFile.path
        let ofProject = changed.contains { rel in
          rel == configPath
            || configuration.include.contains { $0.matches(rel) }
              && !configuration.exclude.contains { $0.matches(rel) }
        }
        if ofProject { filter.files.insert(configPath) }
      }
    }
    // A policy's findings are reported with its text: the Markdown is what a pull request
    // changes, and what a hook or an editor names.
    if any, let project {
      for policy in project.policies where filter.contains(policy.document.value) {
        filter.files.insert(policy.file.path)
      }
    }
    return any ? filter : nil
  }
}

struct PathFilter {
  var files: Set<String> = []
  var folders: [String] = []

  func contains(_ path: String) -> Bool {
    files.contains(path) || folders.contains { path.hasPrefix($0) }
  }
}

enum Git {
  /// Files changed since a revision, and untracked ones, relative to the project root.
  static func changedFiles(since revision: String, root: String) throws -> [String] {
    guard !revision.hasPrefix("-") else {
      throw Failure("--changed-since takes a revision, not '\(revision)'")
    }
    let top = try run(["rev-parse", "--show-toplevel"], in: root).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let realTop = FileSystem.realPath(top) ?? top
    let changed = try run(["diff", "--name-only", revision, "--"], in: root)
    let untracked = try run(["ls-files", "--others", "--exclude-standard", "--full-name"], in: root)
    var out: [String] = []
    for line in (changed + "\n" + untracked).split(separator: "\n") {
      let absolute = realTop + "/" + line
      if FileSystem.isInside(absolute, root: root), absolute != root {
        out.append(String(absolute.dropFirst(root.count + 1)))
      }
    }
    return out
  }

  static func run(_ arguments: [String], in directory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let pipe = Pipe()
    let errors = Pipe()
    process.standardOutput = pipe
    process.standardError = errors
    do { try process.run() } catch { throw Failure("cannot run git: \(error.localizedDescription)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        "git \(arguments.joined(separator: " ")) failed: \(errorText.trimmingCharacters(in: .whitespacesAndNewlines))"
      )
    }
    return String(decoding: data, as: UTF8.self)
  }
}
