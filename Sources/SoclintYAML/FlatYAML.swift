internal import CYAML

/// A file's YAML as three flat arrays, for the files nearly every run reads: plain YAML, with
/// no anchor, alias, tag, merge key, repeated key or key that is not a string, and nothing
/// wrong with it.
///
/// A `Node` tree is an object for every value and an array for every collection, each
/// allocated, counted and freed one by one: about a fifth of a run without a cache, before any
/// rule. Here a file's values are structs in one array, and a collection's children a range of
/// another. Anything this form does not hold makes `read` give nil, and the caller reads the
/// file into nodes as before, so that every finding, mark and message stays the loader's.
/// `node(at:)` makes the `Node` tree of a value, equal to the loader's.
public final class FlatYAML {
  /// A value: a scalar, or a collection whose children are `count` entries of `items` (a
  /// sequence) or `pairs` (a mapping) from `first` on.
  public struct Value {
    /// Where the value's first character is.
    public let start: Mark
    /// The position just after its last character.
    public fileprivate(set) var end: Mark
    /// The scalar, when the value is one.
    public let scalar: Node.Scalar?
    /// Whether the value is a mapping (a collection that is not is a sequence).
    public let isMapping: Bool
    /// Where the children begin in `items` or `pairs`.
    public fileprivate(set) var first: Int32
    /// How many children there are.
    public fileprivate(set) var count: Int32
  }

  /// A key (always a string scalar without tag or anchor) and its value.
  ///
  /// The key's text is not kept as a `String`: a key of eight bytes or fewer (most of them) is
  /// its length and `keyPrefix`, and a longer one's bytes are in the file's `keyBytes`. Making a
  /// string of each key, copying it for every lookup and freeing it with the file was about 2%
  /// of a run's instructions; `FlatYAML.keyText` makes one when asked.
  public struct Pair {
    /// Where a key longer than eight bytes starts in `FlatYAML.keyBytes`; 0 for a shorter key.
    public let keyOffset: Int32
    /// The number of bytes of the key's text.
    public let keyLength: Int32
    /// Its first eight bytes (see `FlatYAML.prefix`): with the length, enough to tell a key of
    /// eight bytes or fewer, most of them, without reading the text.
    public let keyPrefix: UInt64
    /// Where the key's first character is.
    public let keyStart: Mark
    /// The position just after the key's last character.
    public let keyEnd: Mark
    /// How the key was written.
    public let keyStyle: ScalarStyle
    /// The value's position in `values`.
    public let value: Int32

    /// Whether the key is the one of `length` bytes beginning with `prefix` whose bytes, when
    /// it is longer than eight, are at `bytes`: told by the two integers, and by the bytes only
    /// past eight.
    func hasKey(
      length: Int32, prefix: UInt64, bytes: UnsafePointer<UInt8>?, in keyBytes: UnsafePointer<UInt8>?
    )
      -> Bool
    {
      keyLength == length && keyPrefix == prefix
        && (length <= 8 || memcmp(keyBytes! + Int(keyOffset), bytes!, Int(length)) == 0)
    }
  }

  /// Every value of the file, each collection before its children. The three lists are owned
  /// by this object and read through plain pointers, whose subscript reads a field in place:
  /// an element of an array held by an object, or of a buffer, was copied out whole, its strings
  /// counted in and out, at every read (a tenth of the probe's instructions).
  package let values: UnsafePointer<Value>
  /// How many values there are.
  package let valueCount: Int
  /// The items of every sequence, as positions in `values`.
  package let items: UnsafePointer<Int32>
  /// The pairs of every mapping.
  package let pairs: UnsafePointer<Pair>
  /// How many pairs there are.
  package let pairCount: Int
  /// The bytes of the keys longer than eight bytes, one after another (see `Pair`).
  package let keyBytes: UnsafePointer<UInt8>
  /// The root of each document, in file order.
  public let roots: [Int32]
  /// The scalars that span several lines (see `YAMLFile.multilineScalars`).
  public let multilineScalars: [YAMLFile.Span]

  /// Takes the builder's lists as they are: their memory is this object's from now on.
  init(builder: consuming FlatBuilder) {
    values = UnsafePointer(builder.values.base)
    valueCount = builder.values.count
    items = UnsafePointer(builder.items.base)
    pairs = UnsafePointer(builder.pairs.base)
    pairCount = builder.pairs.count
    keyBytes = UnsafePointer(builder.keyBytes.base)
    roots = builder.roots
    multilineScalars = builder.multilineScalars
    builder.pendingItems.free()
    builder.pendingPairs.free()
    builder.frames.free()
  }

