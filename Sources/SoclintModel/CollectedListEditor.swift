import SoclintYAML

/// Adds dates to evidence items' `collected` lists in a control file's text, changing no other
/// byte: comments, quoting, key order and line endings stay as they are. Dates go where they
/// keep the list sorted; a date the list holds is not added again, and none is removed. A block
/// list gets new `- DATE` lines indented like its entries, a flow list `DATE, ` before the entry
/// that follows it; an item without `collected` gets a block list after its `last_collected`.
public struct CollectedListEditor {
  /// What became of one evidence item.
  public enum Outcome: Sendable, Equatable {
    /// These dates were added (none when the list held them all).
    case added([Day])
    /// The item was left alone, for this reason.
    case skipped(String)
  }

  /// The text after the edits, and what became of each item asked for.
  public struct Result: Sendable {
    /// The whole file.
    public let bytes: [UInt8]
    /// By item; an item the file does not hold is skipped with a reason.
    public let outcomes: [EvidenceKey: Outcome]
  }

  /// One insertion: text into line `line` (0-based) at byte `offset`, or whole lines before
  /// line `line` when `offset` is nil.
  struct Edit {
    let line: Int
    let offset: Int?
    let text: [UInt8]
  }

  let lines: [[UInt8]]
  let endings: [[UInt8]]
  /// The line break new lines end with: the file's first, else `\n`.
  let newline: [UInt8]
  var edits: [Edit] = []

  init(_ bytes: [UInt8]) {
    var lines: [[UInt8]] = []
    var endings: [[UInt8]] = []
    var current: [UInt8] = []
    for byte in bytes {
      if byte == UInt8(ascii: "\n") {
        let crlf = current.last == UInt8(ascii: "\r")
        if crlf { current.removeLast() }
        lines.append(current)
        endings.append(crlf ? [13, 10] : [10])
        current = []
      } else {
        current.append(byte)
      }
    }
    lines.append(current)
    endings.append([])
    self.lines = lines
    self.endings = endings
    newline = endings.first { !$0.isEmpty } ?? [10]
  }

  /// Adds each item's dates to its `collected` list in `bytes`.
  public static func adding(_ additions: [EvidenceKey: [Day]], to bytes: [UInt8]) -> Result {
    var editor = CollectedListEditor(bytes)
    var outcomes: [EvidenceKey: Outcome] = [:]
    let yaml = YAMLLoader().load(bytes)
    if yaml.fatalProblem != nil || bytes.contains(where: { $0 == 13 }) && editor.hasLoneCarriageReturn {
      let why = yaml.fatalProblem != nil ? "the file does not parse" : "the file breaks lines with a lone CR"
      for key in additions.keys { outcomes[key] = .skipped(why) }
      return Result(bytes: bytes, outcomes: outcomes)
    }
    var items: [EvidenceKey: Node] = [:]
    CollectionHistory.forEachItem(in: bytes) { key, item in
      if items[key] == nil { items[key] = item }
    }
    for (key, dates) in additions.sorted(by: { $0.key < $1.key }) {
      guard let item = items[key] else {
        outcomes[key] = .skipped("the file has no evidence '\(key.evidence)' of control \(key.control)")
        continue
      }
      outcomes[key] = editor.add(dates, to: item)
    }
    return Result(bytes: editor.applied(), outcomes: outcomes)
  }

  var hasLoneCarriageReturn: Bool { lines.contains { $0.contains(13) } }

  /// Plans the insertions for one item.
  mutating func add(_ dates: [Day], to item: Node) -> Outcome {
    guard let pairs = item.mapping else { return .skipped("the evidence item is not a mapping") }
    guard let pair = item.pair("collected") else {
      let new = Array(Set(dates)).sorted()
      guard !new.isEmpty else { return .added([]) }
      return addList(new, to: item, pairs: pairs)
    }
    let list = pair.value
    guard let entries = list.sequence else { return .skipped("its 'collected' is not a list") }
    // An alias points back at a list written elsewhere, which other items share.
    guard pair.keyEnd <= list.start else { return .skipped("its 'collected' is an alias") }
    let present = Set(entries.compactMap(CollectionHistory.date(of:)))
    let new = Array(Set(dates).subtracting(present)).sorted()
    guard !new.isEmpty else { return .added([]) }
    if character(at: list.start) == UInt8(ascii: "[") {
      addToFlowList(new, list: list, entries: entries)
    } else {
      guard addToBlockList(new, entries: entries) else {
        return .skipped("its 'collected' list is laid out in a way soclint does not edit")
      }
    }
    return .added(new)
  }

  /// A new block list after `last_collected`, else after the item's last line.
  mutating func addList(_ dates: [Day], to item: Node, pairs: [Node.Pair]) -> Outcome {
    guard character(at: item.start) != UInt8(ascii: "{"), let first = pairs.first else {
      return .skipped("the evidence item is written as a flow mapping")
    }
    let indent = [UInt8](repeating: UInt8(ascii: " "), count: first.keyStart.column - 1)
    let after = item.pair("last_collected").map { lastLine(of: $0.value) } ?? lastLine(of: item)
    var text = indent + Array("collected:".utf8) + newline
    for d in dates { text += indent + Array("  - \(d)".utf8) + newline }
    edits.append(Edit(line: after + 1, offset: nil, text: text))
    return .added(dates)
  }

