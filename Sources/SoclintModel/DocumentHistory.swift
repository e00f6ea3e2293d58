import Foundation

/// A commit that changed the words of a document.
public struct DocumentChange: Sendable, Hashable {
  /// The commit's abbreviated hash, as `git log` abbreviates it in that repository.
  public let commit: String
  /// The committer date, as a UTC day.
  public let day: Day
  /// The commit's author name.
  public let author: String

  /// A change from its parts.
  public init(commit: String, day: Day, author: String) {
    self.commit = commit
    self.day = day
    self.author = author
  }
}

/// When the words of some documents last changed, by git: read once per run for all of them
/// with a single `git log`, never a process per file.
public struct DocumentHistory: Sendable {
  /// The changes of each project-relative path, latest committer day first.
  public let changes: [String: [DocumentChange]]
  /// Why the history could not be read (no git on the PATH, not a git repository); nil when it
  /// was read, or when nothing needed it.
  public let unavailable: String?

  /// A history from its parts; `changes` need not be sorted.
  public init(changes: [String: [DocumentChange]], unavailable: String? = nil) {
    self.changes = changes.mapValues { list in
      list.enumerated().sorted { a, b in
        a.element.day != b.element.day ? a.element.day > b.element.day : a.offset < b.offset
      }.map(\.element)
    }
    self.unavailable = unavailable
  }

  /// No history: nothing asked for one.
  public static let empty = DocumentHistory(changes: [:])

  /// The last change of `path` on or before `day`: a commit dated after the day a project is
  /// judged on has not happened yet on that day, as a date after it has not.
  public func lastChange(of path: String, onOrBefore day: Day) -> DocumentChange? {
    changes[path]?.first { $0.day <= day }
  }

  /// Reads the history of `paths` (relative to `root`, the project root) with one `git log`,
  /// run from the PATH in `root` with fixed arguments and the paths after `--`. A commit changed
  /// a document's words when its word diff (`--word-diff=porcelain`) adds or removes a word:
  /// whitespace, blank lines and moved line breaks alone (a re-wrapped paragraph) do not count.
  /// Only committed changes are seen.
  public static func git(
    root: String, paths: [String], environment: [String: String]? = nil
  ) -> DocumentHistory {
    let env = environment ?? ProcessInfo.processInfo.environment
    guard let git = executable("git", path: env["PATH"] ?? "") else {
      return DocumentHistory(changes: [:], unavailable: "git is not on the PATH")
    }
    let arguments =
      [
        "-c", "core.quotePath=false", "--literal-pathspecs", "log", "--relative", "--no-renames",
        "--no-ext-diff",
        "--no-textconv", "--no-color", "--no-show-signature", "--decorate-refs=refs/soclint/none",
        "--format=%x01%h%x00%ct%x00%D%x00%an", "-p", "--unified=0", "--word-diff=porcelain",
        "--src-prefix=a/", "--dst-prefix=b/", "--",
      ] + paths
    var childEnvironment = env
    // Never prompt, and never take the index lock another git may be holding.
    childEnvironment["GIT_TERMINAL_PROMPT"] = "0"
    childEnvironment["GIT_OPTIONAL_LOCKS"] = "0"
    let run = Subprocess.run(git, arguments, in: root, environment: childEnvironment)
    switch run {
    case .failed(let why):
      return DocumentHistory(changes: [:], unavailable: "git could not be run (\(why))")
    case .exited(let status, let output, let errors):
      guard status == 0 else {
        if errors.contains("not a git repository") {
          return DocumentHistory(changes: [:], unavailable: "the project is not in a git repository")
        }
        let firstLine = errors.split(separator: "\n").first.map(String.init) ?? "exit status \(status)"
        return DocumentHistory(changes: [:], unavailable: "git log failed: \(firstLine)")
      }
      return DocumentHistory(changes: parse(output))
    }
  }

  /// The changes in `git log --format=%x01%h%x00%ct%x00%D%x00%an -p --word-diff=porcelain`
  /// output: a file changed in a commit when a line of its word diff adds (`+`) or removes (`-`)
  /// words, or it is binary. The boundary commit of a shallow clone (decorated `grafted`) lists
  /// every file as added; that is where the clone's history starts, not a change, so it is left out.
  package static func parse(_ output: [UInt8]) -> [String: [DocumentChange]] {
    var changes: [String: [DocumentChange]] = [:]
    for record in output.split(separator: 0x01, omittingEmptySubsequences: true) {
      let lines = record.split(separator: 10, omittingEmptySubsequences: false)
      guard let header = lines.first else { continue }
      let fields = header.split(separator: 0, omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self)
      }
      guard fields.count >= 4, let seconds = Double(fields[1]) else { continue }
      if fields[2].components(separatedBy: ", ").contains("grafted") { continue }
      let change = DocumentChange(commit: fields[0], day: Day.today(now: seconds), author: fields[3])
      for path in changedWords(lines.dropFirst()) { changes[path, default: []].append(change) }
    }
    return changes
  }

  /// The paths whose words a commit's word diff changes, in the order met.
  static func changedWords(_ lines: ArraySlice<ArraySlice<UInt8>>) -> [String] {
    var out: [String] = []
    var current: String?
    var inHeader = false
    func mark() {
      if let current, !out.contains(current) { out.append(current) }
    }
    for line in lines {
      let text = String(decoding: line, as: UTF8.self)
      if text.hasPrefix("diff --git ") {
        // "diff --git a/PATH b/PATH": the new path follows the last " b/".
        current = text.range(of: " b/", options: .backwards).map { String(text[$0.upperBound...]) }
        inHeader = true
      } else if inHeader && text.hasPrefix("+++ b/") {
        current = String(text.dropFirst(6)).trimmingCharacters(in: CharacterSet(charactersIn: "\t"))
      } else if text.hasPrefix("@@") {
        inHeader = false
      } else if text.hasPrefix("Binary files ") {
        mark()
      } else if !inHeader && (text.hasPrefix("+") || text.hasPrefix("-")) {
        mark()
      }
    }
    return out
  }

  /// The first executable called `name` in a PATH, as a shell would find it.
  static func executable(_ name: String, path: String) -> String? {
    for dir in path.split(separator: ":") where dir.hasPrefix("/") {
      let candidate = dir + "/" + name
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}

/// A child process with fixed arguments, its output read whole.
enum Subprocess {
  enum Outcome {
    case exited(status: Int32, output: [UInt8], errors: String)
    case failed(String)
  }

  static func run(
    _ executable: String, _ arguments: [String], in directory: String, environment: [String: String]
  )
    -> Outcome
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return .failed(error.localizedDescription) }
    // Both pipes are drained at once, so a full one cannot block the child.
    let box = ErrorBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      box.data = errors.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let out = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return .exited(
      status: process.terminationStatus, output: [UInt8](out),
      errors: String(decoding: box.data, as: UTF8.self))
  }

  /// Written by one reader thread, read after the group is waited on.
  final class ErrorBox: @unchecked Sendable {
    var data = Data()
  }
}