  deinit {
    UnsafeMutablePointer(mutating: values).deinitialize(count: valueCount)
    UnsafeMutablePointer(mutating: values).deallocate()
    UnsafeMutablePointer(mutating: items).deallocate()
    UnsafeMutablePointer(mutating: pairs).deinitialize(count: pairCount)
    UnsafeMutablePointer(mutating: pairs).deallocate()
    UnsafeMutablePointer(mutating: keyBytes).deallocate()
  }

  /// The file read flat, or nil when it is not plain YAML (see the type) or when `limits` or
  /// anything else would make the loader report a problem: then `YAMLLoader.load` reads it.
  public static func read(_ input: [UInt8], limits: YAMLLoader.Limits = YAMLLoader.Limits()) -> FlatYAML? {
    let bytes = Encoding.droppingByteOrderMark(input)
    // No check of the encoding first (`Encoding.firstProblem`, a pass over every byte): libyaml,
    // told the input is UTF-8, stops on any byte the check would find (a NUL, an invalid or
    // overlong sequence, a surrogate) before the stream's end, so such a file is not read flat
    // and the loader, which checks first, reports it.
    var builder = FlatBuilder(maxDepth: limits.maxDepth, expectedBytes: bytes.count)
    let read = bytes.withUnsafeBufferPointer { builder.run($0) }
    guard read else {
      builder.free()
      return nil
    }
    return FlatYAML(builder: builder)
  }

  /// A key to look up, with its byte count and first eight bytes found once. The model and the
  /// schema's `required` look the same few dozen keys up in every document, and a lookup by
  /// text alone counted and packed the key's bytes at every call.
  ///
  /// A key of up to sixteen bytes (every key the model and the schemas look up) keeps its bytes
  /// in the value itself: copying a key then counts no reference. With the bytes in an array,
  /// every copy of a key (the model's table of keys for each control, a schema's required names
  /// at each lookup) counted the arrays of keys shared by every reading thread, whose counts
  /// moved from one core's cache to the other's: about 2% of a run's CPU time.
  public struct Key: Sendable {
    /// The key's text.
    public let text: String
    /// The number of bytes of the text.
    public let length: Int32
    /// Its first eight bytes (see `FlatYAML.prefix`).
    public let prefix: UInt64
    /// The bytes of a key of up to sixteen bytes, in order, the rest zero.
    private let inline: (UInt64, UInt64)
    /// The bytes of a longer key; empty for one of up to sixteen.
    private let longBytes: [UInt8]

    /// How many bytes a key may have to be kept in the value itself.
    static let inlineCapacity = 16

    /// The key `text`.
    public init(_ text: String) {
      var utf8 = text
      (length, prefix) = utf8.withUTF8 { (Int32($0.count), FlatYAML.prefix($0)) }
      self.text = text
      var inline: (UInt64, UInt64) = (0, 0)
      if utf8.utf8.count <= Key.inlineCapacity {
        withUnsafeMutableBytes(of: &inline) { room in
          utf8.withUTF8 { room.copyMemory(from: UnsafeRawBufferPointer($0)) }
        }
        longBytes = []
      } else {
        longBytes = Array(utf8.utf8)
      }
      self.inline = inline
    }