  mutating func addToFlowList(_ dates: [Day], list: Node, entries: [Node]) {
    guard let last = entries.last else {
      let inside = dates.map(\.description).joined(separator: ", ")
      edits.append(at: list.start, offsetBy: 1, in: self, text: Array(inside.utf8))
      return
    }
    for d in dates {
      if let next = entries.first(where: { CollectionHistory.date(of: $0).map { $0 > d } ?? false }) {
        edits.append(at: next.start, offsetBy: 0, in: self, text: Array("\(d), ".utf8))
      } else {
        edits.append(at: last.end, offsetBy: 0, in: self, text: Array(", \(d)".utf8))
      }
    }
  }

  /// New `- DATE` lines before the first entry dated later, else after the last; false when an
  /// entry's dash cannot be found on its line.
  mutating func addToBlockList(_ dates: [Day], entries: [Node]) -> Bool {
    guard let last = entries.last, let lastPrefix = dashPrefix(of: last) else { return false }
    for d in dates {
      if let next = entries.first(where: { CollectionHistory.date(of: $0).map { $0 > d } ?? false }) {
        guard let prefix = dashPrefix(of: next) else { return false }
        edits.append(
          Edit(line: next.start.line - 1, offset: nil, text: prefix + Array("- \(d)".utf8) + newline))
      } else {
        edits.append(
          Edit(line: lastLine(of: last) + 1, offset: nil, text: lastPrefix + Array("- \(d)".utf8) + newline))
      }
    }
    return true
  }

  /// The spaces before an entry's `-` on its line.
  func dashPrefix(of entry: Node) -> [UInt8]? {
    let line = lines[entry.start.line - 1]
    guard var i = offset(inLine: entry.start.line - 1, column: entry.start.column) else { return nil }
    while i > 0 {
      i -= 1
      if line[i] == UInt8(ascii: "-") {
        let prefix = Array(line[..<i])
        return prefix.allSatisfy { $0 == UInt8(ascii: " ") } ? prefix : nil
      }
    }
    return nil
  }

  /// The 0-based index of the last line a node's text is on. A block scalar ends at the start of
  /// the line after it, which is no part of it.
  func lastLine(of node: Node) -> Int {
    switch node.content {
    case .scalar:
      return node.end.column == 1 && node.end.line > node.start.line ? node.end.line - 2 : node.end.line - 1
    case .sequence(let items): return items.map(lastLine(of:)).max() ?? node.start.line - 1
    case .mapping(let pairs):
      return pairs.map { max(lastLine(of: $0.key), lastLine(of: $0.value)) }.max() ?? node.start.line - 1
    }
  }

  /// The byte offset of a 1-based column (in Unicode scalars) within a 0-based line.
  func offset(inLine line: Int, column: Int) -> Int? {
    guard line < lines.count else { return nil }
    var scalars = 0
    for (i, byte) in lines[line].enumerated() where byte & 0xC0 != 0x80 {
      scalars += 1
      if scalars == column { return i }
    }
    return scalars + 1 == column ? lines[line].count : nil
  }

  func character(at mark: Mark) -> UInt8? {
    offset(inLine: mark.line - 1, column: mark.column).flatMap { o in
      o < lines[mark.line - 1].count ? lines[mark.line - 1][o] : nil
    }
  }

  /// The text with every insertion made, from the end backwards so earlier positions hold.
  func applied() -> [UInt8] {
    var lines = self.lines
    var endings = self.endings
    let ordered = edits.enumerated().sorted { a, b in
      if a.element.line != b.element.line { return a.element.line > b.element.line }
      let x = a.element.offset ?? -1
      let y = b.element.offset ?? -1
      if x != y { return x > y }
      return a.offset > b.offset
    }.map(\.element)
    for edit in ordered {
      if let offset = edit.offset {
        lines[edit.line].insert(contentsOf: edit.text, at: offset)
        continue
      }
      // Whole lines: a last line without a line break gets one first.
      if edit.line == lines.count, endings[edit.line - 1].isEmpty, !lines[edit.line - 1].isEmpty {
        endings[edit.line - 1] = newline
      }
      let new = CollectedListEditor(edit.text)
      let count = new.lines.count - 1
      let at = min(edit.line, lines.count)
      lines.insert(contentsOf: new.lines.prefix(count), at: at)
      endings.insert(contentsOf: new.endings.prefix(count), at: at)
    }
    var out: [UInt8] = []
    for (line, ending) in zip(lines, endings) {
      out += line
      out += ending
    }
    return out
  }
}

extension Array where Element == CollectedListEditor.Edit {
  /// An insertion at a mark (moved `offsetBy` scalars), when the mark is on a line of the text.
  fileprivate mutating func append(
    at mark: Mark, offsetBy: Int, in editor: CollectedListEditor, text: [UInt8]
  ) {
    guard let offset = editor.offset(inLine: mark.line - 1, column: mark.column + offsetBy) else { return }
    append(CollectedListEditor.Edit(line: mark.line - 1, offset: offset, text: text))
  }
}
