/// A position in a source file, as libyaml reports it.
///
/// Lines and columns are 1-based; columns count Unicode scalar values, not bytes, so that a
/// caret lands under the right character in any editor that counts the same way (LSP, SARIF's
/// `unicodeCodePoints`).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The line, counting from 1.
  public var line: Int
  /// The column, counting from 1, in Unicode scalars.
  public var column: Int

  /// The mark at `line` and `column`, both 1-based.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// The first character of a text: line 1, column 1.
  public static let start = Mark(line: 1, column: 1)

  /// Whether `a` comes before `b` in the text.
  public static func < (a: Mark, b: Mark) -> Bool {
    (a.line, a.column) < (b.line, b.column)
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
    /// How the scalar was written.
    public let style: ScalarStyle
    /// What the text means under the YAML 1.2 core schema.
    public let value: ScalarValue

    /// A scalar from its text, its style and the value they resolve to.
    public init(text: String, style: ScalarStyle, value: ScalarValue) {
      self.text = text
      self.style = style
      self.value = value
    }
  }

  /// One key of a mapping and its value; the key is a node, so that findings can point at it.
  public struct Pair: Sendable {
    /// The key; soclint's files use scalar keys, but YAML allows any node.
    public let key: Node
    /// What the key maps to.
    public let value: Node

    /// The pair of `key` and `value`.
    public init(key: Node, value: Node) {
      self.key = key
      self.value = value
    }
  }

  /// The node's scalar, items or pairs.
  public let content: Content
  /// Where the node's first character is.
  public let start: Mark
  /// The position just after the node's last character.
  public let end: Mark
  /// The tag in its full form (`!!str` is "tag:yaml.org,2002:str"); nil when the node has none.
  public let tag: String?
  /// The name of the anchor (`&name`) the node was given, if any.
  public let anchor: String?

  /// A node from its parts; JSON nodes and most YAML ones have neither tag nor anchor.
  public init(content: Content, start: Mark, end: Mark, tag: String? = nil, anchor: String? = nil) {
    self.content = content
    self.start = start
    self.end = end
    self.tag = tag
    self.anchor = anchor
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
    if case .scalar(let s) = content, case .string(let v) = s.value { return v }
    return nil
  }

  /// The text of a scalar key, whatever it resolved to (`1: x` has the key "1").
  public var keyText: String? { scalar?.text }

  /// The value of the first pair whose key's text is `key`, when the node is a mapping.
  public subscript(key: String) -> Node? {
    guard case .mapping(let pairs) = content else { return nil }
    return pairs.first { $0.key.keyText == key }?.value
  }

  /// The pair whose key is `key`, to point at the key itself.
  public func pair(_ key: String) -> Pair? {
    mapping?.first { $0.key.keyText == key }
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