    /// Calls `body` with the key's bytes.
    func withBytes<R>(_ body: (UnsafePointer<UInt8>) -> R) -> R {
      if Int(length) > Key.inlineCapacity {
        return longBytes.withUnsafeBufferPointer { body($0.baseAddress!) }
      }
      var copy = inline
      return withUnsafeBytes(of: &copy) { body($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
    }
  }

  /// Keys looked up together in mappings of one kind (a control's fields, an evidence item's),
  /// found in one pass over a mapping's pairs (`find(_:in:_:)`).
  ///
  /// Looking each key up on its own read the mapping's pairs once per key: thirty lookups a
  /// control, 1.6% of a run's instructions. Here each pair's key goes to the slot of the table
  /// keys it could be, by a hash of its length and first eight bytes with a multiplier chosen
  /// so that as few keys as can share a slot (usually none: only keys told apart past their
  /// eighth byte must), and is compared with those keys alone.
  public final class KeyTable: Sendable {
    /// The keys, in the order their pairs are reported.
    public let keys: [Key]
    // Plain memory, read without counting references: both reading threads use a table.
    private nonisolated(unsafe) let lengths: UnsafeMutablePointer<Int32>
    private nonisolated(unsafe) let prefixes: UnsafeMutablePointer<UInt64>
    /// For each of the 256 slots, the first key that hashes there, or -1.
    private nonisolated(unsafe) let slots: UnsafeMutablePointer<Int8>
    /// For each key, the next key in its slot, or -1.
    private nonisolated(unsafe) let next: UnsafeMutablePointer<Int8>
    private let multiplier: UInt64

    /// A table of `keys`, which must be distinct and at most 127.
    public init(_ keys: [String]) {
      precondition(Set(keys).count == keys.count && keys.count < 128, "a key table's keys must be distinct")
      self.keys = keys.map(Key.init)
      let count = keys.count
      let (lengths, prefixes) = (
        UnsafeMutablePointer<Int32>.allocate(capacity: max(1, count)),
        UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, count))
      )
      for (i, key) in self.keys.enumerated() {
        lengths[i] = key.length
        prefixes[i] = key.prefix
      }
      // The multiplier, of a fixed sequence of odd ones, that puts the fewest keys in a slot
      // another has: with a few dozen keys in 256 slots, one of the first few puts none. Keys
      // told apart only past their eighth byte always share a slot.
      var best: (multiplier: UInt64, shared: Int) = (0, Int.max)
      var candidate: UInt64 = 0x9E37_79B9_7F4A_7C15
      for _ in 0..<64 where best.shared > 0 {
        var used = Set<Int>()
        var shared = 0
        for i in 0..<count where !used.insert(KeyTable.slot(lengths[i], prefixes[i], candidate)).inserted {
          shared += 1
        }
        if shared < best.shared { best = (candidate, shared) }
        candidate = candidate &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 | 1
      }
      let slots = UnsafeMutablePointer<Int8>.allocate(capacity: 256)
      slots.initialize(repeating: -1, count: 256)
      let next = UnsafeMutablePointer<Int8>.allocate(capacity: max(1, count))
      next.initialize(repeating: -1, count: max(1, count))
      // Each slot's keys in the table's order, so that a lookup meets them as `keys` has them.
      for i in (0..<count).reversed() {
        let slot = KeyTable.slot(lengths[i], prefixes[i], best.multiplier)
        next[i] = slots[slot]
        slots[slot] = Int8(i)
      }
      (self.lengths, self.prefixes, self.slots, self.next, multiplier) = (
        lengths, prefixes, slots, next, best.multiplier
      )
    }

    deinit {
      lengths.deallocate()
      prefixes.deallocate()
      next.deallocate()
      slots.deallocate()
    }

    /// The slot of a key of `length` bytes beginning with `prefix`: its length spread over every
    /// bit, so that it cannot cancel a byte of the prefix out.
    private static func slot(_ length: Int32, _ prefix: UInt64, _ multiplier: UInt64) -> Int {
      let mixed = prefix ^ UInt64(UInt32(bitPattern: length)) &* 0xC2B2_AE3D_27D4_EB4F
      return Int(truncatingIfNeeded: (mixed &* multiplier) >> 56)
    }

    /// The table's key that the key of `pair` is, if any.
    func key(of pair: Pair, keyBytes: UnsafePointer<UInt8>) -> Int? {
      var k = Int(slots[KeyTable.slot(pair.keyLength, pair.keyPrefix, multiplier)])
      while k >= 0 {
        if lengths[k] == pair.keyLength && prefixes[k] == pair.keyPrefix
          && (pair.keyLength <= 8
            || keys[k].withBytes {
              pair.hasKey(length: lengths[k], prefix: prefixes[k], bytes: $0, in: keyBytes)
            })
        {
          return k
        }
        k = Int(next[k])
      }
      return nil
    }
  }

  /// For each key of `table`, the position in `pairs` of its pair in the mapping at `mapping`,
  /// or -1 (also when the value is not a mapping), written to `found`, which holds one entry
  /// for each key: one pass over the mapping's pairs.
  public func find(_ table: KeyTable, in mapping: Int32, _ found: UnsafeMutableBufferPointer<Int32>) {
    precondition(found.count >= table.keys.count)
    found.update(repeating: -1)
    guard values[Int(mapping)].isMapping else { return }
    let first = Int(values[Int(mapping)].first)
    for i in first..<first + Int(values[Int(mapping)].count) {
      if let k = table.key(of: pairs[i], keyBytes: keyBytes) { found[k] = Int32(i) }
    }
  }

