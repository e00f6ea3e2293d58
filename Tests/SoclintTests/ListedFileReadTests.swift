import Foundation
import Glibc
import Testing

@testable import SoclintModel

/// A file the folder's listing called regular is read before it is checked; whatever the read
/// meets, the result is the one the check-first reading gives.
@Suite struct ListedFileReadTests {
  /// What reading `path` gives, both ways.
  func bothWays(_ path: String, limit: Int = 1 << 20) -> (listed: String, checked: String) {
    func describe(_ read: FileSystem.UnlinkedRead) -> String {
      switch read {
      case .read(.bytes(let b)): return "bytes \(b.count) \(b.reduce(0) { ($0 &* 31) &+ Int($1) })"
      case .read(.tooLarge(let size)): return "too large \(size)"
      case .read(.unreadable): return "unreadable"
      case .notAFile(let type): return "not a file: \(type)"
      }
    }
    return (
      describe(FileSystem.readUnlinked(atAbsolute: path, limit: limit, listedAsFile: true)),
      describe(FileSystem.readUnlinked(atAbsolute: path, limit: limit))
    )
  }

  @Test func everyKindOfEntryReadsAsWhenCheckedFirst() throws {
    let root = try Support.temporaryFolder()
    func file(_ name: String, _ count: Int) throws -> String {
      let path = root.appendingPathComponent(name).path
      let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      return path
    }
    let size = ScratchBuffers.size
    // Empty, small, one short of the scratch buffer, filling it exactly, and larger.
    for (name, count) in [
      ("empty", 0), ("small", 900), ("short", size - 1), ("full", size), ("large", 3 * size + 5),
    ] {
      let path = try file(name, count)
      let (listed, checked) = bothWays(path)
      #expect(listed == checked, "\(name)")
      #expect(checked.hasPrefix("bytes \(count) "), "\(name)")
    }
    // Over the limit: the size reported is the file's, not what was read of it.
    let big = try file("big", 5000)
    #expect(bothWays(big, limit: 1000) == ("too large 5000", "too large 5000"))
    #expect(bothWays(big, limit: 4999) == ("too large 5000", "too large 5000"))
    // A folder, and a FIFO with no writer (never waited for).
    let folder = root.appendingPathComponent("folder").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect(bothWays(folder) == ("not a file: directory", "not a file: directory"))
    let fifo = root.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o644) == 0)
    #expect(bothWays(fifo) == ("not a file: other", "not a file: other"))
  }

  /// Scratch buffers are shared by threads one at a time: reads on many threads at once each
  /// get their own file's bytes.
  @Test func concurrentReadsGetTheirOwnBytes() throws {
    let root = try Support.temporaryFolder()
    let paths = try (0..<64).map { i -> String in
      let path = root.appendingPathComponent("f\(i)").path
      try Data(String(repeating: "\(i),", count: 3000 + i).utf8).write(to: URL(fileURLWithPath: path))
      return path
    }
    let wrong = ParallelMap.map(Array(0..<6400), jobs: 8) { k -> Int in
      let i = k % 64
      guard
        case .read(.bytes(let b)) = FileSystem.readUnlinked(
          atAbsolute: paths[i], limit: 1 << 20, listedAsFile: true)
      else { return 1 }
      return String(decoding: b, as: UTF8.self) == String(repeating: "\(i),", count: 3000 + i) ? 0 : 1
    }
    #expect(wrong.reduce(0, +) == 0)
  }
}
