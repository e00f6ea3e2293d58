import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules

extension LanguageServer {
  func didOpen(_ params: DidOpenTextDocumentParams) {
    let item = params.textDocument
    let path = FileURI.path(of: item.uri)
    var document = OpenDocument(
      uri: item.uri, path: path, version: item.version, text: item.text, project: nil)
    document.project = path.flatMap(project(for:))?.configPath
    documents[item.uri] = document
    if document.project == nil, let path {
      log("soclint: no .soclint.yaml in the folders above \(path); the file is not judged", type: 3)
    }
    touch(document.project)
  }

  func didChange(_ params: DidChangeTextDocumentParams) {
    guard var document = documents[params.textDocument.uri] else { return }
    for change in params.contentChanges {
      document.text = change.range.map { document.text.replacing($0, with: change.text) } ?? change.text
    }
    document.version = params.textDocument.version
    documents[document.uri] = document
    if settings.run == .onType { touch(document.project) }
  }

  func didSave(_ params: DidSaveTextDocumentParams) {
    guard let document = documents[params.textDocument.uri] else { return }
    touch(document.project)
  }

  func didClose(_ params: DidCloseTextDocumentParams) {
    guard let document = documents.removeValue(forKey: params.textDocument.uri) else { return }
    // From now on the disk speaks for the file.
    touch(document.project)
  }

  func didChangeWatchedFiles(_ params: DidChangeWatchedFilesParams) {
    var configurationsMoved = false
    for event in params.changes {
      guard let path = FileURI.path(of: event.uri) else { continue }
      if (path as NSString).lastPathComponent == ProjectLoader.configName && event.type != 2 {
        configurationsMoved = true
      }
      for project in projects.values where project.relative(path) != nil || project.configPath == path {
        // A created or deleted file may be an evidence file some control names, which no
        // file's bytes tell: everything is read again.
        if event.type != 2 { project.cache.removeAll() }
        project.dirty = true
      }
    }
    if configurationsMoved { reassignDocuments() }
    schedule()
  }

  /// A configuration appeared or went away: each open document's project is found again.
  func reassignDocuments() {
    for (uri, document) in documents {
      let before = document.project
      let after = document.path.flatMap(project(for:))?.configPath
      documents[uri]?.project = after
      touch(before)
      touch(after)
    }
  }

  /// The project of a file: the nearest `.soclint.yaml` above it.
  func project(for path: String) -> ProjectState? {
    let dir = (path as NSString).deletingLastPathComponent
    guard let found = ProjectLoader.findConfig(from: dir) else { return nil }
    let configDir = (found as NSString).deletingLastPathComponent
    let configPath = (FileSystem.realPath(configDir) ?? configDir) + "/" + ProjectLoader.configName
    if let known = projects[configPath] { return known }
    let state = ProjectState(configPath: configPath)
    projects[configPath] = state
    return state
  }

  func touch(_ configPath: String?) {
    guard let configPath, let project = projects[configPath] else { return }
    project.dirty = true
    schedule()
  }

  /// Judges the dirty projects once no change has come for `debounce` seconds.
  func schedule() {
    generation += 1
    let scheduled = generation
    queue.asyncAfter(deadline: .now() + settings.debounce) { [self] in
      guard scheduled == generation, !exited, !shutdownRequested else { return }
      judgeDirty()
    }
  }

  func judgeDirty() {
    for project in projects.values.sorted(by: { $0.configPath < $1.configPath }) where project.dirty {
      judge(project)
    }
  }

  /// Reads the project (open documents from their buffers, the rest from the disk, unchanged
  /// files from the cache), lints it, and publishes what changed.
  func judge(_ project: ProjectState) {
    project.dirty = false
    var options = ProjectLoader.Options(configPath: project.configPath)
    options.jobs = settings.jobs
    options.cache = project.cache
    options.readsOverridesOutsideInclude = false
    options.overrideSource = "the editor's buffer"
    for document in documents.values where document.project == project.configPath {
      if let path = document.path { options.overrides[path] = Array(document.text.utf8) }
    }
    do {
      let loaded = try loader.load(options)
      project.record(Linter(jobs: settings.jobs).lint(loaded, asOf: nil, today: settings.today()))
    } catch {
      project.record(nil)
      log("soclint: \(error)", type: 1)
    }
    let builder = DiagnosticBuilder(project: project, uri: uri(for:))
    publish(project, builder.all(project.result?.findings ?? []))
  }

  /// The URI of a file: the editor's own when it is open, so the diagnostics land on its buffer.
  func uri(for path: String) -> String {
    documents.values.first { $0.path == path }?.uri ?? FileURI.uri(of: path)
  }

  func openDocument(at path: String) -> OpenDocument? {
    documents.values.first { $0.path == path }
  }

  /// Sends diagnostics for every file whose diagnostics changed, and empty lists for files that
  /// had some and now have none. Open documents of a client that pulls get theirs by pull.
  func publish(_ project: ProjectState, _ diagnostics: [String: [Diagnostic]]) {
    let before = project.diagnostics
    project.diagnostics = diagnostics
    var openChanged = false
    let openPaths = Dictionary(
      documents.values.compactMap { d in d.path.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
    let paths = Set(before.keys).union(diagnostics.keys).union(
      pushed.keys.filter { project.relative($0) != nil })
    for path in paths.sorted() {
      let now = diagnostics[path] ?? []
      let open = openPaths[path]
      if open != nil && before[path] ?? [] != now { openChanged = true }
      let wanted = open != nil && pullDiagnostics ? [] : now
      let uri = open?.uri ?? FileURI.uri(of: path)
      let last = pushed[path]
      guard last?.diagnostics ?? [] != wanted || (last != nil && last?.uri != uri && !wanted.isEmpty) else {
        continue
      }
      notify(
        "textDocument/publishDiagnostics",
        PublishDiagnosticsParams(uri: uri, version: open?.version, diagnostics: wanted))
      pushed[path] = wanted.isEmpty ? nil : (uri, wanted)
    }
    if openChanged && pullDiagnostics && refreshSupport {
      request("workspace/diagnostic/refresh", LSPAny.null)
    }
  }

  /// `textDocument/diagnostic`: the document's diagnostics, judged now if anything changed.
  func pull(_ params: DocumentDiagnosticParams) -> FullDocumentDiagnosticReport {
    guard let path = FileURI.path(of: params.textDocument.uri),
      let project = (documents[params.textDocument.uri]?.project).flatMap({ projects[$0] })
        ?? self.project(for: path)
    else { return FullDocumentDiagnosticReport(items: []) }
    if project.dirty || project.result == nil { judge(project) }
    return FullDocumentDiagnosticReport(items: project.diagnostics[path] ?? [])
  }

  /// The project and document a request is about, judged first if a change is pending, so
  /// that ranges match the text.
  func current(_ uri: String) -> (ProjectState, OpenDocument)? {
    guard let document = documents[uri], let configPath = document.project, let project = projects[configPath]
    else { return nil }
    if project.dirty && settings.run == .onType { judge(project) }
    return (project, document)
  }
}