  /// The position in `pairs` of the pair of `mapping` whose key's text is `key` (the same
  /// Unicode scalars).
  public func pairIndex(_ key: String, in mapping: Int32) -> Int? {
    pairIndex(Key(key), in: mapping)
  }

  /// The position in `pairs` of the pair of `mapping` whose key is `key`.
  public func pairIndex(_ key: Key, in mapping: Int32) -> Int? {
    guard values[Int(mapping)].isMapping else { return nil }
    let first = Int(values[Int(mapping)].first)
    return key.withBytes { bytes in
      for i in first..<first + Int(values[Int(mapping)].count)
      where pairs[i].hasKey(length: key.length, prefix: key.prefix, bytes: bytes, in: keyBytes) {
        return i
      }
      return nil
    }
  }

  /// Calls `body` with the bytes of a pair's key.
  public func withKeyBytes<R>(_ pair: Pair, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if pair.keyLength > 8 {
      return body(UnsafeBufferPointer(start: keyBytes + Int(pair.keyOffset), count: Int(pair.keyLength)))
    }
    // The prefix holds the whole key, its first byte lowest: laid out in memory as the text
    // on this little-endian machine.
    var prefix = pair.keyPrefix.littleEndian
    return withUnsafeBytes(of: &prefix) { raw in
      body(UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: Int(pair.keyLength)))
    }
  }

  /// The text of a pair's key.
  public func keyText(_ pair: Pair) -> String {
    withKeyBytes(pair) { String(decoding: $0, as: UTF8.self) }
  }

  /// Up to the first eight bytes of a text, the first in the lowest byte, zero beyond the end.
  public static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var value: UInt64 = 0
    for i in 0..<Swift.min(8, bytes.count) { value |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    return value
  }

  /// The value at `key` of the mapping at `index`.
  public func value(_ key: Key, in index: Int32) -> Int32? {
    pairIndex(key, in: index).map { pairs[$0].value }
  }

  /// The string value of the scalar at `index`, when it is a string.
  public func string(_ index: Int32) -> String? {
    values[Int(index)].scalar?.stringValue
  }

  /// The positions of the items of the sequence at `index`; empty when it is not a sequence.
  /// Read in place, not copied into an array of their own: valid while this object lives.
  public func itemIndices(_ index: Int32) -> UnsafeBufferPointer<Int32> {
    guard isSequence(index) else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(
      start: items + Int(values[Int(index)].first), count: Int(values[Int(index)].count))
  }

  /// Whether the value at `index` is a sequence.
  public func isSequence(_ index: Int32) -> Bool {
    values[Int(index)].scalar == nil && !values[Int(index)].isMapping
  }

  /// The `Node` of a pair's key, as `Node.Pair.key` makes it.
  public func keyNode(_ pair: Pair) -> Node {
    Node.Pair.keyNode(keyText(pair), style: pair.keyStyle, start: pair.keyStart, end: pair.keyEnd)
  }

  /// The `Node` tree of the value at `index`, equal to the one the loader reads.
  public func node(at index: Int32) -> Node {
    let value = values[Int(index)]
    if let scalar = value.scalar { return Node(content: .scalar(scalar), start: value.start, end: value.end) }
    let range = Int(value.first)..<Int(value.first + value.count)
    if value.isMapping {
      let built = range.map { i -> Node.Pair in
        let p = pairs[i]
        return Node.Pair(
          keyText: keyText(p), style: p.keyStyle, start: p.keyStart, end: p.keyEnd, value: node(at: p.value))
      }
      return Node(content: .mapping(built), start: value.start, end: value.end)
    }
    return Node(content: .sequence(range.map { node(at: items[$0]) }), start: value.start, end: value.end)
  }

  /// The file as the loader reads it: each document's tree, and no problems.
  public var file: YAMLFile {
    YAMLFile(
      documents: roots.enumerated().map { YAMLDocument(root: node(at: $1), index: $0) }, problems: [],
      multilineScalars: multilineScalars)
  }
}

