#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A position in a source file, as libyaml reports it.
///
/// Lines and columns are 1-based; columns count Unicode scalar values, not bytes, so that a
/// caret lands under the right character in any editor that counts the same way (LSP, SARIF's
/// `unicodeCodePoints`).
///
/// Stored in 32 bits each (a file is at most 8 MiB, so neither can overflow): every node holds
/// two marks, and the tree of a large project is most of soclint's memory.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
  private var storedLine: Int32
  private var storedColumn: Int32

  /// The line, counting from 1.
  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(clamping: newValue) }
  }
  /// The column, counting from 1, in Unicode scalars.
  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(clamping: newValue) }
  }

  /// The mark at `line` and `column`, both 1-based.
  public init(line: Int, column: Int) {
    storedLine = Int32(clamping: line)
    storedColumn = Int32(clamping: column)
  }

  /// The mark at 0-based `line` and `column` as libyaml counts them, which fit 32 bits (a file
  /// is at most 8 MiB): no clamping, for the two marks of every event.
  init(zeroBasedLine line: Int, column: Int) {
    storedLine = Int32(truncatingIfNeeded: line &+ 1)
    storedColumn = Int32(truncatingIfNeeded: column &+ 1)
  }

  /// The first character of a text: line 1, column 1.
  public static let start = Mark(line: 1, column: 1)

  /// Whether `a` comes before `b` in the text.
  public static func < (a: Mark, b: Mark) -> Bool {
    (a.storedLine, a.storedColumn) < (b.storedLine, b.storedColumn)
  }

  /// `line:column`, as compilers print a position.
  public var description: String { "\(line):\(column)" }
}

/// How a scalar was written; a quoted scalar is always a string.
public enum ScalarStyle: Sendable, Hashable {
  /// Plain, 'single-quoted', "double-quoted", literal (`|`) and folded (`>`).
  case plain, singleQuoted, doubleQuoted, literal, folded

  /// Whether the style is any but plain; such a scalar is always a string, whatever its text.
  public var isQuoted: Bool { self != .plain }
}

/// A scalar's value under the YAML 1.2 core schema.
public enum ScalarValue: Sendable, Hashable {
  /// Null: `~`, `null` or nothing at all.
  case null
  /// A boolean: `true` or `false` (also `True`, `TRUE`...).
  case bool(Bool)
  /// An integer, written in decimal, octal (`0o`) or hexadecimal (`0x`).
  case int(Int)
  /// A floating-point number, `.inf` and `.nan` included.
  case float(Double)
  /// A string: the text of every scalar that resolves to nothing else.
  case string(String)
}

/// One node of a YAML document, with the marks of where it starts and ends.
///
/// Nodes are immutable and shared: an alias is the anchored node itself, so a finding about a
/// node reached through an alias points at the anchored node.
public final class Node: Sendable {
  /// What a node holds, by its YAML kind.
  public enum Content: Sendable {
    /// A scalar.
    case scalar(Scalar)
    /// A sequence's items, in order.
    case sequence([Node])
    /// A mapping's pairs: those written, in order, then those taken in through merge keys (`<<`).
    case mapping([Pair])
  }

  /// A scalar as written and as resolved.
  public struct Scalar: Sendable {
    /// The content, without its quotes and with escapes and line folding applied.
    public let text: String
    /// The value, without a second copy of the text when the value is the text itself (almost
    /// every string): one reference fewer to count for every scalar of every tree. Nine bytes,
    /// declared before `style` so that the two pack into a node of 72 bytes, not 88.
    private let resolved: Resolved
    /// How the scalar was written.
    public let style: ScalarStyle

    private enum Resolved: Sendable {
      case null, bool(Bool), int(Int), float(Double), text
      /// A string other than the text, which only a caller of `init` can make; boxed, so that
      /// it does not widen every scalar.
      indirect case string(String)
    }

    /// What the text means under the YAML 1.2 core schema.
    public var value: ScalarValue {
      switch resolved {
      case .null: return .null
      case .bool(let b): return .bool(b)
      case .int(let i): return .int(i)
      case .float(let d): return .float(d)
      case .text: return .string(text)
      case .string(let s): return .string(s)
      }
    }

    /// What kind of value the scalar holds, without making the value (which copies the text
    /// of a string): what a check of its type reads. A float keeps its number, since a schema
    /// may count 2.0 as an integer.
    public enum Kind: Sendable, Equatable {
      case null, bool, int, float(Double), string
    }

    /// The kind of the value (see `Kind`).
    public var kind: Kind {
      switch resolved {
      case .null: return .null
      case .bool: return .bool
      case .int: return .int
      case .float(let d): return .float(d)
      case .text, .string: return .string
      }
    }

    /// Whether the value is a string (the text itself or another).
    public var isString: Bool {
      switch resolved {
      case .text, .string: return true
      default: return false
      }
    }

