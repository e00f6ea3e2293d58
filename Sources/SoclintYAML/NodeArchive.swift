/// A compact binary form of nodes and the values around them, so that the model of a file
/// whose bytes have not changed since the last run (`--cache`) is rebuilt from its archive
/// instead of being parsed by libyaml, checked and built again.
///
/// The form is private to one build of soclint (whoever stores archives keys them with
/// `formatVersion`), written and read by the same code; it is still read as untrusted input:
/// any inconsistency, a truncated or altered archive, makes a read return nil, never crash.
///
/// Layout: unsigned LEB128 numbers; a string is its UTF-8 length then its bytes. A node is a
/// header byte (its kind in the low bits, 0x10 when it has a tag, 0x20 when an anchor), its two
/// marks (four numbers), the tag and the anchor when present, then a scalar's style, value and
/// text, or a list's count and items, or a mapping's count and pairs. Nodes are numbered in
/// the order their ends are written; a node met again (through an alias, or a pair a merge key
/// took in) is a back-reference (kind 3) to its number, so that the tree read back shares
/// exactly the nodes the original shared.
package enum NodeArchive {
  /// Changes whenever the layout, or the meaning of what is archived, does: archives of another
  /// version are never read.
  package static let formatVersion: UInt8 = 1

  fileprivate enum Kind: UInt8 {
    case scalar = 0, sequence = 1, mapping = 2, reference = 3
  }
  fileprivate static let hasTag: UInt8 = 0x10
  fileprivate static let hasAnchor: UInt8 = 0x20

  fileprivate enum ValueKind: UInt8 {
    case null = 0, isFalse = 1, isTrue = 2, int = 3, float = 4, text = 5, string = 6
  }

  fileprivate static let styles: [ScalarStyle] = [.plain, .singleQuoted, .doubleQuoted, .literal, .folded]
}

/// Writes numbers, strings, marks and nodes in the archive form.
package struct ArchiveWriter {
  /// What has been written so far.
  package private(set) var bytes: [UInt8] = []
  /// The number of each node written, by identity.
  private var written: [ObjectIdentifier: Int] = [:]
  /// How many nodes have been written: the number of the next one. Keys without a node of
  /// their own are numbered too, as the reader numbers every node it reads, but they cannot be
  /// met again, and a node made for the occasion has no lasting identity to record.
  private var numbered = 0

  /// An empty archive.
  package init() {
    bytes.reserveCapacity(1024)
  }

  /// One byte as it is.
  package mutating func byte(_ value: UInt8) {
    bytes.append(value)
  }

  /// A string, or a marker that there is none.
  package mutating func optionalString(_ text: String?) {
    guard let text else { return bytes.append(0) }
    bytes.append(1)
    string(text)
  }

  /// A node, or a marker that there is none.
  package mutating func optionalNode(_ node: Node?) {
    guard let node else { return bytes.append(0) }
    bytes.append(1)
    self.node(node)
  }

  package mutating func number(_ value: Int) {
    var v = UInt(bitPattern: value)
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  package mutating func string(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      number(utf8.count)
      bytes.append(contentsOf: utf8)
    }
  }

  package mutating func mark(_ mark: Mark) {
    number(mark.line)
    number(mark.column)
  }

  package mutating func node(_ node: Node) {
    self.node(node, recorded: true)
  }

  private mutating func node(_ node: Node, recorded: Bool) {
    if let id = written[ObjectIdentifier(node)] {
      bytes.append(NodeArchive.Kind.reference.rawValue)
      number(id)
      return
    }
    var header: UInt8
    switch node.content {
    case .scalar: header = NodeArchive.Kind.scalar.rawValue
    case .sequence: header = NodeArchive.Kind.sequence.rawValue
    case .mapping: header = NodeArchive.Kind.mapping.rawValue
    }
    if node.tag != nil { header |= NodeArchive.hasTag }
    if node.anchor != nil { header |= NodeArchive.hasAnchor }
    bytes.append(header)
    mark(node.start)
    mark(node.end)
    if let tag = node.tag { string(tag) }
    if let anchor = node.anchor { string(anchor) }
    switch node.content {
    case .scalar(let s): scalar(s)
    case .sequence(let items):
      number(items.count)
      for item in items { self.node(item) }
    case .mapping(let pairs):
      number(pairs.count)
      for pair in pairs {
        if let key = pair.keyNode { self.node(key) } else { self.node(pair.key, recorded: false) }
        self.node(pair.value)
      }
    }
    // Numbered once complete: a node can only be met again once its end has been read.
    if recorded { written[ObjectIdentifier(node)] = numbered }
    numbered += 1
  }

  private mutating func scalar(_ s: Node.Scalar) {
    bytes.append(UInt8(NodeArchive.styles.firstIndex(of: s.style)!))
    switch s.value {
    case .null: bytes.append(NodeArchive.ValueKind.null.rawValue)
    case .bool(let b):
      bytes.append(b ? NodeArchive.ValueKind.isTrue.rawValue : NodeArchive.ValueKind.isFalse.rawValue)
    case .int(let i):
      bytes.append(NodeArchive.ValueKind.int.rawValue)
      // Zigzag, so that small negative numbers stay short.
      number(Int(bitPattern: UInt(bitPattern: (i << 1) ^ (i >> (Int.bitWidth - 1)))))
    case .float(let d):
      bytes.append(NodeArchive.ValueKind.float.rawValue)
      withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    case .string(let v):
      if v.isExactlyEqual(to: s.text) {
        bytes.append(NodeArchive.ValueKind.text.rawValue)
      } else {
        bytes.append(NodeArchive.ValueKind.string.rawValue)
        string(v)
      }
    }
    string(s.text)
  }
}