extension FlatYAML {
  /// Whether this file's documents are, value for value, the trees `file` holds, and `file` has
  /// no problem: how the fuzzer holds the flat reading to the loader's.
  package func isSame(as file: YAMLFile) -> Bool {
    guard file.problems.isEmpty, file.documents.count == roots.count,
      file.multilineScalars == multilineScalars
    else { return false }
    return zip(roots, file.documents).allSatisfy { FlatYAML.same(node(at: $0), $1.root) }
  }

  /// Values compared as their bits and bytes: NaN is itself, "é" is not "e" and U+0301.
  private static func same(_ a: ScalarValue, _ b: ScalarValue) -> Bool {
    switch (a, b) {
    case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return Array(x.utf8) == Array(y.utf8)
    default: return a == b
    }
  }

  private static func same(_ a: Node, _ b: Node) -> Bool {
    guard a.start == b.start, a.end == b.end, a.tag == b.tag, a.anchor == b.anchor else { return false }
    switch (a.content, b.content) {
    case (.scalar(let x), .scalar(let y)):
      return Array(x.text.utf8) == Array(y.text.utf8) && x.style == y.style && same(x.value, y.value)
    case (.sequence(let x), .sequence(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.mapping(let x), .mapping(let y)):
      return x.count == y.count
        && zip(x, y).allSatisfy { p, q in
          p.keyStart == q.keyStart && p.keyEnd == q.keyEnd && same(p.key, q.key) && same(p.value, q.value)
        }
    default:
      return false
    }
  }

  /// The flat form of a tree, for the tests that hold the flat readers to the tree's: nil when
  /// the tree has what the flat form does not hold (a tag, an anchor, a key that is not a
  /// string without them).
  package static func of(_ root: Node) -> FlatYAML? {
    var builder = FlatBuilder(maxDepth: .max)
    guard let index = builder.append(root) else {
      builder.free()
      return nil
    }
    builder.roots = [index]
    return FlatYAML(builder: builder)
  }
}

extension FlatBuilder {
  /// Appends a tree's values, children after their collection as `run` does.
  fileprivate mutating func append(_ node: Node) -> Int32? {
    guard node.tag == nil, node.anchor == nil else { return nil }
    let index = Int32(values.count)
    switch node.content {
    case .scalar(let s):
      values.append(Value(start: node.start, end: node.end, scalar: s, isMapping: false, first: 0, count: 0))
    case .sequence(let list):
      values.append(
        Value(start: node.start, end: node.end, scalar: nil, isMapping: false, first: 0, count: 0))
      var children: [Int32] = []
      for item in list {
        guard let child = append(item) else { return nil }
        children.append(child)
      }
      values[Int(index)].first = Int32(items.count)
      values[Int(index)].count = Int32(children.count)
      for child in children { items.append(child) }
    case .mapping(let list):
      values.append(Value(start: node.start, end: node.end, scalar: nil, isMapping: true, first: 0, count: 0))
      var children: [FlatYAML.Pair] = []
      for pair in list {
        let key = pair.key
        guard key.tag == nil, key.anchor == nil, let text = pair.keyText, key.string == text,
          let style = key.scalar?.style, let child = append(pair.value)
        else { return nil }
        var utf8 = text
        let (offset, length, prefix) = utf8.withUTF8 {
          ($0.count > 8 ? keep($0) : 0, Int32($0.count), FlatYAML.prefix($0))
        }
        children.append(
          FlatYAML.Pair(
            keyOffset: offset, keyLength: length, keyPrefix: prefix, keyStart: pair.keyStart,
            keyEnd: pair.keyEnd,
            keyStyle: style, value: child))
      }
      values[Int(index)].first = Int32(pairs.count)
      values[Int(index)].count = Int32(children.count)
      for child in children { pairs.append(child) }
    }
    return index
  }
}

/// A list that grows as an array does, in memory it allocates itself. A finished list is
/// handed to `FlatYAML` as it is, and a mapping's pending pairs are moved into place: with
/// arrays, both were copies, each value's and each pair's text counted in and then out again
/// (3% of a run's instructions). Whoever holds the list last frees it (`free`), or hands its
/// memory over (`FlatYAML.init(builder:)`).
struct FlatStorage<Element> {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    base = .allocate(capacity: self.capacity)
  }

  subscript(index: Int) -> Element {
    unsafeAddress { UnsafePointer(base + index) }
    unsafeMutableAddress { base + index }
  }

