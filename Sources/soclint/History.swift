import ArgumentParser
import Foundation
import SoclintModel

struct History: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Recover evidence collection histories from git: the dates last_collected held in past commits.",
    discussion: """
      Reads each control file as it stood in every commit that changed it (oldest first, \
      following renames) and prints, per evidence item, the distinct last_collected dates with \
      the commit that recorded each. With --write, adds the dates to each item's collected list \
      (kept sorted, never duplicated, never removing one), changing no other byte; files with \
      uncommitted changes are refused. Outside a git repository the exit status is 2.
      """)

  @OptionGroup var project: ProjectOptions

  @Flag(name: .customLong("from-git"), help: "Recover the histories from the repository's commits.")
  var fromGit = false

  @Flag(help: "Add the recovered dates to the files' collected lists.")
  var write = false

  @Argument(
    help: ArgumentHelp(
      "Control files, or folders of them, to read (default: every control file).", valueName: "PATH"))
  var paths: [String] = []

  func validate() throws {
    guard fromGit else {
      throw ValidationError("history needs --from-git: the repository's commits are where it reads histories")
    }
  }

  func run() throws {
    let session = try project.session()
    let loaded = try session.load()
    guard let top = GitHistory.top(of: loaded.root) else {
      throw Failure("\(loaded.root) is not inside a git repository; history --from-git reads its commits")
    }
    let files = try selectedFiles(loaded, session: session)
    if write {
      let dirty = try GitHistory.uncommitted(files, in: loaded.root)
      guard dirty.isEmpty else {
        throw Failure(
          "not writing: \(dirty.joined(separator: ", ")) \(dirty.count == 1 ? "has" : "have") uncommitted changes; commit or stash them first"
        )
      }
    }
    var out = ""
    for path in files {
      let history = try RecoveredHistory(path: path, root: loaded.root, top: top)
      out += history.report()
      if write { out += try history.write(root: loaded.root) }
    }
    Output.standard(out.isEmpty ? "no control files to read\n" : out)
  }

  /// The control files named, relative to the project root, or every control file.
  func selectedFiles(_ project: Project, session: Session) throws -> [String] {
    let controlFiles = Set(project.controls.map(\.file.path))
    guard !paths.isEmpty else {
      return controlFiles.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
    var selected: [String] = []
    for path in paths {
      let absolute = Session.absolute(path, cwd: session.cwd)
      let isFolder = FileSystem.type(atAbsolute: absolute) == .directory
      let dir = (absolute as NSString).deletingLastPathComponent
      let full =
        isFolder
        ? FileSystem.realPath(absolute) ?? absolute
        : (FileSystem.realPath(dir) ?? dir) + "/" + (absolute as NSString).lastPathComponent
      guard FileSystem.isInside(full, root: project.root) else {
        throw Failure("\(path) is outside the project root \(project.root)")
      }
      // A folder names every control file under it (the project root: all of them).
      let rel = full == project.root ? "" : String(full.dropFirst(project.root.count + 1))
      let matches =
        isFolder
        ? controlFiles.filter { rel.isEmpty || $0.hasPrefix(rel + "/") } : [rel].filter(controlFiles.contains)
      guard !matches.isEmpty else {
        throw Failure(
          isFolder
            ? "\(path) holds no control file of the project"
            : "\(path) is not a control file of the project (or it has an error: soclint lint tells)")
      }
      selected += matches.filter { !selected.contains($0) }
    }
    return selected.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}

/// The dates one control file's evidence items held in its commits.
struct RecoveredHistory {
  /// A date, and the commit that first recorded it.
  struct Entry {
    let day: Day
    let commit: String
    let date: String
  }

  let path: String
  let items: [EvidenceKey: [Entry]]
  /// The dates each item's collected list holds now.
  let collected: [EvidenceKey: [Day]]

  init(path: String, root: String, top: String) throws {
    self.path = path
    let revisions = try GitHistory.revisions(of: path, in: root)
    let blobs = try GitHistory.blobs(revisions.map { "\($0.hash):\($0.path)" }, in: top)
    var items: [EvidenceKey: [Entry]] = [:]
    for (revision, blob) in zip(revisions, blobs) {
      guard let blob else { continue }
      for (key, day) in CollectionHistory.lastCollected(in: blob)
      where !(items[key] ?? []).contains(where: { $0.day == day }) {
        items[key, default: []].append(Entry(day: day, commit: revision.short, date: revision.date))
      }
    }
    self.items = items
    let current = FileSystem.read(atAbsolute: root + "/" + path)
    collected = current.map(CollectionHistory.collected(in:)) ?? [:]
  }

  /// Each item's recovered dates, oldest first, with the commit that recorded each.
  func report() -> String {
    var out = "\(path)\n"
    if items.isEmpty { return out + "  no last_collected in any commit\n" }
    for key in items.keys.sorted() {
      out += "  \(key.control) \(key.evidence)\n"
      let listed = Set(collected[key] ?? [])
      for entry in items[key]!.sorted(by: { $0.day < $1.day }) {
        let note = listed.contains(entry.day) ? "  (already in collected)" : ""
        out += "    \(entry.day)  recorded in \(entry.commit) on \(entry.date)\(note)\n"
      }
    }
    return out
  }

  /// Adds the recovered dates to the file's collected lists; says what was added.
  func write(root: String) throws -> String {
    let absolute = root + "/" + path
    guard let bytes = FileSystem.read(atAbsolute: absolute) else { throw Failure("cannot read \(path)") }
    let result = CollectedListEditor.adding(items.mapValues { $0.map(\.day) }, to: bytes)
    var added = 0
    var out = ""
    for key in result.outcomes.keys.sorted() {
      switch result.outcomes[key]! {
      case .added(let days): added += days.count
      case .skipped(let why): out += "  \(key.control) \(key.evidence): not written: \(why)\n"
      }
    }
    if result.bytes != bytes {
      do { try FileSystem.writeAtomically(result.bytes, to: absolute) } catch {
        throw Failure("cannot write \(path): \(error.description)")
      }
    }
    return out + "  wrote \(added) date\(added == 1 ? "" : "s") to \(path)\n"
  }
}
