import Foundation
import SoclintYAML
import Testing

/// A file read flat is the file the loader reads, value for value; anything the flat form does
/// not hold is left to the loader.
@Suite struct FlatYAMLTests {
  /// Every YAML file of the fixtures and the example.
  static func files() throws -> [(path: String, bytes: [UInt8])] {
    var found: [(String, [UInt8])] = []
    for folder in [Support.fixtures, Support.packageRoot.appendingPathComponent("Controls")] {
      let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
        found.append((url.path, try [UInt8](Data(contentsOf: url))))
      }
    }
    return found
  }

  /// What `read` gives, against the loader: nil, or the same trees and no problem.
  static func expectAsTheLoader(_ bytes: [UInt8], _ what: String) -> Bool {
    let loaded = YAMLLoader().load(bytes)
    guard let flat = FlatYAML.read(bytes) else { return false }
    #expect(loaded.problems.isEmpty, "\(what): read flat, but the loader finds \(loaded.problems)")
    ModelCacheTests.expectSame(ModelCacheTests.describe(flat.file), ModelCacheTests.describe(loaded), what)
    return true
  }

  @Test func filesReadFlatAreTheLoadersFiles() throws {
    var flat = 0
    let files = try FlatYAMLTests.files()
    for (path, bytes) in files where FlatYAMLTests.expectAsTheLoader(bytes, path) { flat += 1 }
    // Most files are plain YAML; the fixtures that are not (anchors, syntax errors...) are not.
    #expect(flat > files.count / 2)
    #expect(flat < files.count)
  }

  /// Each line of a plain document changed in one way: a style, a key, a value's type.
  @Test func variantsReadFlatAreTheLoaders() {
    let base = """
      kind: control
      id: AC-01
      title: 'Quarterly review'
      description: >
        Security reviews every account
        each quarter.
      criteria:
        soc2: [CC6.1, CC6.2]
      evidence:
        - id: ticket
          last_collected: 2026-10-01
          count: 3
          ratio: 0.5
          done: true
          nothing: ~
          "quoted key": "x: y"
        - []
        - {}
      tags: [a, b]

      """
    var cases: [String] = [
      base, "", "---\n", "a: 1\n---\nb: 2\n", "- 1\n- - 2\n", "k: |\n  one\n  two\n", "x\n",
    ]
    let lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let changes: [(String) -> String] = [
      { $0.replacingOccurrences(of: ": ", with: ": \"") + "\"" },
      { $0.replacingOccurrences(of: "id:", with: "'id':") },
      { $0 + " # a comment" },
      { $0.replacingOccurrences(of: "AC-01", with: "12") },
      { $0.replacingOccurrences(of: "control", with: "null") },
    ]
    for i in lines.indices {
      for change in changes {
        var changed = lines
        changed[i] = change(changed[i])
        cases.append(changed.joined(separator: "\n"))
      }
    }
    var flat = 0
    for text in cases where FlatYAMLTests.expectAsTheLoader(Array(text.utf8), text) { flat += 1 }
    #expect(flat > cases.count / 2)
  }

  /// A repeated key, of any length, makes the file the loader's to read (nil here), as does a
  /// merge key; keys that differ only past their eighth byte are not repeated, nor is a quoted
  /// `<<`. Keys longer than eight bytes are compared by the bytes kept for them.
  @Test func repeatedKeysAreToldByTheirWholeText() {
    let cases: [(String, Bool)] = [
      ("abcdefgh: 1\nabcdefgh: 2\n", false), ("abcdefghi: 1\nabcdefghi: 2\n", false),
      ("abcdefghi: 1\nabcdefghj: 2\n", true), ("abcdefgh: 1\nabcdefghi: 2\n", true),
      ("a: {long-key-name: 1, long-key-namf: 2}\n", true),
      ("a: {long-key-name: 1, long-key-name: 2}\n", false),
      ("x: [{abcdefghij: 1}, {abcdefghij: 2}]\nabcdefghij: 3\n", true), ("<<: {a: 1}\n", false),
      ("'<<': 1\n", true),
    ]
    for (text, readFlat) in cases {
      #expect((FlatYAML.read(Array(text.utf8)) != nil) == readFlat, "\(text)")
    }
  }

  /// A key is found by its length and first eight bytes, and a longer one by its bytes too:
  /// keys that share both, or differ only past the eighth byte, are told apart, on either side
  /// of the sixteen bytes a looked-up key keeps in itself (`FlatYAML.Key`).
  @Test func pairsAreFoundByTheirWholeKey() throws {
    let keys = [
      "a", "ab", "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "abcdefgh1", "frequency", "frequencz",
      "\u{E9}", "e\u{301}", "\"quoted\"", "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq",
      "abcdefghijklmnopr", "abcdefghijklmno\u{E9}", "abcdefghijklmnopqrstuvwxyz",
    ]
    let text = keys.enumerated().map { "'\($1)': \($0)\n" }.joined()
    let yaml = try #require(FlatYAML.read(Array(text.utf8)))
    let root = try #require(yaml.roots.first)
    let probes = [
      "abcdefg", "abcdefghk", "", "frequenc", "e", "abcdefghijklmno", "abcdefghijklmnpp",
      "abcdefghijklmnopqr",
      "abcdefghijklmnopqrstuvwxyy", "abcdefghijklmno\u{E8}",
    ]
    for probe in keys + probes {
      let expected = keys.firstIndex { Array($0.utf8) == Array(probe.utf8) }
      let found = yaml.pairIndex(probe, in: root).map { yaml.keyText(yaml.pairs[$0]) }
      #expect(found.map { Array($0.utf8) } == expected.map { Array(keys[$0].utf8) }, "\(probe)")
    }
  }

  /// A table of keys finds, in one pass, the pair each of its keys finds alone: among keys that
  /// share a length and first eight bytes, differ past the eighth or sixteenth byte, or are
  /// not in the table; in a mapping that has some of its keys, all, or none.
  @Test func aKeyTableFindsWhatEachKeyFinds() throws {
    let all = [
      "id", "title", "description", "owner", "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj",
      "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "last_collected", "last_reviewed", "x", "",
    ]
    let tables = [
      FlatYAML.KeyTable(["id", "title", "abcdefghi", "abcdefghijklmnoq", "missing", "last_reviewed"]),
      FlatYAML.KeyTable(all), FlatYAML.KeyTable(["nothing-here", "nor-this"]), FlatYAML.KeyTable([]),
    ]
    let documents = [
      all.enumerated().map { "'\($1)': \($0)\n" }.joined(),
      "title: t\nabcdefghj: 1\nabcdefghijklmnopq: 2\nother: 3\n",
      "{}\n",
      "[a, b]\n",
      "plain\n",
    ]
    for text in documents {
      let yaml = try #require(FlatYAML.read(Array(text.utf8)), "\(text)")
      let root = try #require(yaml.roots.first)
      for table in tables {
        let found = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, table.keys.count))
        defer { found.deallocate() }
        yaml.find(table, in: root, found)
        for (k, key) in table.keys.enumerated() {
          let alone = yaml.values[Int(root)].isMapping ? yaml.pairIndex(key, in: root) : nil
          #expect(found[k] == Int32(alone ?? -1), "\(key.text) in \(text.debugDescription)")
        }
      }
    }
  }

  /// What the flat form does not hold goes to the loader.
  @Test func theRestIsLeftToTheLoader() {
    let wide = (0..<100).map { "k\($0): \($0)\n" }.joined()
    let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
    let notFlat = [
      "a: &x 1\nb: *x\n", "a: !!str 1\n", "base: &b {x: 1}\nc:\n  <<: *b\n", "a: 1\na: 2\n",
      "1: one\n", "? [a]\n: b\n", "a: [1\n", "a: \"\\x\"\n", wide, deep, "true: x\n", ": x\n",
      "<<: {a: 1}\n",
    ]
    for text in notFlat {
      #expect(FlatYAML.read(Array(text.utf8)) == nil, "\(text)")
    }
    #expect(FlatYAML.read([0x61, 0x3A, 0x20, 0xFF, 0x0A]) == nil, "invalid UTF-8")
    #expect(FlatYAML.read(Array("a: 1\n".utf8)) != nil)
  }

  /// A file whose bytes `Encoding.firstProblem` finds wrong is never read flat (the flat reading
  /// leaves the check to libyaml), wherever the bad bytes are: in a value, a key, a comment, a
  /// quoted or block scalar, or at the very end.
  @Test(
    arguments: [
      [0x00], [0xFF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
      [0xF0, 0x80, 0x80, 0x80],
      [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xC3], [0xE2, 0x82], [0xC3, 0x41],
    ] as [[UInt8]])
  func badBytesAreNeverReadFlat(bad: [UInt8]) {
    let places: [(String, String)] = [
      ("a: x", " y\n"), ("k", ": 1\n"), ("a: 1 # ", "\n"), ("a: \"", "\"\n"), ("a: |\n  ", "\n"),
      ("- '", "'\n"), ("a: 1\n", ""), ("", "a: 1\n"),
    ]
    for (before, after) in places {
      let bytes = Array(before.utf8) + bad + Array(after.utf8)
      #expect(Encoding.firstProblem(in: bytes) != nil, "\(bytes)")
      #expect(FlatYAML.read(bytes) == nil, "\(bytes)")
      #expect(FlatYAML.read([0xEF, 0xBB, 0xBF] + bytes) == nil, "\(bytes) after a byte order mark")
    }
  }
}

/// The comparison the fuzzer makes of a flat reading with the loader's tells them apart.
@Test func flatComparisonTellsReadingsApart() throws {
  let text = "a: .nan\nb: [x, 'y']\nc: {d: 1}\n"
  let flat = try #require(FlatYAML.read(Array(text.utf8)))
  #expect(flat.isSame(as: YAMLLoader().load(text)))
  for other in [
    "a: .nan\nb: [x, y]\nc: {d: 1}\n", "a: .nan\nb: [x, 'y']\nc: {d: 2}\n",
    "a: .inf\nb: [x, 'y']\nc: {d: 1}\n", "a: .nan\nb: [x, 'y']\nc: {d: 1}\n---\n",
  ] {
    #expect(!flat.isSame(as: YAMLLoader().load(other)), "\(other)")
  }
}