  mutating func append(_ element: Element) {
    if count == capacity { grow(to: count + 1) }
    (base + count).initialize(to: element)
    count += 1
  }

  /// Copies `elements` to the end, at once.
  mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
    guard let source = elements.baseAddress else { return }
    if count + elements.count > capacity { grow(to: count + elements.count) }
    (base + count).initialize(from: source, count: elements.count)
    count += elements.count
  }

  /// Takes the last element out; there must be one.
  mutating func removeLast() -> Element {
    count -= 1
    return (base + count).move()
  }

  /// Moves the elements of `other` from `start` on to the end of this list; `other` keeps
  /// those before `start`.
  mutating func moveAppend(from other: inout FlatStorage<Element>, from start: Int) {
    let moved = other.count - start
    if count + moved > capacity { grow(to: count + moved) }
    (base + count).moveInitialize(from: other.base + start, count: moved)
    count += moved
    other.count = start
  }

  private mutating func grow(to needed: Int) {
    capacity = max(needed, capacity * 2)
    let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
    larger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = larger
  }

  /// Destroys the elements and frees the memory.
  func free() {
    base.deinitialize(count: count)
    base.deallocate()
  }
}

/// Reads libyaml's events into the lists of a `FlatYAML`, giving up at the first thing they do
/// not hold. Its lists are not freed with it: `free` frees them, or `FlatYAML` takes them.
struct FlatBuilder: ~Copyable {
  /// A collection being read: its value's position, and where its children begin in the
  /// pending stacks.
  struct Frame {
    let value: Int32
    let isMapping: Bool
    let first: Int
    var key: (offset: Int32, length: Int32, prefix: UInt64, style: ScalarStyle, start: Mark, end: Mark)? = nil
  }

  /// `<<` as a key's prefix.
  static let mergeKey = UInt64(UInt8(ascii: "<")) | UInt64(UInt8(ascii: "<")) << 8

  /// Mappings larger than this go to the loader, whose repeated-key check is hashed; the check
  /// here compares each key with those before it.
  static let maxPairs = 64

  let maxDepth: Int
  var values: FlatStorage<Value>
  var items: FlatStorage<Int32>
  var pairs: FlatStorage<FlatYAML.Pair>
  var roots: [Int32] = []
  var multilineScalars: [YAMLFile.Span] = []
  /// The open collections, innermost last: plain memory, with no check of uniqueness or
  /// bounds at each of the several reads and writes of every event.
  var frames = FlatStorage<Frame>(capacity: 8)
  var pendingItems = FlatStorage<Int32>(capacity: 16)
  var pendingPairs = FlatStorage<FlatYAML.Pair>(capacity: 32)
  var keyBytes = FlatStorage<UInt8>(capacity: 64)
  var root: Int32? = nil

  typealias Value = FlatYAML.Value

  init(maxDepth: Int, expectedBytes: Int = 0) {
    self.maxDepth = maxDepth
    // Room for a file of this size as controls are written (a value for every 25 bytes or
    // so), so that the lists are not grown and copied one doubling at a time.
    values = FlatStorage(capacity: max(16, expectedBytes / 20))
    pairs = FlatStorage(capacity: max(16, expectedBytes / 28))
    items = FlatStorage(capacity: max(8, expectedBytes / 80))
  }

  /// Frees the lists, when no `FlatYAML` takes them.
  consuming func free() {
    values.free()
    items.free()
    pairs.free()
    pendingItems.free()
    pendingPairs.free()
    keyBytes.free()
    frames.free()
  }

