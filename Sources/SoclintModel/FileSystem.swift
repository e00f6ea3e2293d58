import Foundation
import SoclintDiagnostics
import Synchronization

#if canImport(Glibc)
  import Glibc
  private let posixRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let posixRead = Darwin.read
#endif

/// The little of the file system soclint needs, with links handled by hand: soclint reads
/// untrusted repositories and never follows a link out of the project root.
package enum FileSystem {
  /// What a path names, without following a link; `missing` when it names nothing or cannot be asked.
  package enum EntryType: Sendable { case file, directory, link, other, missing }

  /// Whether C would read the path as written: a NUL byte would cut it short, so that
  /// `evidence/\0/x` named the folder `evidence/`, and a walk below it would never end.
  package static func isRepresentable(_ path: String) -> Bool {
    // `memchr` on the bytes in place; the generic `contains` over the UTF-8 view cost 27
    // instructions a byte, for every file opened.
    let found = path.utf8.withContiguousStorageIfAvailable { bytes in
      bytes.count > 0 && memchr(bytes.baseAddress!, 0, bytes.count) != nil
    }
    return !(found ?? path.utf8.contains(0))
  }

  /// What the absolute path names; a link is `.link`, whatever it leads to.
  package static func type(atAbsolute path: String) -> EntryType {
    guard isRepresentable(path) else { return .missing }
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
  package static func realPath(_ path: String) -> String? {
    guard isRepresentable(path), let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// Whether `path` (absolute, resolved) is `root` or inside it.
  package static func isInside(_ path: String, root: String) -> Bool {
    path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
  }

  /// Names in a folder, sorted by bytes; hidden `.git` is skipped by callers.
  package static func children(ofAbsolute path: String) -> [String] {
    entries(ofAbsolute: path).map(\.name)
  }

  /// Names in a folder with their types as the folder tells them (nil when it does not, as some
  /// file systems do not), sorted by bytes; a walk then needs no `lstat` per entry.
  package static func entries(ofAbsolute path: String) -> [(name: String, type: EntryType?)] {
    guard isRepresentable(path), let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    // The names are gathered as bytes in one buffer and sorted as bytes, and each becomes a
    // string once, in order: a string made and moved for each entry, and a sort through an
    // array of indices, took as long as the kernel's listing of a folder of 10,000 controls,
    // on the one thread that works before the first file is read.
    var bytes: [UInt8] = []
    var listed: [ListedName] = []
    // Made about the folder's size at once, from the size its file system gives (ext4: about 24
    // bytes an entry of a dozen letters; tmpfs 20; btrfs twice the names' bytes), as grown by
    // doubling they were 1.7 MB of fresh pages for a folder of 10,000 controls. A guess too
    // small grows as before; one too large costs address space, not pages, until written.
    var folder = stat()
    if fstat(dirfd(dir), &folder) == 0, folder.st_size > 0 {
      let guess = min(Int(folder.st_size) / 20, 1 << 16)
      listed.reserveCapacity(guess)
      bytes.reserveCapacity(guess * 16)
    }
    let nameOffset = MemoryLayout<dirent>.offset(of: \.d_name)!
    while let entry = readdir(dir) {
      let name = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: UInt8.self)
      let count = strlen(name)
      if count <= 2 && name[0] == 0x2E && (count == 1 || name[1] == 0x2E) { continue }
      listed.append(
        ListedName(
          prefix: ListedName.prefix(name, count: count), start: bytes.count, count: count,
          type: entry.pointee.d_type))
      bytes.append(contentsOf: UnsafeBufferPointer(start: name, count: count))
    }
    return bytes.withUnsafeBufferPointer { all in
      listed.sort { a, b in
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        let common = min(a.count, b.count)
        let order = memcmp(all.baseAddress! + a.start, all.baseAddress! + b.start, common)
        return order != 0 ? order < 0 : a.count < b.count
      }
      var named = listed.map { entry in
        (
          name: String(
            decoding: UnsafeBufferPointer(rebasing: all[entry.start..<entry.start + entry.count]),
            as: UTF8.self),
          type: entry.entryType
        )
      }
      // A name that is not UTF-8 is read with U+FFFD in place of its bad bytes, and ordered as read.
      if all.contains(where: { $0 >= 0x80 }) { named.sort { $0.name.precedesInBytes($1.name) } }
      return named
    }
  }

  /// A folder entry's name, as where its bytes are and their first sixteen as two numbers: two
  /// integer comparisons order most pairs (a folder of 10,000 controls takes 130,000 of them).
  private struct ListedName {
    var prefix: (UInt64, UInt64)
    var start: Int
    var count: Int
    var type: UInt8

    /// The first sixteen bytes, most significant first, zero past the end.
    static func prefix(_ name: UnsafePointer<UInt8>, count: Int) -> (UInt64, UInt64) {
      var words: (UInt64, UInt64) = (0, 0)
      for i in 0..<min(count, 16) {
        if i < 8 {
          words.0 |= UInt64(name[i]) << (56 - 8 * i)
        } else {
          words.1 |= UInt64(name[i]) << (56 - 8 * (i - 8))
        }
      }
      return words
    }

    /// dirent's d_type: DT_REG 8, DT_DIR 4, DT_LNK 10; DT_UNKNOWN (0) asks for lstat.
    var entryType: EntryType? {
      switch type {
      case 8: return .file
      case 4: return .directory
      case 10: return .link
      case 0: return nil
      default: return .other
      }
    }
  }

  /// What reading a file gives: its bytes, or why not.
  package enum ReadResult: Sendable {
    /// The whole content.
    case bytes([UInt8])
    /// Larger than the limit: the size, or for a stream the bytes read before stopping.
    case tooLarge(Int)
    /// Not there, not a regular file, or not to be opened.
    case unreadable
  }

  /// "8,388,609 bytes": sizes at the limit are told exactly, never rounded to "8.0 MiB".
  package static func describeSize(_ bytes: Int) -> String {
    var digits = String(bytes)
    var out = ""
    while digits.count > 3 {
      out = "," + digits.suffix(3) + out
      digits.removeLast(3)
    }
    return digits + out + (bytes == 1 ? " byte" : " bytes")
  }

  /// Reads a whole file with one open, one fstat and as few reads as its size needs, refusing
  /// files over `limit` bytes before reading them.
  package static func read(atAbsolute path: String, limit: Int) -> ReadResult {
    guard isRepresentable(path) else { return .unreadable }
    // O_NONBLOCK: opening a FIFO put where a file was expected must not wait for a writer.
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return .unreadable }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return .unreadable }
    let size = Int(st.st_size)
    if size > limit { return .tooLarge(size) }
    return read(fd, expected: size, limit: limit)
  }

  /// What `readUnlinked` found at a path.
  package enum UnlinkedRead: Sendable {
    /// The path names a regular file itself: what reading it gave.
    case read(ReadResult)
    /// The path names something else (a link, whatever it leads to, a folder, nothing...).
    case notAFile(EntryType)
  }

  /// An open descriptor of the folder at `path` (absolute, or relative to `folder` when that is
  /// an open descriptor), to open files under; -1 when it cannot be opened. Links on the way
  /// are followed, as a path is; the caller closes it (`closeFolder`).
  package static func openFolder(_ path: String, under folder: Int32 = AT_FDCWD) -> Int32 {
    guard isRepresentable(path) else { return -1 }
    return openat(folder, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  }

  /// Closes a descriptor from `openFolder`.
  package static func closeFolder(_ descriptor: Int32) {
    if descriptor >= 0 { close(descriptor) }
  }

  /// A regular file's bytes when the path names one itself, not through a link. The file is
  /// opened with O_NOFOLLOW and checked with fstat on the open descriptor: one walk of the path
  /// where an lstat and then an open took two (a tenth of the system time of a cached run over
  /// 10,000 files), and no moment between the check and the open in which the path could become a
  /// link. O_NONBLOCK keeps a FIFO from waiting for a writer; nothing but a regular file is read.
  ///
  /// With `relative`, the file is opened as the part of that path from that UTF-8 offset on,
  /// under that open folder (which must be the folder `path` is in, or one above it): the kernel
  /// then walks only the components below the folder, where each of ten thousand files walked
  /// the project root's own components again (a quarter of the time spent opening them). `path`
  /// names the file in what is reported.
  ///
  /// `listedAsFile` says that the folder's listing called the entry a regular file. Such a file
  /// is read before it is checked: a read that ends short of a scratch buffer has read a whole
  /// regular file, and no fstat is needed (its kernel work, filling in every attribute of the
  /// inode, was 1.6% of a run's CPU time over 10,000 files). Anything else the read may have met
  /// (nothing read, an error, a file larger than the buffer) is checked with fstat as before, so
  /// what is reported is the same; only a regular file replaced by a FIFO with a writer, between
  /// the listing and the read, would be read as a file.
  package static func readUnlinked(
    atAbsolute path: String, relative: (folder: Int32, path: String, from: Int)? = nil, limit: Int,
    listedAsFile: Bool = false
  ) -> UnlinkedRead {
    guard isRepresentable(path) else { return .notAFile(.missing) }
    let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY
    let fd =
      relative.map { r in r.path.withCString { openat(r.folder, $0 + r.from, flags) } } ?? open(path, flags)
    guard fd >= 0 else {
      switch errno {
      case ELOOP: return .notAFile(.link)
      case ENOENT, ENOTDIR: return .notAFile(.missing)
      default:
        // Not to be opened (permissions, a socket): say what it is, as an lstat tells it.
        let type = type(atAbsolute: path)
        return type == .file ? .read(.unreadable) : .notAFile(type)
      }
    }
    defer { close(fd) }
    if listedAsFile, let bytes = readWhole(fd, within: limit) { return .read(.bytes(bytes)) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return .read(.unreadable) }
    switch st.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return .notAFile(.directory)
    default: return .notAFile(.other)
    }
    let size = Int(st.st_size)
    if size > limit { return .read(.tooLarge(size)) }
    // From the start again, should `readWhole` have read part of it.
    if listedAsFile && lseek(fd, 0, SEEK_SET) != 0 { return .read(.unreadable) }
    return .read(read(fd, expected: size, limit: limit))
  }

  /// The whole content of a file that one read into a scratch buffer ends short of filling; nil
  /// when the read gives nothing, fails or fills the buffer, for the caller to look closer.
  private static func readWhole(_ fd: Int32, within limit: Int) -> [UInt8]? {
    ScratchBuffers.shared.with { scratch -> [UInt8]? in
      let n = readRetrying(fd, scratch.baseAddress!, scratch.count)
      guard n > 0, n < scratch.count, n <= limit else { return nil }
      return [UInt8](unsafeUninitializedCapacity: n) { bytes, count in
        bytes.baseAddress!.initialize(
          from: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
        count = n
      }
    }
  }

  /// Reads standard input to its end, but never more than `limit` + 1 bytes: a larger input is
  /// not held in memory, and the bytes returned are then one past the limit, so whoever checks
  /// the limit sees it passed.
  package static func readStandardInput(limit: Int) -> [UInt8] {
    readBytes(0, expected: 0, limit: limit)
  }

  private static func read(_ fd: Int32, expected size: Int, limit: Int) -> ReadResult {
    let bytes = readBytes(fd, expected: size, limit: limit)
    return bytes.count > limit ? .tooLarge(bytes.count) : .bytes(bytes)
  }

  /// `read(2)`, again when a signal interrupts it: the bytes read, 0 at the end, -1 on an error.
  private static func readRetrying(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    while true {
      let n = posixRead(fd, buffer, count)
      if n < 0 && errno == EINTR { continue }
      return n
    }
  }

  /// The `size` bytes fstat gave a regular file, or, when `size` is 0 (standard input, a file
  /// that says it is empty), up to `limit` + 1 bytes, to its end.
  ///
  /// A file is read as it was when its size was taken: a file that grows while it is read is
  /// read to that size, as git reads a file it hashes. Reading on to see the end took one
  /// more system call a file (about 3 ms of system time on 10,000 files) for a file that
  /// changes under the run, which no reading makes consistent.
  private static func readBytes(_ fd: Int32, expected size: Int, limit: Int) -> [UInt8] {
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var filled = 0
      while filled < size {
        let n = readRetrying(fd, buffer.baseAddress! + filled, size - filled)
        guard n > 0 else { break }
        filled += n
      }
      count = filled
    }
    if size > 0 { return bytes }
    // One byte first, to see the end where an empty file has it: a chunk of 16 KiB is too
    // large for the stack, and its aligned allocation cost 1,500 instructions a file.
    var probe: UInt8 = 0
    guard readRetrying(fd, &probe, 1) > 0 else { return bytes }
    bytes.append(probe)
    if bytes.count > limit { return bytes }
    // Standard input, whose size is unknown, is read on, a chunk at a time, until the limit is
    // passed.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16384) { chunk in
      while true {
        // One byte past the limit is enough to know it was passed.
        let room = limit - bytes.count
        let n = readRetrying(fd, chunk.baseAddress!, room >= chunk.count ? chunk.count : room + 1)
        guard n > 0 else { break }
        bytes.append(contentsOf: chunk[0..<n])
        if bytes.count > limit { break }
      }
    }
    return bytes
  }

  /// The whole file's bytes, with no size limit, or nil when it cannot be read.
  package static func read(atAbsolute path: String) -> [UInt8]? {
    if case .bytes(let b) = read(atAbsolute: path, limit: Int.max) { return b }
    return nil
  }

  /// Why a file could not be written, in words for the person running soclint.
  package struct WriteError: Error, CustomStringConvertible {
    /// What went wrong, naming the path.
    package let description: String
  }

  /// Writes through a temporary file in the same folder renamed into place, so readers never
  /// see half a file.
  package static func writeAtomically(_ bytes: [UInt8], to path: String) throws(WriteError) {
    try writeAtomically(chunks: [bytes[...]], to: path)
  }

  /// Writes the chunks, one after another, as `writeAtomically(_:to:)` writes bytes: for a
  /// large file made of parts already in memory, without copying them into one array first.
  package static func writeAtomically(chunks: [ArraySlice<UInt8>], to path: String) throws(WriteError) {
    guard isRepresentable(path) else { throw WriteError(description: "\(path) holds a NUL byte") }
    if type(atAbsolute: path) == .directory { throw WriteError(description: "\(path) is a folder") }
    let folder = (path as NSString).deletingLastPathComponent
    let directory = folder.isEmpty ? "." : folder
    guard
      type(atAbsolute: directory) == .directory
        || realPath(directory).map({ type(atAbsolute: $0) }) == .directory
    else { throw WriteError(description: "the folder \(directory) does not exist") }
    var template = Array((directory + "/.soclint-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw WriteError(description: "cannot write in \(directory): \(reason(errno))") }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var failure: String? = nil
    for chunk in chunks where failure == nil {
      if !writeAll(fd, chunk) { failure = reason(errno) }
    }
    // mkstemp makes the file private; the result gets the usual permissions of a new file.
    let mask = umask(0)
    umask(mask)
    fchmod(fd, 0o666 & ~mask)
    close(fd)
    if failure == nil, rename(temporary, path) != 0 { failure = reason(errno) }
    if let failure {
      unlink(temporary)
      throw WriteError(description: "cannot write \(path): \(failure)")
    }
  }

  /// Appends to a file, creating it when missing (a CI job summary that earlier steps write
  /// to as well).
  package static func append(_ bytes: [UInt8], to path: String) throws(WriteError) {
    guard isRepresentable(path) else { throw WriteError(description: "\(path) holds a NUL byte") }
    if type(atAbsolute: path) == .directory { throw WriteError(description: "\(path) is a folder") }
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw WriteError(description: "cannot write \(path): \(reason(errno))") }
    defer { close(fd) }
    if !writeAll(fd, bytes[...]) { throw WriteError(description: "cannot write \(path): \(reason(errno))") }
  }

  private static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBytes { buffer in
      var done = 0
      while done < buffer.count {
        let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        done += n
      }
      return true
    }
  }

  private static func reason(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }
}

