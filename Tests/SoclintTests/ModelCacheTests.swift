import Foundation
import SoclintModel
import SoclintReporters
import SoclintRules
import SoclintYAML
import Testing

/// The archive form and the model cache (`--cache`): a tree rebuilt from its archive is the
/// tree libyaml read, and a run that reuses kept models reports exactly what a run without them
/// reports, on every golden fixture and the example, after an edit, and over damaged entries.
@Suite struct ModelCacheTests {
  /// Every node's kind, marks, tag, anchor, scalar style, text and value, in order; a node met
  /// again (through an alias) is written as a reference to its first place, so that the
  /// sharing of nodes is compared too. A key that its pair keeps without a node (a string with
  /// neither tag nor anchor, which no alias can name) has no identity to compare: each read of
  /// it makes a new node, whose address a later one may take.
  static func describe(_ file: YAMLFile) -> String {
    var out = "spans:" + file.multilineScalars.map { " \($0.start)-\($0.end)" }.joined() + "\n"
    var seen: [ObjectIdentifier: Int] = [:]
    var count = 0
    func node(_ n: Node, _ indent: String, shared: Bool = true) {
      if shared, let first = seen[ObjectIdentifier(n)] {
        out += indent + "@\(first)\n"
        return
      }
      if shared { seen[ObjectIdentifier(n)] = count }
      count += 1
      var head = "\(indent)\(n.start)-\(n.end) tag=\(n.tag ?? "-") anchor=\(n.anchor ?? "-")"
      switch n.content {
      case .scalar(let s):
        let value: String
        if case .float(let d) = s.value { value = "float(\(d.bitPattern))" } else { value = "\(s.value)" }
        head += " \(s.style) \(Array(s.text.utf8)) \(value)"
        out += head + "\n"
      case .sequence(let items):
        out += head + " list\n"
        for item in items { node(item, indent + "  ") }
      case .mapping(let pairs):
        out += head + " map\n"
        for pair in pairs {
          node(pair.key, indent + "  ", shared: pair.keyNode != nil)
          node(pair.value, indent + "    ")
        }
      }
    }
    for document in file.documents {
      out += "document \(document.index)\n"
      node(document.root, "")
    }
    return out
  }