  /// Keeps the bytes of a key longer than eight bytes; where they start in `keyBytes`.
  mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let offset = Int32(keyBytes.count)
    keyBytes.append(contentsOf: bytes)
    return offset
  }

  /// Reads every event; false when the file is not one to read flat.
  mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    let read = withYAMLParser(reading: buffer) { parser -> Bool in
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(&parser, &event) == 1 else { return false }
        let done = event.type == YAML_STREAM_END_EVENT
        let handled = handle(&event)
        yaml_event_delete(&event)
        if !handled { return false }
        if done { return true }
      }
    }
    return read ?? false
  }

  private static func mark(_ m: yaml_mark_t) -> Mark {
    Mark(zeroBasedLine: Int(bitPattern: UInt(m.line)), column: Int(bitPattern: UInt(m.column)))
  }

  private mutating func handle(_ event: inout yaml_event_t) -> Bool {
    let start = FlatBuilder.mark(event.start_mark)
    let end = FlatBuilder.mark(event.end_mark)
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      root = nil
    case YAML_DOCUMENT_END_EVENT:
      if let root { roots.append(root) }
    case YAML_SCALAR_EVENT:
      let s = event.data.scalar
      guard s.tag == nil, s.anchor == nil else { return false }
      if end.line > start.line { multilineScalars.append(YAMLFile.Span(start: start, end: end)) }
      let style = ScalarStyle(s.style)
      let bytes = UnsafeBufferPointer(start: s.value, count: Int(s.length))
      let firstByte = s.length > 0 ? s.value[0] : nil
      if frames.count > 0, frames[frames.count - 1].isMapping, frames[frames.count - 1].key == nil {
        let top = frames.count - 1
        // A key: only a string (`title` is one, once read; `true` and `1` are not). Most keys are
        // their own text, told by their first byte, and make no scalar and no string.
        guard
          CoreSchema.isTextItself(style: style, firstByte: firstByte)
            || Node.Scalar(
              reading: String(decoding: bytes, as: UTF8.self), style: style, tag: nil, firstByte: firstByte
            ).isString
        else { return false }
        let offset = bytes.count > 8 ? keep(bytes) : 0
        frames[top].key = (offset, Int32(bytes.count), FlatYAML.prefix(bytes), style, start, end)
        return true
      }
      let text = String(decoding: bytes, as: UTF8.self)
      let scalar = Node.Scalar(reading: text, style: style, tag: nil, firstByte: firstByte)
      values.append(Value(start: start, end: end, scalar: scalar, isMapping: false, first: 0, count: 0))
      return add(Int32(values.count - 1))
    case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
      let isMapping = event.type == YAML_MAPPING_START_EVENT
      let (tag, anchor) =
        isMapping
        ? (event.data.mapping_start.tag, event.data.mapping_start.anchor)
        : (event.data.sequence_start.tag, event.data.sequence_start.anchor)
      guard tag == nil, anchor == nil, frames.count < maxDepth else { return false }
      values.append(Value(start: start, end: end, scalar: nil, isMapping: isMapping, first: 0, count: 0))
      frames.append(
        Frame(
          value: Int32(values.count - 1), isMapping: isMapping,
          first: isMapping ? pendingPairs.count : pendingItems.count))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      guard frames.count > 0 else { return false }
      let frame = frames.removeLast()
      let v = Int(frame.value)
      if frame.isMapping {
        values[v].first = Int32(pairs.count)
        values[v].count = Int32(pendingPairs.count - frame.first)
        pairs.moveAppend(from: &pendingPairs, from: frame.first)
      } else {
        values[v].first = Int32(items.count)
        values[v].count = Int32(pendingItems.count - frame.first)
        items.moveAppend(from: &pendingItems, from: frame.first)
      }
      values[v].end = end
      return add(frame.value)
    case YAML_ALIAS_EVENT:
      return false
    default:
      break
    }
    return true
  }

  /// Adds a finished value to the open collection, or makes it the document's root.
  private mutating func add(_ value: Int32) -> Bool {
    // The open collection's fields are read in place, and its key taken out of it, not copied.
    let top = frames.count - 1
    guard top >= 0 else {
      root = value
      return true
    }
    guard frames[top].isMapping else {
      pendingItems.append(value)
      return true
    }
    guard let key = frames[top].key.take() else { return false }  // a key that is a collection
    let first = frames[top].first
    // A merge key, a repeated key or a very large mapping: the loader's to read.
    if key.length == 2 && key.prefix == FlatBuilder.mergeKey && key.style == .plain { return false }
    if pendingPairs.count - first >= FlatBuilder.maxPairs { return false }
    let keyBytes = UnsafePointer(self.keyBytes.base)
    for i in first..<pendingPairs.count
    where pendingPairs[i].hasKey(
      length: key.length, prefix: key.prefix, bytes: keyBytes + Int(key.offset), in: keyBytes)
    {
      return false
    }
    pendingPairs.append(
      FlatYAML.Pair(
        keyOffset: key.offset, keyLength: key.length, keyPrefix: key.prefix, keyStart: key.start,
        keyEnd: key.end, keyStyle: key.style, value: value))
    return true
  }
}