    /// The string value, when the value is a string (the text itself or another).
    public var stringValue: String? {
      switch resolved {
      case .text: return text
      case .string(let s): return s
      default: return nil
      }
    }

    /// A scalar read from its text, style and tag as libyaml gives them, its value resolved
    /// by the YAML 1.2 core schema; `firstByte` is the text's first byte.
    init(reading text: String, style: ScalarStyle, tag: String?, firstByte: UInt8?) {
      if tag == nil, CoreSchema.isTextItself(style: style, firstByte: firstByte) {
        // Most scalars: resolving them and comparing the value with the text cost 250
        // instructions each.
        self.init(textItself: text, style: style)
      } else {
        self.init(text: text, style: style, value: CoreSchema.resolve(text, style: style, tag: tag))
      }
    }

    /// A scalar whose value is its text (see `CoreSchema.isTextItself`).
    init(textItself text: String, style: ScalarStyle) {
      self.text = text
      self.style = style
      resolved = .text
    }

    /// A scalar from its text, its style and the value they resolve to.
    public init(text: String, style: ScalarStyle, value: ScalarValue) {
      self.text = text
      self.style = style
      switch value {
      case .null: resolved = .null
      case .bool(let b): resolved = .bool(b)
      case .int(let i): resolved = .int(i)
      case .float(let d): resolved = .float(d)
      case .string(let s): resolved = s == text ? .text : .string(s)
      }
    }
  }

  /// One key of a mapping and its value; the key is a node, so that findings can point at it.
  public struct Pair: Sendable {
    /// The key's node when it was built as one: a key with a tag or an anchor, one that is not
    /// a string, or not a scalar. Nil for the others, almost every key, whose node `key` makes
    /// from the text and the marks only when asked: no finding points at most keys, and their
    /// nodes were two in five of every tree's objects to allocate, count and free.
    private let storedKey: Node?
    /// What the key maps to.
    public let value: Node
    /// The key's text when it is a scalar, read out of the key once: the model looks up every
    /// field of every document by name, and reading each pair's key node again for every
    /// lookup (a copy of its content, in and out) was most of the model builder's time.
    public let keyText: String?
    /// Where the key's first character is.
    public let keyStart: Mark
    /// The position just after the key's last character.
    public let keyEnd: Mark
    /// How a key without a stored node was written.
    private let keyStyle: ScalarStyle

    /// The key; soclint's files use scalar keys, but YAML allows any node. Two reads of a key
    /// that was not kept as a node give two equal nodes, not the same one.
    public var key: Node {
      storedKey ?? Pair.keyNode(keyText ?? "", style: keyStyle, start: keyStart, end: keyEnd)
    }

    /// The node of a key that is a string without tag or anchor, made from its parts.
    static func keyNode(_ text: String, style: ScalarStyle, start: Mark, end: Mark) -> Node {
      Node(content: .scalar(Scalar(textItself: text, style: style)), start: start, end: end)
    }

    /// The stretch of the key's text, without making its node.
    public var keySpan: YAMLFile.Span { YAMLFile.Span(start: keyStart, end: keyEnd) }

    /// The key's node when the pair holds one (see `key`).
    package var keyNode: Node? { storedKey }

    /// The pair of `key` and `value`.
    public init(key: Node, value: Node) {
      self.init(key: key, value: value, keyText: key.keyText)
    }

    /// The pair, with the key's text already read.
    init(key: Node, value: Node, keyText: String?) {
      storedKey = key
      self.value = value
      self.keyText = keyText
      keyStart = key.start
      keyEnd = key.end
      keyStyle = .plain
    }

    /// The pair of a key that is a string scalar without tag or anchor, which keeps no node.
    init(keyText: String, style: ScalarStyle, start: Mark, end: Mark, value: Node) {
      storedKey = nil
      self.value = value
      self.keyText = keyText
      keyStart = start
      keyEnd = end
      keyStyle = style
    }

    /// The position of the first of `pairs` whose key's text is `key` (the same Unicode
    /// scalars), read in place; keys of another length, most of them, are passed over at once.
    /// Fields are looked up by name, repeated keys found and JSON members checked this way.
    package static func firstIndex(ofKey key: String, in pairs: UnsafeBufferPointer<Pair>) -> Int? {
      let length = key.utf8.count
      for i in pairs.indices {
        guard let text = pairs[i].keyText, text.utf8.count == length, text.isExactlyEqual(to: key) else {
          continue
        }
        return i
      }
      return nil
    }
  }

