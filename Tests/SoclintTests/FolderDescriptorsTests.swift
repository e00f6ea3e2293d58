import Foundation
import Glibc
import SoclintRules
import Testing

@testable import SoclintModel

/// Files are opened by name under their folder's descriptor; these hold the descriptors to the
/// folders they stand for, and every file to the same bytes however it is opened.
@Suite struct FolderDescriptorsTests {
  /// The text of the file `rel` opened at `location`, as the reading opens it.
  func contents(_ rel: String, _ location: (folder: Int32, from: Int)) -> String? {
    let fd = openat(location.folder, under(rel, location), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = read(fd, &buffer, buffer.count)
    return n < 0 ? nil : String(decoding: buffer[..<n], as: UTF8.self)
  }

  /// The part of `rel` opened under the location's folder.
  func under(_ rel: String, _ location: (folder: Int32, from: Int)) -> String {
    String(decoding: rel.utf8.dropFirst(location.from), as: UTF8.self)
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
    // Folders one after the other whose paths share a start, or a length: each is its own.
    let files = [
      "top.yaml", "Controls/a.yaml", "Controls2/a.yaml", "Controls/b.yaml", "Controlz/a.yaml",
      "Controls/deep/c.yaml", "Other/a.yaml",
    ]
    let root = try project(files)
    let rootFolder = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    defer { close(rootFolder) }
    let folders = FolderDescriptors(root: rootFolder)
    for path in files + files.reversed() {
      let location = try #require(folders.location(of: path))
      // Each file holds its own path, so a descriptor of the wrong folder reads another text,
      // or nothing.
      #expect(contents(path, location) == path, "\(path) opened as \(under(path, location))")
      #expect(under(path, location) == (path.split(separator: "/").last.map(String.init) ?? path))
      #expect((location.folder == rootFolder) == !path.contains("/"), "\(path)")
    }
    // The folders of the same name under different parents are different folders.
    #expect(folders.location(of: "Controls/a.yaml")?.folder != folders.location(of: "Other/a.yaml")?.folder)
  }

  /// The descriptors this process holds open on something inside `folder`. Other tests run at
  /// the same time, so only those under this test's own folder are counted.
  func descriptors(inside folder: URL) -> Int {
    let prefix = folder.resolvingSymlinksInPath().path + "/"
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return open.filter { fd in
      let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
      return target.map { ($0 + "/").hasPrefix(prefix) } ?? false
    }.count
  }

  @Test func aLoadLeavesNoFolderOpen() throws {
    let root = try Support.write(
      Example([
        ("Controls/a/one.yaml", Example.goodControl),
        ("Controls/b/two.yaml", Example.goodControl.replacingOccurrences(of: "AC-01", with: "AC-02")),
      ]).project)
    for _ in 0..<3 {
      let result = try Support.lint(root)
      #expect(result.project.controls.count == 2)
      #expect(result.findings.allSatisfy { $0.severity != .error }, "\(result.findings)")
    }
    #expect(descriptors(inside: root) == 0)
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
      #expect(contents(path, location) == path)
      if location.folder == rootFolder {
        underTheRoot += 1
        #expect(location.from == 0)
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
      #expect(location.folder == rootFolder && location.from == 0)
      #expect(contents(path, location) == nil)
    }
    #expect(FolderDescriptors(root: -1).location(of: "a/b.yaml") == nil)
    // Once closed, nothing is opened under a descriptor that may have been reused.
    folders.closeAll()
    #expect(folders.location(of: "plain.yaml") == nil && folders.location(of: "a/b.yaml") == nil)
  }
}