/// Reads what `ArchiveWriter` wrote; every read returns nil past the end or on anything that
/// is not the archive form.
package struct ArchiveReader {
  private let bytes: UnsafeRawBufferPointer
  private var offset = 0
  /// The nodes read so far, by number.
  private var nodes: [Node] = []

  /// A reader from the first byte of `bytes`, which must outlive it.
  package init(bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// Whether every byte has been read: an archive with bytes left over is not one.
  package var isAtEnd: Bool { offset == bytes.count }

  /// A string written by `optionalString`: nil inside when there was none, nil outside when
  /// the bytes are not that.
  package mutating func optionalString() -> String?? {
    switch byte() {
    case 0: return .some(nil)
    case 1: return string().map { .some($0) }
    default: return nil
    }
  }

  /// A node written by `optionalNode`, in the same way.
  package mutating func optionalNode() -> Node?? {
    switch byte() {
    case 0: return .some(nil)
    case 1: return node().map { .some($0) }
    default: return nil
    }
  }

  /// A node and everything below it.
  package mutating func node() -> Node? {
    node(depth: 0)
  }

  package mutating func byte() -> UInt8? {
    guard offset < bytes.count else { return nil }
    defer { offset += 1 }
    return bytes[offset]
  }

  package mutating func number() -> Int? {
    var value: UInt = 0
    var shift: UInt = 0
    while let b = byte() {
      guard shift < UInt(UInt.bitWidth) else { return nil }
      value |= UInt(b & 0x7f) << shift
      if b < 0x80 { return Int(bitPattern: value) }
      shift += 7
    }
    return nil
  }

  /// A count of things each at least `minimumSize` bytes long: never more than the bytes left
  /// could hold, so that a corrupt count cannot reserve a huge array.
  package mutating func count(minimumSize: Int) -> Int? {
    guard let n = number(), n >= 0, n <= (bytes.count - offset) / minimumSize else { return nil }
    return n
  }

  package mutating func string() -> String? {
    string(known: { _ in nil })
  }

  /// A string, taken from `known` when it knows the bytes (a string the program holds already,
  /// such as a literal) rather than decoded into a new one.
  package mutating func string(known: (UnsafeBufferPointer<UInt8>) -> String?) -> String? {
    guard let length = number(), length >= 0, length <= bytes.count - offset else { return nil }
    let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]).bindMemory(to: UInt8.self)
    offset += length
    if let string = known(slice) { return string }
    // The archive's strings were valid UTF-8 when written, and the check that they still are
    // is the decoder's own fast one: an archive damaged there holds some other text, which
    // is harmless (entries are trusted only for the bytes they hold).
    return String(decoding: slice, as: UTF8.self)
  }

  package mutating func mark() -> Mark? {
    guard let line = number(), let column = number(), line >= 1, column >= 1, line <= Int(Int32.max),
      column <= Int(Int32.max)
    else { return nil }
    return Mark(line: line, column: column)
  }

  private mutating func node(depth: Int) -> Node? {
    // Deeper than the reader ever nests is not an archive it wrote, and must not exhaust the stack.
    guard depth <= 1024, let header = byte(), let kind = NodeArchive.Kind(rawValue: header & 0x0f),
      header & ~(0x0f | NodeArchive.hasTag | NodeArchive.hasAnchor) == 0
    else { return nil }
    if kind == .reference {
      guard let id = number(), id >= 0, id < nodes.count else { return nil }
      return nodes[id]
    }
    guard let start = mark(), let end = mark() else { return nil }
    let tag = header & NodeArchive.hasTag != 0 ? string() : nil
    if header & NodeArchive.hasTag != 0 && tag == nil { return nil }
    let anchor = header & NodeArchive.hasAnchor != 0 ? string() : nil
    if header & NodeArchive.hasAnchor != 0 && anchor == nil { return nil }
    let content: Node.Content
    switch kind {
    case .scalar:
      guard let s = scalar() else { return nil }
      content = .scalar(s)
    case .sequence:
      guard let n = count(minimumSize: 6) else { return nil }
      var items: [Node] = []
      items.reserveCapacity(n)
      for _ in 0..<n {
        guard let item = node(depth: depth + 1) else { return nil }
        items.append(item)
      }
      content = .sequence(items)
    case .mapping:
      guard let n = count(minimumSize: 12) else { return nil }
      var pairs: [Node.Pair] = []
      pairs.reserveCapacity(n)
      for _ in 0..<n {
        guard let key = node(depth: depth + 1), let value = node(depth: depth + 1) else { return nil }
        pairs.append(Node.Pair(key: key, value: value))
      }
      content = .mapping(pairs)
    case .reference:
      return nil
    }
    let node = Node(content: content, start: start, end: end, tag: tag, anchor: anchor)
    nodes.append(node)
    return node
  }

  private mutating func scalar() -> Node.Scalar? {
    guard let styleIndex = byte(), Int(styleIndex) < NodeArchive.styles.count, let kindByte = byte(),
      let valueKind = NodeArchive.ValueKind(rawValue: kindByte)
    else { return nil }
    let style = NodeArchive.styles[Int(styleIndex)]
    var value: ScalarValue?
    switch valueKind {
    case .null: value = .null
    case .isFalse: value = .bool(false)
    case .isTrue: value = .bool(true)
    case .int:
      guard let zigzag = number() else { return nil }
      let u = UInt(bitPattern: zigzag)
      value = .int(Int(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    case .float:
      guard bytes.count - offset >= 8 else { return nil }
      var bits: UInt64 = 0
      withUnsafeMutableBytes(of: &bits) {
        $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8]))
      }
      offset += 8
      value = .float(Double(bitPattern: UInt64(littleEndian: bits)))
    case .text: value = nil
    case .string:
      guard let v = string() else { return nil }
      value = .string(v)
    }
    guard let text = string() else { return nil }
    return Node.Scalar(text: text, style: style, value: value ?? .string(text))
  }
}
