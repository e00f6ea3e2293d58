import Foundation
import Testing

/// A rule of the source tree that keeps it easy to read: no function over 80 lines.
@Suite struct SourceTreeTests {
  static func swiftFiles() -> [URL] {
    let sources = Support.packageRoot.appendingPathComponent("Sources")
    let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    var out: [URL] = []
    while let url = walker?.nextObject() as? URL {
      if url.pathExtension == "swift" { out.append(url) }
    }
    return out.sorted { $0.path < $1.path }
  }

  /// A function, initialiser or accessor body counted from its declaration to its closing
  /// brace; string literals are blanked first so their braces do not count.
  @Test func noFunctionIsOver80Lines() throws {
    let declaration = try Regex(
      #"^\s*(@\w+\s+)*((public|private|package|internal|fileprivate|static|mutating|override|nonisolated)\s+)*(func |init[?(<])"#
    )
    let literal = try Regex(#""(\\.|[^"\\])*""#)
    var long: [String] = []
    for url in Self.swiftFiles() {
      let lines = try String(contentsOf: url, encoding: .utf8).split(
        separator: "\n", omittingEmptySubsequences: false
      )
      .map { $0.replacing(literal, with: "\"\"") }
      var i = 0
      while i < lines.count {
        defer { i += 1 }
        guard lines[i].firstMatch(of: declaration) != nil else { continue }
        var depth = 0
        var opened = false
        var j = i
        while j < lines.count {
          let opens = lines[j].filter { $0 == "{" }.count
          depth += opens - lines[j].filter { $0 == "}" }.count
          if opens > 0 { opened = true }
          if opened && depth <= 0 { break }
          j += 1
        }
        if j - i + 1 > 80 { long.append("\(url.lastPathComponent):\(i + 1) (\(j - i + 1) lines)") }
      }
    }
    #expect(long.isEmpty, "functions over 80 lines: \(long)")
  }
}
