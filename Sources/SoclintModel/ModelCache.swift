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
/// - Entries are written by this build only: the pack's name holds a digest of soclint's
///   version, the archive format and the embedded schemas, and its header repeats it.
/// - The folder must not be inside the project, where a pull request could plant entries
///   (the command line refuses such a folder).
///
/// One pack file per project, read once at the first lookup and written again, through a
/// temporary file renamed into place, only when the run kept a new entry or left an old one
/// unused: so concurrent runs and an interrupted run leave a whole pack, the entries of deleted
/// and edited files go, and a run over unchanged files writes nothing. One file, not one per
/// project file: opening 10,000 small entries cost more than decoding them. A pack that is damaged in any way is
/// ignored whole and written again. A pack that cannot be written is reported once, through
/// `writeFailure`.
public final class ModelCache: @unchecked Sendable {
  // @unchecked: everything that changes is guarded by `lock`. `pack` and `index` are set once,
  // under the lock, before any lookup reads them, and not changed until `save`, which runs
  // after the last lookup.
  /// The pack file that holds this project's entries.
  public let path: String
  /// The folder that holds the pack.
  private let folder: String
  /// The digest of soclint's version, the archive format and the schemas: 32 hex digits.
  private let identity: [UInt8]
  private let lock = NSLock()
  private var failure: String? = nil
  private var counts = (reused: 0, kept: 0)
  private var loaded = false
  /// The pack as read, and where each path's entry lies in it.
  private var pack: [UInt8] = []
  private var index: [String: Entry] = [:]
  /// What the next pack holds: entries of the pack read that this run used, and new ones.
  private var next: [String: Kept] = [:]
  #if canImport(Glibc)
    /// The thread reading the pack ahead of the first lookup, until `save` joins it.
    private var prefetching: pthread_t? = nil
  #endif

  /// Where one entry of the pack read lies: the whole record, and the file's bytes and archive in it.
  private struct Entry {
    let record: Range<Int>
    let bytes: Range<Int>
    let archive: Range<Int>
  }

  private enum Kept {
    /// A record of the pack read, copied as it is.
    case old(Range<Int>)
    /// A record made in this run.
    case new([UInt8])
  }

  /// Entries kept under `base` for the project at `projectRoot`, valid for `identity` (the
  /// version of soclint that writes and reads them). Nothing is created until a pack is written.
  public init(base: String, projectRoot: String, identity: String) {
    // Names the same on every run and machine; not a defence against anyone, since entries are
    // checked byte for byte.
    let schemas = EmbeddedSchemas.all.keys.sorted().flatMap { [$0, EmbeddedSchemas.all[$0]!] }
    let digest = StableHash.hex(
      [identity, "archive \(NodeArchive.formatVersion).\(ModelArchive.formatVersion)"] + schemas)
    self.identity = Array(digest.utf8)
    folder = base.hasSuffix("/") ? String(base.dropLast()) : base
    path = folder + "/" + StableHash.hex([projectRoot]) + "-" + digest + ".pack"
  }

  /// The first failure to write the pack, in words, or nil when it was written or not needed.
  public var writeFailure: String? {
    lock.lock()
    defer { lock.unlock() }
    return failure
  }

  /// How many files this run rebuilt from their entries, and how many new entries it kept.
  public var statistics: (reused: Int, kept: Int) {
    lock.lock()
    defer { lock.unlock() }
    return counts
  }

  static let magic = Array("soclint-pack\n".utf8)
  /// Above this a pack is not read (and is written again smaller): twenty times the pack of
  /// 100,000 controls (200 MB), and never more than a run could hold in memory beside its files.
  static let maximumPackSize = 1 << 32

  /// What `decode` makes of the archive kept for `path`, when its entry holds exactly `bytes`;
  /// nil otherwise.
  func lookup<T>(path: String, bytes: [UInt8], _ decode: (UnsafeRawBufferPointer) -> T?) -> T? {
    loadOnce()
    guard let entry = index[path] else { return nil }
    let file = pack.withUnsafeBytes { raw -> T? in
      guard equal(UnsafeRawBufferPointer(rebasing: raw[entry.bytes]), bytes) else { return nil }
      return decode(UnsafeRawBufferPointer(rebasing: raw[entry.archive]))
    }
    if file != nil {
      lock.lock()
      next[path] = .old(entry.record)
      counts.reused += 1
      lock.unlock()
    }
    return file
  }

  /// Keeps the archive of what was made of `path`, read from `bytes`, for the next run; it is
  /// written by `save`.
  func store(path: String, bytes: [UInt8], archive: [UInt8]) {
    let name = Array(path.utf8)
    var record: [UInt8] = []
    record.reserveCapacity(24 + name.count + bytes.count + archive.count)
    for part in [name, bytes, archive] {
      withUnsafeBytes(of: UInt64(part.count).littleEndian) { record.append(contentsOf: $0) }
      record += part
    }
    lock.lock()
    next[path] = .new(record)
    counts.kept += 1
    lock.unlock()
  }