extension FileSystem {
  /// `a/b`, made in one allocation: a walk joins a path for every entry of the project.
  package static func join(_ a: String, _ b: String) -> String {
    String.slashJoined(a, b)
  }

  /// Walks the folders below `root` from the project-relative `starts`, depth first: each real
  /// folder once, whatever names or links lead to it (so a link cycle cannot loop), and never
  /// `.git`. `visit` gets every entry (project-relative path, type as `lstat` sees it) and
  /// returns whether to walk into it: a folder, or a link the caller has checked. It joins the
  /// root to the path itself when it needs the absolute path (for a link): ten thousand files
  /// need none, and joining each was a quarter of the walk.
  package static func walk(
    root: String, from starts: [String],
    _ visit: (_ rel: String, _ type: EntryType) -> Bool
  ) {
    var walked = Set<String>()
    var stack = Array(starts.reversed())
    while let rel = stack.popLast() {
      let absolute = rel.isEmpty ? root : join(root, rel)
      guard let real = realPath(absolute), walked.insert(real).inserted else { continue }
      for (name, known) in entries(ofAbsolute: absolute) where name != ".git" {
        let childRel = rel.isEmpty ? name : join(rel, name)
        if visit(childRel, known ?? type(atAbsolute: join(root, childRel))) { stack.append(childRel) }
      }
    }
  }
}

/// Buffers of 16 KiB that reading threads borrow for one read each: a few, made once and kept,
/// so that reading a file into one costs no allocation.
final class ScratchBuffers: Sendable {
  static let shared = ScratchBuffers()
  static let size = 16384

  private struct Buffer: @unchecked Sendable {
    let memory: UnsafeMutableRawBufferPointer
  }
  private let idle = Mutex<[Buffer]>([])

  /// Calls `body` with a buffer no other thread uses meanwhile.
  func with<R>(_ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
    let buffer =
      idle.withLock { $0.popLast() }
      ?? Buffer(memory: .allocate(byteCount: ScratchBuffers.size, alignment: 16))
    defer {
      // As many are kept as threads ever read at once.
      idle.withLock { $0.append(buffer) }
    }
    return body(buffer.memory)
  }
}
