/// A position in a source file, as libyaml reports it.
///
/// Lines and columns are 1-based; columns count Unicode scalar values, not bytes, so that a
/// caret lands under the right character in any editor that counts the same way (LSP, SARIF's
/// `unicodeCodePoints`).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static let start = Mark(line: 1, column: 1)

  public static func < (a: Mark, b: Mark) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }

  public var description: String { "\(line):\(column)" }
}

/// How a scalar was written; a quoted scalar is always a string.
public enum ScalarStyle: Sendable, Hashable {
  case plain, singleQuoted, doubleQuoted, literal, folded

  public var isQuoted: Bool { self != .plain }
}

/// A scalar's value under the YAML 1.2 core schema.
public enum ScalarValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
}

/// One node of a YAML document, with the marks of where it starts and ends.
///
/// Nodes are immutable and shared: an alias is the anchored node itself, so a finding about a
/// node reached through an alias points at the anchored node.
public final class Node: Sendable {
  public enum Content: Sendable {
    case scalar(Scalar)
    case sequence([Node])
    case mapping([Pair])
  }

  public struct Scalar: Sendable {
    public let text: String
    public let style: ScalarStyle
    public let value: ScalarValue

    public init(text: String, style: ScalarStyle, value: ScalarValue) {
      self.text = text
      self.style = style
      self.value = value
    }
  }

  public struct Pair: Sendable {
    public let key: Node
    public let value: Node

    public init(key: Node, value: Node) {
      self.key = key
      self.value = value
    }
  }

  public let content: Content
  public let start: Mark
  public let end: Mark
  public let tag: String?
  public let anchor: String?

  public init(content: Content, start: Mark, end: Mark, tag: String? = nil, anchor: String? = nil) {
    self.content = content
    self.start = start
    self.end = end
    self.tag = tag
    self.anchor = anchor
  }

  public var scalar: Scalar? {
    if case .scalar(let s) = content { return s }
    return nil
  }

  public var sequence: [Node]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

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