  /// Writes the pack for the next run when it would differ from the one read: a new entry was
  /// kept, or an entry read was not used (its file changed, was deleted, or now has findings).
  /// A write that fails is remembered, not thrown: the run goes on without the cache.
  func save() {
    joinPrefetch()
    loadOnce()
    lock.lock()
    defer {
      // Nothing of the pack read is needed once the next one is written (or need not be).
      pack = []
      index = [:]
      next = [:]
      lock.unlock()
    }
    guard counts.kept > 0 || counts.reused < index.count else { return }
    var header = ModelCache.magic + identity
    withUnsafeBytes(of: UInt64(next.count).littleEndian) { header.append(contentsOf: $0) }
    // In path order, so that the same files always make the same pack; written part by part,
    // not copied into one array first.
    let chunks =
      [header[...]]
      + next.keys.sorted(by: { $0.precedesInBytes($1) }).map { key -> ArraySlice<UInt8> in
        switch next[key]! {
        case .old(let range): return pack[range]
        case .new(let record): return record[...]
        }
      }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      failure = "cannot create the cache folder \(folder)"
      return
    }
    do {
      try FileSystem.writeAtomically(chunks: chunks, to: path)
    } catch {
      failure = error.description
    }
  }

  /// Starts reading the pack on a thread of its own, so that it is read while the project's
  /// files are found; the first lookup waits for it, and `save` joins the thread. Joined, not
  /// handed to a dispatch queue: when the load returns, everything the reading allocated has
  /// been freed or belongs to this cache, so the fuzzer's leak check sees a run's allocations
  /// balance (on a queue, the block was freed whenever the queue got to it, and every fuzzing
  /// run paid for a full leak scan).
  func prefetch() {
    #if canImport(Glibc)
      guard let thread = ThreadStart.joinable({ [self] in loadOnce() }) else { return }
      lock.lock()
      prefetching = thread
      lock.unlock()
    #endif
  }

  /// Waits for the thread `prefetch` started, if any.
  private func joinPrefetch() {
    #if canImport(Glibc)
      lock.lock()
      let thread = prefetching
      prefetching = nil
      lock.unlock()
      if let thread { pthread_join(thread, nil) }
    #endif
  }

  deinit {
    // A prefetch never joined (a load that ended before saving) must not leave a zombie thread.
    #if canImport(Glibc)
      if let thread = prefetching { pthread_detach(thread) }
    #endif
  }

  /// Reads the pack, once; one that is missing, too large or damaged anywhere gives no entries.
  private func loadOnce() {
    lock.lock()
    defer { lock.unlock() }
    if loaded { return }
    loaded = true
    guard case .bytes(let bytes) = FileSystem.read(atAbsolute: path, limit: ModelCache.maximumPackSize),
      let entries = ModelCache.entries(of: bytes, identity: identity)
    else { return }
    pack = bytes
    index = entries
  }

  /// Where each entry lies in a pack, or nil when the pack is not one of this build's or is
  /// damaged: cut short, longer than its records, or holding a path twice.
  private static func entries(of pack: [UInt8], identity: [UInt8]) -> [String: Entry]? {
    pack.withUnsafeBytes { raw -> [String: Entry]? in
      var reader = PackReader(raw: raw)
      guard let magic = reader.take(ModelCache.magic.count), magic.elementsEqual(ModelCache.magic),
        let stored = reader.take(identity.count), stored.elementsEqual(identity),
        let count = reader.uint64(), count <= UInt64(raw.count)
      else { return nil }
      var index: [String: Entry] = [:]
      index.reserveCapacity(Int(count))
      for _ in 0..<count {
        let start = reader.offset
        guard let name = reader.lengthPrefixed(), let bytes = reader.lengthPrefixed(),
          let archive = reader.lengthPrefixed()
        else { return nil }
        let key = String(decoding: raw[name], as: UTF8.self)
        guard index[key] == nil else { return nil }
        index[key] = Entry(record: start..<reader.offset, bytes: bytes, archive: archive)
      }
      return reader.offset == raw.count ? index : nil
    }
  }

  private func equal(_ stored: UnsafeRawBufferPointer, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { now in
      stored.count == now.count
        && (now.count == 0 || memcmp(stored.baseAddress!, now.baseAddress!, now.count) == 0)
    }
  }

  private struct PackReader {
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

    /// The range of a length-prefixed part.
    mutating func lengthPrefixed() -> Range<Int>? {
      guard let n = uint64(), n <= UInt64(raw.count - offset) else { return nil }
      let start = offset
      offset += Int(n)
      return start..<offset
    }
  }
}