  /// The node without its children: a scalar is itself; a mapping or a list is a copy with
  /// its marks, tag and anchor but no pairs or items. The typed model keeps these for the
  /// places they mark, so that a document's tree is freed once the model is built; holding
  /// every tree of a project of 10,000 controls was most of soclint's memory.
  public var detached: Node {
    switch content {
    case .scalar: return self
    case .sequence: return Node(content: .sequence([]), start: start, end: end, tag: tag, anchor: anchor)
    case .mapping: return Node(content: .mapping([]), start: start, end: end, tag: tag, anchor: anchor)
    }
  }

  /// The node's scalar, items or pairs.
  public let content: Content
  /// Where the node's first character is.
  public let start: Mark
  /// The position just after the node's last character.
  public let end: Mark
  /// The tag and the anchor, which few nodes have, kept aside so that the others do not pay
  /// for two empty strings each.
  private let properties: Properties?

  private final class Properties: Sendable {
    let tag: String?
    let anchor: String?

    init(tag: String?, anchor: String?) {
      self.tag = tag
      self.anchor = anchor
    }
  }

  /// The tag in its full form (`!!str` is "tag:yaml.org,2002:str"); nil when the node has none.
  public var tag: String? { properties?.tag }
  /// The name of the anchor (`&name`) the node was given, if any.
  public var anchor: String? { properties?.anchor }

  /// A node from its parts; JSON nodes and most YAML ones have neither tag nor anchor.
  public init(content: Content, start: Mark, end: Mark, tag: String? = nil, anchor: String? = nil) {
    self.content = content
    self.start = start
    self.end = end
    self.properties = tag == nil && anchor == nil ? nil : Properties(tag: tag, anchor: anchor)
  }

  /// The scalar, when the node is one.
  public var scalar: Scalar? {
    if case .scalar(let s) = content { return s }
    return nil
  }

  /// The items, when the node is a sequence.
  public var sequence: [Node]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The pairs, when the node is a mapping.
  public var mapping: [Pair]? {
    if case .mapping(let pairs) = content { return pairs }
    return nil
  }

  /// The string value of a scalar that resolved to a string.
  public var string: String? {
    scalar?.stringValue
  }

  /// The text of a scalar key, whatever it resolved to (`1: x` has the key "1").
  public var keyText: String? { scalar?.text }

  /// The value of the first pair whose key's text is `key` (the same Unicode scalars), when the
  /// node is a mapping.
  public subscript(key: String) -> Node? {
    pair(key)?.value
  }

  /// The pair whose key is `key`, to point at the key itself.
  public func pair(_ key: String) -> Pair? {
    guard case .mapping(let pairs) = content else { return nil }
    // Keys are compared by their bytes, as the schema compares property names (not by
    // canonical equivalence, as `==` would).
    return pairs.withUnsafeBufferPointer { buffer in
      Pair.firstIndex(ofKey: key, in: buffer).map { buffer[$0] }
    }
  }

  /// A short name of the node's YAML type, for messages: "a string", "a mapping"...
  public var typeDescription: String {
    switch content {
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .scalar(let s):
      switch s.value {
      case .null: return "null"
      case .bool: return "a boolean"
      case .int: return "an integer"
      case .float: return "a number"
      case .string: return "a string"
      }
    }
  }
}

extension String {
  /// `a/b`, made in one allocation from both strings' bytes read in place: paths are joined for
  /// every entry of a walk and JSON Pointers for every field of every control, and an append or
  /// an interpolation grew the string twice (300 to 600 instructions each).
  package static func slashJoined(_ a: String, _ b: String) -> String {
    let joined = a.utf8.withContiguousStorageIfAvailable { x in
      b.utf8.withContiguousStorageIfAvailable { y in
        String(unsafeUninitializedCapacity: x.count + 1 + y.count) { buffer in
          let base = UnsafeMutableRawPointer(buffer.baseAddress!)
          if let from = x.baseAddress { base.copyMemory(from: from, byteCount: x.count) }
          buffer[x.count] = UInt8(ascii: "/")
          if let from = y.baseAddress { (base + x.count + 1).copyMemory(from: from, byteCount: y.count) }
          return x.count + 1 + y.count
        }
      }
    }
    if let joined, let string = joined { return string }
    return a + "/" + b
  }

  /// Equality of Unicode scalars (the same UTF-8 bytes), not canonical equivalence: how JSON
  /// compares strings and property names, and how keys are looked up. Compared in the strings'
  /// own storage; the generic `elementsEqual` over two UTF-8 views costs some 500 instructions
  /// a call.
  package func isExactlyEqual(to other: String) -> Bool {
    // Read in place, without the copies `withUTF8` needs (it is mutating): the copies counted a
    // reference in and out on both strings, and keys are compared some 200 times a document.
    let inPlace = utf8.withContiguousStorageIfAvailable { x in
      other.utf8.withContiguousStorageIfAvailable { y in
        x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
      }
    }
    if let inPlace, let equal = inPlace { return equal }
    return utf8.elementsEqual(other.utf8)
  }
}
