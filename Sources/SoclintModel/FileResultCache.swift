import Foundation
import SoclintDiagnostics

/// What the loader made of each file the last time it read it, so that a long-running reader
/// (the language server) re-reads only the files whose bytes changed: an edit in one buffer of a
/// project of 10,000 controls parses one file, not 10,000.
///
/// An entry is found by the file's path and a hash of its bytes; a file whose bytes changed
/// gets a new entry in place of the old one. A file's result also depends on the evidence files
/// that exist on disk, which its bytes do not tell: whoever learns that files were created or
/// deleted calls `removeAll()`.
public final class FileResultCache: @unchecked Sendable {
  // @unchecked: every access to `entries` holds `lock`; files are read on several threads.
  private let lock = NSLock()
  private var entries: [String: (digest: String, result: ProjectLoader.FileResult)] = [:]

  /// An empty cache.
  public init() {}

  /// A file's path and the hash of its bytes.
  struct Key {
    let path: String
    let digest: String

    init(path: String, bytes: [UInt8]) {
      self.path = path
      self.digest = FileResultCache.digest(bytes)
    }
  }

  /// 128 bits of FNV-1a over the bytes (StableHash's two seeds) and their count: an accidental
  /// collision between two versions of one file is out of reach.
  static func digest(_ bytes: [UInt8]) -> String {
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x8422_2325_cbf2_9ce4
    for byte in bytes {
      a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return "\(bytes.count):\(String(a, radix: 16)):\(String(b, radix: 16))"
  }

  subscript(key: Key) -> ProjectLoader.FileResult? {
    get {
      lock.lock()
      defer { lock.unlock() }
      guard let entry = entries[key.path], entry.digest == key.digest else { return nil }
      return entry.result
    }
    set {
      lock.lock()
      defer { lock.unlock() }
      entries[key.path] = newValue.map { (key.digest, $0) }
    }
  }

  /// How many files have a result kept.
  public var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return entries.count
  }

  /// Forgets every result: the next load reads every file again.
  public func removeAll() {
    lock.lock()
    defer { lock.unlock() }
    entries.removeAll()
  }
}