  /// Expects two descriptions to be equal, naming the first line where they differ.
  static func expectSame(_ rebuilt: String, _ original: String, _ what: String = "") {
    let a = rebuilt.split(separator: "\n", omittingEmptySubsequences: false)
    let b = original.split(separator: "\n", omittingEmptySubsequences: false)
    let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    #expect(
      a == b,
      "\(what) line \(i + 1): rebuilt \(i < a.count ? String(a[i]) : "-"), read \(i < b.count ? String(b[i]) : "-")"
    )
  }

  static let tricky = """
    # every sort of scalar, tags, anchors, aliases and merge keys
    base: &base {a: 1, b: -7, c: 0x1F, d: 0o17, e: 1.5e3, f: .inf, g: -.inf, h: .nan, i: ~, j: true, k: False}
    other:
      <<: *base
      text: "quoted é 日本 🎉"
      single: 'it''s'
      lit: |
        line one
        line two
      fold: >
        folded
        text
      tagged: !!str 123
      custom: !mine value
      list: [*base, &x plain, *x]
      empty:
      zero: -0.0
      big: 9223372036854775807
      small: -9223372036854775808
    ---
    second: doc
    ...
    ---

    """

  /// A file's spans and documents through the archive form, as a model archive writes nodes.
  static func encode(_ file: YAMLFile) -> [UInt8] {
    var w = ArchiveWriter()
    w.number(file.multilineScalars.count)
    for span in file.multilineScalars {
      w.mark(span.start)
      w.mark(span.end)
    }
    w.number(file.documents.count)
    for document in file.documents { w.node(document.root) }
    return w.bytes
  }

  static func archive(_ text: String) throws -> (YAMLFile, [UInt8]) {
    let file = YAMLLoader().load(text)
    #expect(file.problems.isEmpty, "\(file.problems)")
    return (file, encode(file))
  }

  static func decode(_ bytes: [UInt8]) -> YAMLFile? {
    bytes.withUnsafeBytes { raw -> YAMLFile? in
      var r = ArchiveReader(bytes: raw)
      guard let spanCount = r.count(minimumSize: 4) else { return nil }
      var spans: [YAMLFile.Span] = []
      for _ in 0..<spanCount {
        guard let start = r.mark(), let end = r.mark() else { return nil }
        spans.append(YAMLFile.Span(start: start, end: end))
      }
      guard let count = r.count(minimumSize: 6) else { return nil }
      var documents: [YAMLDocument] = []
      for i in 0..<count {
        guard let root = r.node() else { return nil }
        documents.append(YAMLDocument(root: root, index: i))
      }
      guard r.isAtEnd else { return nil }
      return YAMLFile(documents: documents, problems: [], multilineScalars: spans)
    }
  }

  @Test func archiveKeepsEverySortOfNode() throws {
    let (file, bytes) = try Self.archive(Self.tricky)
    let rebuilt = try #require(Self.decode(bytes))
    Self.expectSame(Self.describe(rebuilt), Self.describe(file))
    // The sample does hold what it claims to: shared nodes, tags, anchors, spans, three documents.
    let description = Self.describe(file)
    #expect(description.contains("@"))
    #expect(description.contains("tag=!mine"))
    #expect(description.contains("anchor=base"))
    #expect(file.documents.count == 3)
    #expect(!file.multilineScalars.isEmpty)
  }

  @Test func archiveKeepsCRLFMarks() throws {
    let (file, bytes) = try Self.archive("a: 1\r\nb:\r\n  - \"x\r\n    y\"\r\n  - z\r\n")
    Self.expectSame(Self.describe(try #require(Self.decode(bytes))), Self.describe(file))
  }

  /// Every YAML file of the fixtures and of the example that reads without a problem.
  @Test func archiveRoundTripsEveryCleanFile() throws {
    var checked = 0
    for base in [Support.fixtures, Support.packageRoot.appendingPathComponent("Controls")] {
      let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        guard ["yaml", "yml"].contains(url.pathExtension),
          let data = FileManager.default.contents(atPath: url.path)
        else { continue }
        let file = YAMLLoader().load([UInt8](data))
        guard file.problems.isEmpty else { continue }
        let bytes = Self.encode(file)
        Self.expectSame(Self.describe(try #require(Self.decode(bytes))), Self.describe(file), url.path)
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  /// A damaged archive is refused or read as some tree, never a crash; cut short, always refused.
  @Test func damagedArchiveNeverCrashes() throws {
    let (_, bytes) = try Self.archive(Self.tricky)
    for length in 0..<bytes.count {
      #expect(Self.decode(Array(bytes.prefix(length))) == nil, "cut at \(length)")
    }
    #expect(Self.decode(bytes + [0]) == nil)
    for i in bytes.indices {
      for mask: UInt8 in [0x01, 0x40, 0x80, 0xff] {
        var damaged = bytes
        damaged[i] ^= mask
        _ = Self.decode(damaged)
      }
    }
    // Counts far beyond the bytes left, and nesting beyond any reader's, are refused.
    #expect(Self.decode([0, 1, 0, 1, 1, 1, 1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f]) == nil)
    // Lists in lists, 5,000 deep: each a header (1), four marks of 1 and a count of 1.
    #expect(Self.decode([0, 1] + Array(repeating: [1, 1, 1, 1, 1, 1], count: 5000).flatMap { $0 }) == nil)
  }

  // MARK: - The cache in a run

  static func render(_ dir: URL, cache: ModelCache?, loader: ProjectLoader = Support.loader) throws -> String
  {
    var options = ProjectLoader.Options(configPath: dir.appendingPathComponent(".soclint.yaml").path)
    options.jobs = 2
    options.modelCache = cache
    let project = try loader.load(options)
    let result = Linter(jobs: 2).lint(project, asOf: nil, today: Support.today)
    // The whole project as read (every model value, mark, pointer, path status and file), then
    // what the rules found in it.
    var out = ""
    dump(project, to: &out)
    // Locks print their addresses, which differ from run to run.
    out = out.split(separator: "\n").filter { !$0.contains("pointerValue") }.joined(separator: "\n")
      .replacing(/0x[0-9a-f]{8,16}/, with: "0x…")
    return out
      + TextReporter().render(result, findings: result.findings, context: ReportContext(result: result))
  }

  static func cache(_ base: URL, for dir: URL) -> ModelCache {
    ModelCache(base: base.path, projectRoot: dir.resolvingSymlinksInPath().path, identity: "test")
  }

  /// A run that keeps trees, and one that reuses them, report what a run without them reports.
  @Test(arguments: GoldenTests.fixtureNames)
  func warmRunReportsTheSame(_ name: String) throws {
    let dir = Support.fixtures.appendingPathComponent(name)
    let base = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let plain = try Self.render(dir, cache: nil)
    let cold = Self.cache(base, for: dir)
    Self.expectSame(try Self.render(dir, cache: cold), plain, name)
    let warm = Self.cache(base, for: dir)
    Self.expectSame(try Self.render(dir, cache: warm), plain, name)
    #expect(cold.statistics.reused == 0)
    #expect(warm.statistics.reused == cold.statistics.kept)
    #expect(warm.statistics.kept == 0)
    #expect(cold.writeFailure == nil)
    if name == "clean" { #expect(warm.statistics.reused >= 3) }
  }

  /// The example repository: policies, Type II histories, evidence paths, many owners.
  @Test func exampleWarmRunReportsTheSame() throws {
    let dir = Support.packageRoot
    let base = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let plain = try Self.render(dir, cache: nil)
    let cold = Self.cache(base, for: dir)
    #expect(try Self.render(dir, cache: cold) == plain)
    let warm = Self.cache(base, for: dir)
    #expect(try Self.render(dir, cache: warm) == plain)
    #expect(warm.statistics.reused == cold.statistics.kept && warm.statistics.reused >= 60)
  }

  /// Runs `body` on a copy of the clean fixture and an empty cache folder, then removes both.
  static func withCopyOfClean(_ body: (_ dir: URL, _ base: URL) throws -> Void) throws {
    let dir = try Support.temporaryFolder().appendingPathComponent("project")
    try FileManager.default.copyItem(at: Support.fixtures.appendingPathComponent("clean"), to: dir)
    let base = try Support.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: dir.deletingLastPathComponent())
      try? FileManager.default.removeItem(at: base)
    }
    try body(dir, base)
  }

  static func controlFiles(_ dir: URL) throws -> [URL] {
    let walker = FileManager.default.enumerator(
      at: dir.appendingPathComponent("Controls"), includingPropertiesForKeys: nil)
    var files: [URL] = []
    while let url = walker?.nextObject() as? URL {
      if url.pathExtension == "yaml" { files.append(url) }
    }
    return files
  }

  /// An edited file is read anew: its entry holds other bytes.
  @Test func editedFileIsReadAgain() throws {
    try Self.withCopyOfClean { dir, base in try Self.editedFileIsReadAgain(dir, base) }
  }

  static func editedFileIsReadAgain(_ dir: URL, _ base: URL) throws {
    let cold = Self.cache(base, for: dir)
    _ = try Self.render(dir, cache: cold)
    let control = try #require(
      try Self.controlFiles(dir).first {
        (try? String(contentsOf: $0, encoding: .utf8))?.contains("kind: control") == true
      })
    var text = try String(contentsOf: control, encoding: .utf8)
    text = text.replacingOccurrences(of: "\nowner:", with: "\nowners:")
    try Data(text.utf8).write(to: control)
    let plain = try Self.render(dir, cache: nil)
    #expect(plain.contains("owners"))
    let warm = Self.cache(base, for: dir)
    #expect(try Self.render(dir, cache: warm) == plain)
    #expect(warm.statistics.reused == cold.statistics.kept - 1)
    // A file with a finding is not kept: the next run reads it again too.
    let third = Self.cache(base, for: dir)
    #expect(try Self.render(dir, cache: third) == plain)
    #expect(third.statistics.kept == 0)
    #expect(third.statistics.reused == cold.statistics.kept - 1)
  }

  /// A pack cut short, overwritten with other bytes, with a byte flipped in its header, or
  /// whose entries hold one another's files is not used, and is written again whole.
  @Test func damagedPacksAreIgnoredAndRewritten() throws {
    try Self.withCopyOfClean { dir, base in try Self.damagedPacksAreIgnoredAndRewritten(dir, base) }
  }

  static func damagedPacksAreIgnoredAndRewritten(_ dir: URL, _ base: URL) throws {
    let cold = Self.cache(base, for: dir)
    let plain = try Self.render(dir, cache: cold)
    #expect(cold.statistics.kept >= 3)
    let pack = URL(fileURLWithPath: cold.path)
    let whole = try Data(contentsOf: pack)
    let records = try #require(Self.records(of: whole))
    #expect(records.count == cold.statistics.kept)
    // Each record's file bytes moved to the next record: every path holds another file.
    let rotated = records.indices.map { i -> Data in
      let r = records[i]
      return Self.part(r.path) + Self.part(records[(i + 1) % records.count].bytes) + Self.part(r.archive)
    }
    var swapped = Data(whole.prefix(Self.headerSize))
    for r in rotated { swapped += r }
    var flipped = whole
    flipped[3] ^= 0x20
    let damaged: [(String, Data)] = [
      ("cut", whole.prefix(whole.count / 2)), ("cut by one", whole.dropLast()),
      ("overwritten", Data(repeating: 0x41, count: 300)), ("header", flipped), ("swapped", swapped),
    ]
    for (what, bytes) in damaged {
      try bytes.write(to: pack)
      let after = Self.cache(base, for: dir)
      #expect(try Self.render(dir, cache: after) == plain, "\(what)")
      #expect(after.statistics.reused == 0, "\(what)")
      #expect(after.statistics.kept == records.count, "\(what)")
      #expect(try Data(contentsOf: pack) == whole, "\(what)")
    }
  }

  /// Magic, identity and count.
  static let headerSize = 13 + 32 + 8

  static func part(_ bytes: Data) -> Data {
    var n = UInt64(bytes.count).littleEndian
    return Data(bytes: &n, count: 8) + bytes
  }

  /// The records of a pack, as the test reads its format: a header, then for each file its
  /// path, its bytes and its archive, each after a 64-bit length.
  static func records(of pack: Data) -> [(path: Data, bytes: Data, archive: Data)]? {
    let bytes = [UInt8](pack)
    var offset = headerSize
    func part() -> Data? {
      guard offset + 8 <= bytes.count else { return nil }
      let n = bytes[offset..<offset + 8].reversed().reduce(0) { $0 << 8 | Int($1) }
      guard n <= bytes.count - offset - 8 else { return nil }
      defer { offset += 8 + n }
      return Data(bytes[offset + 8..<offset + 8 + n])
    }
    var out: [(path: Data, bytes: Data, archive: Data)] = []
    while offset < bytes.count {
      guard let p = part(), let b = part(), let a = part() else { return nil }
      out.append((p, b, a))
    }
    return out
  }

  /// A run over unchanged files writes nothing; one where a file was deleted writes a pack
  /// without its entry.
  @Test func unchangedRunWritesNothingAndDeletedFilesLeaveThePack() throws {
    try Self.withCopyOfClean { dir, base in
      let cold = Self.cache(base, for: dir)
      _ = try Self.render(dir, cache: cold)
      let pack = URL(fileURLWithPath: cold.path)
      let written = try FileManager.default.attributesOfItem(atPath: pack.path)[.modificationDate] as? Date
      let inode = try FileManager.default.attributesOfItem(atPath: pack.path)[.systemFileNumber] as? Int
      _ = try Self.render(dir, cache: Self.cache(base, for: dir))
      #expect(try FileManager.default.attributesOfItem(atPath: pack.path)[.systemFileNumber] as? Int == inode)
      #expect(
        try FileManager.default.attributesOfItem(atPath: pack.path)[.modificationDate] as? Date == written)
      let control = try #require(
        try Self.controlFiles(dir).first {
          (try? String(contentsOf: $0, encoding: .utf8))?.contains("kind: control") == true
        })
      let removed = Array(
        control.resolvingSymlinksInPath().path.dropFirst(dir.resolvingSymlinksInPath().path.count + 1).utf8)
      #expect(try Self.records(of: Data(contentsOf: pack))?.contains { Array($0.path) == removed } == true)
      try FileManager.default.removeItem(at: control)
      let after = Self.cache(base, for: dir)
      _ = try Self.render(dir, cache: after)
      #expect(after.statistics.kept == 0 && after.statistics.reused == cold.statistics.kept - 1)
      let left = try #require(try Self.records(of: Data(contentsOf: pack)))
      #expect(left.count == cold.statistics.kept - 1)
      #expect(!left.contains { Array($0.path) == removed })
    }
  }

  // MARK: - The command line

  @Test func cacheFolderInsideTheProjectIsRefused() async throws {
    let dir = Support.fixtures.appendingPathComponent("clean")
    let run = try await Support.run(["lint", "--cache-dir", "Controls/.cache"], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("is inside the project"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Controls/.cache").path))
  }

  @Test func cacheGoesUnderHomeAndAFailedWriteIsAWarning() async throws {
    let dir = Support.fixtures.appendingPathComponent("clean")
    let home = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    let plain = try await Support.run(["lint"], in: dir)
    let first = try await Support.run(
      ["lint", "--cache"], in: dir, environment: ["HOME": home.path, "XDG_CACHE_HOME": ""])
    #expect(first.stdout == plain.stdout && first.status == plain.status && first.stderr == plain.stderr)
    let kept = try FileManager.default.contentsOfDirectory(
      atPath: home.appendingPathComponent(".cache/soclint").path)
    #expect(kept.count == 1)
    // A cache folder that is a file cannot hold entries: the run stands, with one warning.
    let blocked = home.appendingPathComponent("blocked")
    try Data("x".utf8).write(to: blocked)
    let warned = try await Support.run(["lint", "--cache-dir", blocked.path], in: dir)
    #expect(warned.stdout == plain.stdout && warned.status == plain.status)
    #expect(warned.stderr.components(separatedBy: "warning: the cache was not updated").count == 2)
  }
}
