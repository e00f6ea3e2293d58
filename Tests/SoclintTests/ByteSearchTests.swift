import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintSchema
import Testing

/// The two byte-level shortcuts of reading a project: the search for a suppression marker in
/// every file, and the order of a folder's names.
@Suite struct ByteSearchTests {
  /// The memchr search agrees with a plain search on texts built to trip it: the needle at each
  /// end, overlapping near-misses, repeated prefixes, non-ASCII around it, texts shorter than it.
  @Test func markerSearchAgreesWithAPlainSearch() {
    let needle = "soclint:"
    let texts = [
      "", "s", "soclint", "soclint:", "xsoclint:", "soclint:x", "sosoclint:", "soclinsoclint:",
      "soclint soclint;soclint:", "# soclint: ignore[x]", "é soclint: é", "soclint\u{301}:",
      String(repeating: "soclin", count: 50) + "t:", String(repeating: "a", count: 1000),
      String(repeating: ":tnilcos", count: 20), "a: b\n# soclint:ignore-file[x]\n",
    ]
    for text in texts {
      let file = SourceFile(path: "x.yaml", text: text)
      #expect(file.contains(ascii: needle) == text.utf8.contains(needle.utf8), "\(text)")
      #expect(file.contains(ascii: "") == true)
    }
    for i in 0..<40 {
      // The needle at every offset of a text of 40 bytes.
      let text = String(repeating: "x", count: i) + needle + String(repeating: "y", count: 40 - i)
      #expect(SourceFile(path: "x.yaml", text: text).contains(ascii: needle))
    }
  }

  /// A file made from the bytes read is the file made from their text: the same text, lines,
  /// line by number and comment marker, with CRLF and CR, characters of several bytes, no final
  /// line break, and invalid UTF-8 (repaired in the text as in each line).
  @Test func aFileFromBytesIsTheFileFromItsText() {
    let samples: [[UInt8]] = [
      [], Array("a: b\n".utf8), Array("a: b".utf8), Array("a: b\r\nc: d\r\n".utf8),
      Array("a: \r\r\nb\r".utf8), Array("é: ü\n# ☃ soclint:\n\n".utf8), Array("\n\n\n".utf8),
      [0x61, 0x3A, 0x20, 0xC3, 0x0A, 0x62, 0xFF, 0x0D, 0x0A, 0xE2, 0x98], [0x23, 0xF0, 0x9F, 0x98, 0x80],
    ]
    for bytes in samples {
      let read = SourceFile(path: "x.yaml", utf8: bytes)
      let made = SourceFile(path: "x.yaml", text: String(decoding: bytes, as: UTF8.self))
      #expect(read.text == made.text, "\(bytes)")
      #expect(read.lines == made.lines, "\(bytes)")
      for n in 0...(made.lines.count + 1) { #expect(read.line(n) == made.line(n), "\(bytes) line \(n)") }
      #expect(read.mayHoldComment == made.mayHoldComment, "\(bytes)")
      #expect(read.contains(ascii: "soclint:") == made.contains(ascii: "soclint:"), "\(bytes)")
    }
  }

  /// Paths joined in one allocation are the paths `+` makes.
  @Test func joinedPathsAreThePlainConcatenation() {
    let parts = [
      "", "a", "Controls", "Controls/generated", "é/ü", "/abs/root", String(repeating: "x", count: 300),
    ]
    for a in parts {
      for b in parts { #expect(FileSystem.join(a, b) == a + "/" + b) }
    }
  }

  /// A path can be given to the system unless it holds a NUL, wherever it is.
  @Test func pathsWithANulAreNotRepresentable() {
    let long = String(repeating: "controls/", count: 20)
    for path in ["", "a", "/abs/é", long, "\u{0}", "a\u{0}", "\u{0}a", long + "\u{0}", "x\u{0}" + long] {
      #expect(FileSystem.isRepresentable(path) == !path.utf8.contains(0), "\(path.debugDescription)")
    }
  }

  /// JSON Pointers made in one allocation are the pointers interpolation makes, and read back.
  @Test func appendedPointersAreThePlainConcatenation() {
    for pointer in ["", "/evidence", "/criteria/soc2", "/évidence/" + String(repeating: "x", count: 40)] {
      for index in [0, 7, 12, 1_000_000] {
        #expect(JSONPointer.appending(index: index, to: pointer) == "\(pointer)/\(index)")
      }
      for token in ["id", "last_collected", "", JSONPointer.escape("a/b~c")] {
        #expect(JSONPointer.appending(token, to: pointer) == "\(pointer)/\(token)")
      }
    }
    #expect(
      JSONPointer.tokens(JSONPointer.appending(JSONPointer.escape("a/b~c"), to: "/criteria")) == [
        "criteria", "a/b~c",
      ])
  }

  /// A folder's names come back in byte order whatever their first 16 bytes share.
  @Test(arguments: [false, true]) func namesAreSortedByBytes(withNonASCII: Bool) throws {
    let folder = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Without a name beyond ASCII the order is the byte sort's alone (see `entries`).
    let names =
      [
        "GEN-00010.yaml", "GEN-00002.yaml", "GEN-0000000000000001.yaml", "GEN-0000000000000001.yml",
        "GEN-000000000000000.yaml", "b", "a", "ab", "Z", "e.yaml", "zzzzzzzzzzzzzzzzzz1",
        "zzzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzz", "zzzzzzzzzzzzzzzzzzzzzzzzb",
        "zzzzzzzzzzzzzzzzzzzzzzzza",
      ] + (withNonASCII ? ["é.yaml"] : [])
    for name in names { try Data().write(to: folder.appendingPathComponent(name)) }
    let listed = FileSystem.entries(ofAbsolute: folder.path).map(\.name)
    #expect(listed == names.sorted { $0.precedesInBytes($1) })
    #expect(listed.count == names.count)
  }

  /// A name that is not UTF-8 is listed as its text reads (U+FFFD for each bad byte) and takes
  /// that text's place in the order, as every other name does; each entry keeps its type.
  @Test func namesThatAreNotUTF8AreOrderedAsTheyRead() throws {
    let folder = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 0xFF sorts after every ASCII byte, but its replacement (EF BF BD) before 0xF0 bytes.
    let raw: [[UInt8]] = [
      Array("b.yaml".utf8), [0x61, 0xFF, 0x2E, 0x79], Array("a.yaml".utf8), Array("a\u{1F600}".utf8),
      Array("aa".utf8), [0x7A, 0xC3],
    ]
    for name in raw {
      let path = Array(folder.path.utf8) + [0x2F] + name + [0]
      let fd = path.withUnsafeBufferPointer { p in
        p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
      }
      try #require(fd >= 0)
      close(fd)
    }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("dir"), withIntermediateDirectories: false)
    let listed = FileSystem.entries(ofAbsolute: folder.path)
    let expected = (raw.map { String(decoding: $0, as: UTF8.self) } + ["dir"]).sorted {
      $0.precedesInBytes($1)
    }
    #expect(listed.map(\.name) == expected)
    #expect(listed.map(\.name).contains("a\u{FFFD}.y"))
    #expect(listed.first { $0.name == "dir" }?.type == .directory)
    #expect(listed.filter { $0.type == .file }.count == raw.count)
  }
}

extension String.UTF8View {
  fileprivate func contains(_ other: String.UTF8View) -> Bool {
    let hay = Array(self)
    let n = Array(other)
    guard !n.isEmpty else { return true }
    guard hay.count >= n.count else { return false }
    return (0...(hay.count - n.count)).contains { Array(hay[$0..<$0 + n.count]) == n }
  }
}
