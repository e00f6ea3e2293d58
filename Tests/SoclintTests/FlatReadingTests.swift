import Foundation
import Testing

@testable import SoclintModel

/// A project read with files of plain controls read flat is the project read into nodes: every
/// model value, mark, pointer and path status, and every finding.
@Suite struct FlatReadingTests {
  /// The project at `root` as `ModelCacheTests.render` shows it, read flat or into nodes; nil
  /// for a fixture whose configuration cannot be read.
  static func render(_ root: URL, flat: Bool) throws -> String? {
    var loader = Support.loader
    loader.readsFlat = flat
    return try? ModelCacheTests.render(root, cache: nil, loader: loader)
  }

  @Test func flatReadingReadsAsTheNodes() throws {
    var compared = 0
    for root in try Support.projectRoots() {
      guard let nodes = try FlatReadingTests.render(root, flat: false) else { continue }
      let flat = try #require(try FlatReadingTests.render(root, flat: true))
      ModelCacheTests.expectSame(flat, nodes, root.lastPathComponent)
      compared += 1
    }
    #expect(compared > 20)
  }

  /// The example with what its files do not show: an extension key under `criteria`, a file
  /// of two controls and an empty document, a control with a finding beside a clean one.
  @Test func variedControlsReadAsTheNodes() throws {
    let root = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    for name in ["Controls", ".soclint.yaml"] {
      try FileManager.default.copyItem(
        at: Support.packageRoot.appendingPathComponent(name), to: root.appendingPathComponent(name))
    }
    let folder = root.appendingPathComponent("Controls")
    let ac02 = folder.appendingPathComponent("access/AC-02.yaml")
    var text = try String(contentsOf: ac02, encoding: .utf8)
    text = text.replacingOccurrences(of: "criteria:\n", with: "criteria:\n  x-note: [kept aside]\n")
    let second = text.replacingOccurrences(of: "id: AC-02", with: "id: AC-92")
    let broken = text.replacingOccurrences(of: "id: AC-02", with: "id: AC-93").replacingOccurrences(
      of: "frequency:", with: "frequency: [", options: [], range: nil)
    try (text + "---\n" + second + "---\n").write(to: ac02, atomically: true, encoding: .utf8)
    // A control whose kind is quoted is read into nodes, and reads the same.
    try second.replacingOccurrences(of: "AC-92", with: "AC-95").replacingOccurrences(
      of: "kind: control", with: "kind: \"control\""
    ).write(to: folder.appendingPathComponent("access/AC-95.yaml"), atomically: true, encoding: .utf8)
    try ("---\n" + second.replacingOccurrences(of: "AC-92", with: "AC-94") + "---\n" + broken).write(
      to: folder.appendingPathComponent("access/AC-9x.yaml"), atomically: true, encoding: .utf8)
    let nodes = try #require(try FlatReadingTests.render(root, flat: false))
    let flat = try #require(try FlatReadingTests.render(root, flat: true))
    #expect(nodes.contains("AC-92") && nodes.contains("AC-94") && nodes.contains("AC-95"))
    ModelCacheTests.expectSame(flat, nodes, "varied")
  }

  /// The example's control files are read flat: the comparison above covers the flat path.
  @Test func theExamplesControlsAreReadFlat() throws {
    let root = Support.packageRoot.appendingPathComponent("Controls")
    var controls = 0
    var flat = 0
    let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
      guard url.pathExtension == "yaml" else { continue }
      let bytes = try [UInt8](Data(contentsOf: url))
      let text = String(decoding: bytes, as: UTF8.self)
      guard text.contains("kind: control") else { continue }
      controls += 1
      if Support.loader.readFlatControls(path: url.path, bytes: bytes, utf8: bytes, root: root.path) != nil {
        flat += 1
      }
    }
    #expect(controls > 20 && flat == controls, "\(flat) of \(controls) control files read flat")
  }
}
