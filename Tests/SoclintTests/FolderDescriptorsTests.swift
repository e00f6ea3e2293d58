import Foundation
import Glibc
import Testing

@testable import SoclintModel

/// Files are opened by name under their folder's descriptor; these hold the descriptors to the
/// folders they stand for, and every file to the same bytes however it is opened.
@Suite struct FolderDescriptorsTests {
  /// The bytes of `path` under `folder`, as the reading opens it.
  func contents(_ location: (folder: Int32, path: String)) -> String? {
    let fd = openat(location.folder, location.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = read(fd, &buffer, buffer.count)
    return n < 0 ? nil : String(decoding: buffer[..<n], as: UTF8.self)
  }

  func project(_ files: [String]) throws -> URL {
    let root = try Support.temporaryFolder()
    for path in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try path.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test func eachFileIsOpenedByNameUnderItsOwnFolder() throws {
    let files = ["top.yaml", "Controls/a.yaml", "Controls/b.yaml", "Controls/deep/c.yaml", "Other/a.yaml"]
    let root = try project(files)
    let rootFolder = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    defer { close(rootFolder) }
    let folders = FolderDescriptors(root: rootFolder)
    for path in files + files.reversed() {
      let location = try #require(folders.location(of: path))
      // Each file holds its own path, so a descriptor of the wrong folder reads another text,
      // or nothing.
      #expect(contents(location) == path, "\(path) opened as \(location.path)")
      #expect(location.path == (path.split(separator: "/").last.map(String.init) ?? path))
      #expect((location.folder == rootFolder) == !path.contains("/"), "\(path)")
    }
    // The folders of the same name under different parents are different folders.
    #expect(folders.location(of: "Controls/a.yaml")?.folder != folders.location(of: "Other/a.yaml")?.folder)
  }

  @Test func beyondTheLimitFilesAreOpenedUnderTheRoot() throws {
    let files = (0..<(FolderDescriptors.limit + 5)).map { "F\($0)/x.yaml" }
    let root = try project(files)
    let rootFolder = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    defer { close(rootFolder) }
    let folders = FolderDescriptors(root: rootFolder)
    var underTheRoot = 0
    for path in files {
      let location = try #require(folders.location(of: path))
      #expect(contents(location) == path)
      if location.folder == rootFolder {
        underTheRoot += 1
        #expect(location.path == path)
      }
    }
    #expect(underTheRoot == 5)
  }

  @Test func aFolderThatCannotBeOpenedLeavesItsFilesToTheRoot() throws {
    let root = try project(["plain.yaml"])
    let rootFolder = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    defer { close(rootFolder) }
    let folders = FolderDescriptors(root: rootFolder)
    // A "folder" that is a file, and one that does not exist: the file's own open then fails as
    // it did when every file was opened under the root.
    for path in ["plain.yaml/x.yaml", "missing/x.yaml"] {
      let location = try #require(folders.location(of: path))
      #expect(location.folder == rootFolder && location.path == path)
      #expect(contents(location) == nil)
    }
    #expect(FolderDescriptors(root: -1).location(of: "a/b.yaml") == nil)
  }
}
