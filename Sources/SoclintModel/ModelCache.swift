import Foundation
import SoclintDiagnostics
import SoclintYAML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What earlier runs made of files, kept on disk (`--cache`): a file whose bytes are the same as
/// when its entry was written gets its model from the entry (`ModelArchive`) instead of being
/// parsed by libyaml, checked against its schema and built again. Pre-commit hooks and local
/// runs read the same files over and over; this makes those runs cheaper than a bare parse.
///
/// What makes it safe to trust an entry:
/// - An entry holds the file's whole bytes and is used only when they are equal to the bytes
///   read now, byte for byte: no hash that a crafted file could collide with.
/// - Only files that read without any finding are kept, so an entry can only ever stand for
///   a clean reading of those same bytes; files with findings are read again on every run.
///   What depends on other files (whether evidence and policy documents exist) is not kept:
///   it is asked of the disk again.
/// - Entries are written by this build only: the folder's name holds a digest of soclint's
///   version, the archive format and the embedded schemas, and every entry repeats it.
/// - The folder must not be inside the project, where a pull request could plant entries
///   (the command line refuses such a folder).
///
/// One small file per project file (named by a digest of its path: two paths with one name only
/// cost each other their entries, since the path is checked), written through a
/// temporary file renamed into place, so that concurrent runs and an interrupted run leave
/// only whole entries. A file that cannot be written is reported once, through `writeFailure`.
public final class ModelCache: @unchecked Sendable {
  // @unchecked: `failure`, `folderReady` and `counts` are guarded by `lock`; the rest is
  // immutable. Files are read on several threads.
  /// The folder that holds this project's entries.
  public let folder: String
  /// The digest of soclint's version, the archive format and the schemas: 32 hex digits.
  private let identity: [UInt8]
  private let lock = NSLock()
  private var failure: String? = nil
  private var folderReady = false
  private var counts = (reused: 0, kept: 0)

  /// Entries kept under `base` for the project at `projectRoot`, valid for `identity` (the
  /// version of soclint that writes and reads them). Nothing is created until an entry is written.
  public init(base: String, projectRoot: String, identity: String) {
    // Names the same on every run and machine; not a defence against anyone, since entries are
    // checked byte for byte.
    let schemas = EmbeddedSchemas.all.keys.sorted().flatMap { [$0, EmbeddedSchemas.all[$0]!] }
    let digest = StableHash.hex(
      [identity, "archive \(NodeArchive.formatVersion).\(ModelArchive.formatVersion)"] + schemas)
    self.identity = Array(digest.utf8)
    let name = StableHash.hex([projectRoot]) + "-" + digest
    self.folder = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/" + name
  }

  /// The first entry that could not be written, in words, or nil when every write succeeded.
  public var writeFailure: String? {
    lock.lock()
    defer { lock.unlock() }
    return failure
  }

  /// How many files this run rebuilt from their entries, and how many entries it wrote.
  public var statistics: (reused: Int, kept: Int) {
    lock.lock()
    defer { lock.unlock() }
    return counts
  }

  static let magic = Array("soclint-model\n".utf8)
  /// Above this an entry is not read: far more than the largest file soclint reads and its model.
  static let maximumEntrySize = 64 << 20

  /// What `decode` makes of the archive kept for `path`, when its entry holds exactly `bytes`;
  /// nil otherwise.
  func lookup<T>(path: String, bytes: [UInt8], _ decode: (UnsafeRawBufferPointer) -> T?) -> T? {
    guard
      case .bytes(let entry) = FileSystem.read(
        atAbsolute: entryPath(path), limit: ModelCache.maximumEntrySize)
    else { return nil }
    let file = entry.withUnsafeBytes { raw -> T? in
      var reader = EntryReader(raw: raw)
      guard reader.take(ModelCache.magic.count).map({ $0.elementsEqual(ModelCache.magic) }) == true,
        let storedIdentity = reader.take(identity.count), equal(storedIdentity, identity),
        let storedPath = reader.lengthPrefixed(), equal(storedPath, Array(path.utf8)),
        let storedBytes = reader.lengthPrefixed(), equal(storedBytes, bytes)
      else { return nil }
      return decode(UnsafeRawBufferPointer(rebasing: raw[reader.offset...]))
    }
    if file != nil {
      lock.lock()
      counts.reused += 1
      lock.unlock()
    }
    return file
  }

  /// Keeps the archive of what was made of `path`, read from `bytes`, for the next run. A write
  /// that fails is remembered, not thrown: the run goes on without the entry.
  func store(path: String, bytes: [UInt8], archive: [UInt8]) {
    var entry = ModelCache.magic
    entry.reserveCapacity(
      ModelCache.magic.count + identity.count + 16 + path.utf8.count + bytes.count + archive.count)
    entry += identity
    appendLengthPrefixed(Array(path.utf8), to: &entry)
    appendLengthPrefixed(bytes, to: &entry)
    entry += archive
    do {
      try prepareFolder()
      try FileSystem.writeAtomically(entry, to: entryPath(path))
      lock.lock()
      counts.kept += 1
      lock.unlock()
    } catch {
      lock.lock()
      if failure == nil { failure = error.description }
      lock.unlock()
    }
  }

  private func prepareFolder() throws(FileSystem.WriteError) {
    lock.lock()
    defer { lock.unlock() }
    if folderReady { return }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw FileSystem.WriteError(description: "cannot create the cache folder \(folder)")
    }
    folderReady = true
  }

  private func entryPath(_ path: String) -> String {
    folder + "/" + StableHash.hex([path])
  }

  private func equal(_ stored: UnsafeRawBufferPointer, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { now in
      stored.count == now.count
        && (now.count == 0 || memcmp(stored.baseAddress!, now.baseAddress!, now.count) == 0)
    }
  }

  private func appendLengthPrefixed(_ bytes: [UInt8], to entry: inout [UInt8]) {
    withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { entry.append(contentsOf: $0) }
    entry += bytes
  }

  private struct EntryReader {
    let raw: UnsafeRawBufferPointer
    var offset = 0

    mutating func take(_ n: Int) -> UnsafeRawBufferPointer? {
      guard n >= 0, n <= raw.count - offset else { return nil }
      defer { offset += n }
      return UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n])
    }

    mutating func uint64() -> UInt64? {
      guard let b = take(8) else { return nil }
      var v: UInt64 = 0
      withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: b) }
      return UInt64(littleEndian: v)
    }

    mutating func lengthPrefixed() -> UnsafeRawBufferPointer? {
      guard let n = uint64(), n <= UInt64(raw.count - offset) else { return nil }
      return take(Int(n))
    }
  }
}
