import SoclintDiagnostics
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Open descriptors of the folders a reading opens files in, each opened once under the
/// project's root, so that a file is opened by its name alone under its folder's descriptor.
///
/// Opened under the root's descriptor as `Controls/generated/GEN-00001.yaml`, each of 10,000
/// files had the kernel look up `Controls` and `generated` again: opening and closing them took
/// 20 ms against 18.4 ms by name under the folder (a C program, five runs each). A folder's
/// path is resolved once, as each file's path was (its links followed, as before; the file
/// itself is still opened without following a link). Where a folder cannot be opened, its files
/// are opened under the root as before, and fail or not as they did.
///
/// At most `limit` folders are held open, and none is closed before the reading ends (a
/// descriptor closed while another thread opens a file under it could be reused for another
/// folder): the files of further folders are opened under the root, so a project of thousands
/// of folders does not run out of descriptors.
final class FolderDescriptors: Sendable {
  static let limit = 64
  private let root: Int32
  private struct State {
    /// Folders by their project-relative path; -1 for one opened under the root instead.
    var opened: [String: Int32] = [:]
    /// How many descriptors `opened` holds.
    var held = 0
    /// Whether `closeAll` has run: files are then opened by their absolute paths.
    var closed = false
    /// The last folder asked for: files come folder by folder, so most asks hit it.
    var last: (path: String, descriptor: Int32)? = nil
  }
  private let state = Mutex(State())

  /// Descriptors under `root`, an open descriptor of the project's root folder (or -1, when
  /// every file is opened by its absolute path).
  init(root: Int32) {
    self.root = root
  }

  /// Where to open the file at `rel` (project-relative): a folder's descriptor, and the UTF-8
  /// offset in `rel` of the file's path under it (after the last `/`, or 0 under the root); nil
  /// when there is no root descriptor. Asked for every file, so it makes no string unless the
  /// folder is new: a folder path and a name made for each file were 2,200 instructions a file.
  func location(of rel: String) -> (folder: Int32, from: Int)? {
    guard root >= 0 else { return nil }
    let slash = FolderDescriptors.lastSlash(in: rel) ?? 0
    // nil once closed; -1 for a file opened under the root.
    let descriptor = state.withLock { state -> Int32? in
      if state.closed { return nil }
      if slash == 0 { return -1 }
      if let last = state.last, FolderDescriptors.isPrefix(last.path, of: rel, count: slash) {
        return last.descriptor
      }
      let folder = String(decoding: rel.utf8.prefix(slash), as: UTF8.self)
      let descriptor: Int32
      if let known = state.opened[folder] {
        descriptor = known
      } else {
        descriptor =
          state.held < FolderDescriptors.limit ? FileSystem.openFolder(folder, under: root) : -1
        if descriptor >= 0 { state.held += 1 }
        state.opened[folder] = descriptor
      }
      state.last = (folder, descriptor)
      return descriptor
    }
    guard let descriptor else { return nil }
    return descriptor >= 0 ? (descriptor, slash + 1) : (root, 0)
  }

  /// Closes every folder's descriptor, once the reading is done: a reading thread that starts
  /// later (see `ParallelMap.map(jobs:feeding:sortedBy:_:)`) takes nothing, and any later ask
  /// gets nil, so that no file is opened under a descriptor closed and perhaps reused. Without
  /// it the descriptors stayed open until such a late thread let go of the reading.
  func closeAll() {
    state.withLock { state in
      for descriptor in state.opened.values { FileSystem.closeFolder(descriptor) }
      state.opened = [:]
      state.last = nil
      state.held = 0
      state.closed = true
    }
  }

  /// The UTF-8 offset of the last `/` in `path`.
  private static func lastSlash(in path: String) -> Int? {
    path.withBorrowedUTF8 { $0.lastIndex(of: UInt8(ascii: "/")) }
  }

  /// Whether `folder` is the first `count` bytes of `path`.
  private static func isPrefix(_ folder: String, of path: String, count: Int) -> Bool {
    guard folder.utf8.count == count else { return false }
    return folder.withBorrowedUTF8 { f in
      path.withBorrowedUTF8 { p in memcmp(f.baseAddress!, p.baseAddress!, count) == 0 }
    }
  }

  deinit {
    closeAll()
  }
}
