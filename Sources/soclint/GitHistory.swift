import Foundation
import SoclintModel

/// What `soclint history` asks of git: the commits that changed a file (following renames),
/// the file as each of them left it, and whether the work tree holds uncommitted changes. Only
/// plumbing with fixed arguments is run, paths after `--`; nothing the files say is executed.
enum GitHistory {
  /// One commit that changed a file, with the file's path in it (relative to the top of the
  /// repository, as it was then named).
  struct Revision {
    let hash: String
    let short: String
    /// The committer date, as a day (in the committer's time zone, as `git log` shows it).
    let date: String
    let path: String
  }

  /// The top of the repository holding `root`, resolved; nil outside a repository (or without git).
  static func top(of root: String) -> String? {
    guard let out = try? Git.run(["rev-parse", "--show-toplevel"], in: root) else { return nil }
    let top = out.trimmingCharacters(in: .whitespacesAndNewlines)
    return top.isEmpty ? nil : FileSystem.realPath(top) ?? top
  }

  /// The commits that changed `path` (relative to `root`), oldest first, following renames.
  static func revisions(of path: String, in root: String) throws -> [Revision] {
    let out = try Git.run(
      ["log", "--follow", "--format=%x1e%H%x1f%h%x1f%cs", "--name-only", "--no-color", "--", path], in: root)
    var revisions: [Revision] = []
    for record in out.split(separator: "\u{1e}") {
      let lines = record.split(separator: "\n", omittingEmptySubsequences: true)
      guard let header = lines.first, let name = lines.dropFirst().last else { continue }
      let fields = header.split(separator: "\u{1f}", omittingEmptySubsequences: false)
      guard fields.count == 3 else { continue }
      revisions.append(
        Revision(
          hash: String(fields[0]), short: String(fields[1]), date: String(fields[2]), path: String(name)))
    }
    return revisions.reversed()
  }

  /// The blobs `REV:PATH` in one `git cat-file --batch`, in the order asked; nil for a missing one.
  static func blobs(_ names: [String], in root: String) throws -> [[UInt8]?] {
    guard !names.isEmpty else { return [] }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "cat-file", "--batch"]
    process.currentDirectoryURL = URL(fileURLWithPath: root)
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { throw Failure("cannot run git: \(error.localizedDescription)") }
    // Written from another thread: git answers while it reads, and a full pipe either way
    // would otherwise stop both.
    let request = Data(names.map { $0 + "\n" }.joined().utf8)
    let writer = Thread {
      input.fileHandleForWriting.write(request)
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let data = [UInt8](output.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    return parseBatch(data, count: names.count)
  }

  /// `<oid> blob <size>\n<bytes>\n` per object, or `<name> missing\n`.
  static func parseBatch(_ data: [UInt8], count: Int) -> [[UInt8]?] {
    var out: [[UInt8]?] = []
    var i = 0
    while out.count < count, i < data.count {
      guard let end = data[i...].firstIndex(of: 10) else { break }
      let header = String(decoding: data[i..<end], as: UTF8.self).split(separator: " ")
      i = end + 1
      guard header.count == 3, header[1] == "blob", let size = Int(header[2]), i + size <= data.count else {
        out.append(nil)
        continue
      }
      out.append(Array(data[i..<(i + size)]))
      i += size + 1
    }
    while out.count < count { out.append(nil) }
    return out
  }

  /// Of `paths` (relative to `root`), those with changes not committed: staged, unstaged or untracked.
  static func uncommitted(_ paths: [String], in root: String) throws -> [String] {
    guard !paths.isEmpty else { return [] }
    let out = try Git.run(["status", "--porcelain", "--untracked-files=all", "--"] + paths, in: root)
    return out.split(separator: "\n").map { String($0.dropFirst(3)) }
  }
}
