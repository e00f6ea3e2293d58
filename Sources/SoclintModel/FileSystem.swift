import Foundation

#if canImport(Glibc)
  import Glibc
  private let posixRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let posixRead = Darwin.read
#endif

/// The little of the file system soclint needs, with links handled by hand: soclint reads
/// untrusted repositories and never follows a link out of the project root.
public enum FileSystem {
  public enum EntryType: Sendable { case file, directory, link, other, missing }

  public static func type(atAbsolute path: String) -> EntryType {
    var st = stat()
    guard lstat(path, &st) == 0 else { return .missing }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .link
    default: return .other
    }
  }

  /// The path with every link resolved, or nil when it does not exist.
  public static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// Whether `path` (absolute, resolved) is `root` or inside it.
  public static func isInside(_ path: String, root: String) -> Bool {
    path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
  }

  /// Names in a folder, sorted by bytes; hidden `.git` is skipped by callers.
  public static func children(ofAbsolute path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  public enum ReadResult: Sendable {
    case bytes([UInt8])
    case tooLarge(Int)
    case unreadable
  }

  /// Reads a whole file with one open, one fstat and as few reads as its size needs, refusing
  /// files over `limit` bytes before reading them.
  public static func read(atAbsolute path: String, limit: Int) -> ReadResult {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .unreadable }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return .unreadable }
    let size = Int(st.st_size)
    if size > limit { return .tooLarge(size) }
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var filled = 0
      while filled < size {
        let n = posixRead(fd, buffer.baseAddress! + filled, size - filled)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { break }
        filled += n
      }
      count = filled
    }
    // A file that grew since fstat (or reports size 0, like some special files) is read on.
    var grown = false
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16384) { chunk in
      while true {
        let n = posixRead(fd, chunk.baseAddress!, chunk.count)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { break }
        bytes.append(contentsOf: chunk[0..<n])
        if bytes.count > limit {
          grown = true
          break
        }
      }
    }
    if grown { return .tooLarge(bytes.count) }
    return .bytes(bytes)
  }

  public static func read(atAbsolute path: String) -> [UInt8]? {
    if case .bytes(let b) = read(atAbsolute: path, limit: Int.max) { return b }
    return nil
  }

  /// Writes through a temporary file in the same folder renamed into place, so readers never
  /// see half a file.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try Data(bytes).write(to: url, options: .atomic)
  }
}
