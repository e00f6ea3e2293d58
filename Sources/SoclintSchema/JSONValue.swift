import SoclintYAML

/// A node seen as a JSON value: a mapping is an object keyed by its key scalars' text, a
/// sequence an array, a scalar its core-schema value. A property name is checked as a string.
enum JSONValue {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  case array([Node])
  case object([Node.Pair])

  init(_ node: Node) {
    switch node.content {
    case .mapping(let pairs): self = .object(pairs)
    case .sequence(let items): self = .array(items)
    case .scalar(let scalar):
      switch scalar.value {
      case .null: self = .null
      case .bool(let b): self = .bool(b)
      case .int(let i): self = .int(i)
      case .float(let d): self = .float(d)
      case .string(let s): self = .string(s)
      }
    }
  }

  var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .float(let d): return d
    default: return nil
    }
  }

  /// JSON Schema's type of the value; `integer` is reported for integral numbers, including 1.0,
  /// unless `writtenIntegers` (see `JSONSchemaValidator.writtenIntegers`).
  func type(writtenIntegers: Bool) -> JSONTypeSet {
    switch self {
    case .null: return .null
    case .bool: return .boolean
    case .int: return .integer
    case .float(let d): return JSONTypeSet.of(d, writtenIntegers: writtenIntegers)
    case .string: return .string
    case .array: return .array
    case .object: return .object
    }
  }

  /// JSON equality: numbers by value (1 == 1.0), arrays item by item, objects by key set and
  /// the values of equal keys. A boolean is never equal to a number.
  func equals(_ other: JSONValue) -> Bool {
    switch (self, other) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.int, .float), (.float, .int), (.float, .float): return number! == other.number!
    case (.string(let a), .string(let b)): return a.isExactlyEqual(to: b)
    case (.array(let a), .array(let b)):
      guard a.count == b.count else { return false }
      for (x, y) in zip(a, b) where !JSONValue(x).equals(JSONValue(y)) { return false }
      return true
    case (.object(let a), .object(let b)):
      let aMembers = JSONValue.members(a)
      let bMembers = JSONValue.members(b)
      guard aMembers.count == bMembers.count else { return false }
      for (name, x) in aMembers {
        guard let y = bMembers[name], JSONValue(x).equals(JSONValue(y)) else { return false }
      }
      return true
    default: return false
    }
  }

  /// The members of an object by name; with a duplicate key, the first one counts, as in
  /// `Node.subscript`.
  private static func members(_ pairs: [Node.Pair]) -> [ExactString: Node] {
    var members: [ExactString: Node] = [:]
    for pair in pairs {
      if let name = pair.keyText, members[ExactString(name)] == nil {
        members[ExactString(name)] = pair.value
      }
    }
    return members
  }

  /// A hash consistent with `equals`, for finding duplicate items.
  func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let b):
      hasher.combine(1)
      hasher.combine(b)
    case .int, .float:
      hasher.combine(2)
      hasher.combine(number!)
    case .string(let s):
      hasher.combine(3)
      hasher.combine(ExactString(s))
    case .array(let items):
      hasher.combine(4)
      hasher.combine(items.count)
      for item in items { JSONValue(item).hash(into: &hasher) }
    case .object(let pairs):
      hasher.combine(5)
      // Key order does not matter: combine the members' hashes commutatively.
      var sum = 0
      for (name, value) in JSONValue.members(pairs) {
        var member = Hasher()
        member.combine(name)
        JSONValue(value).hash(into: &member)
        sum = sum &+ member.finalize()
      }
      hasher.combine(sum)
    }
  }
}

/// A set of JSON Schema type names.
struct JSONTypeSet: OptionSet, Sendable {
  let rawValue: UInt8

  static let null = JSONTypeSet(rawValue: 1)
  static let boolean = JSONTypeSet(rawValue: 2)
  static let object = JSONTypeSet(rawValue: 4)
  static let array = JSONTypeSet(rawValue: 8)
  static let number = JSONTypeSet(rawValue: 16)
  static let string = JSONTypeSet(rawValue: 32)
  static let integer = JSONTypeSet(rawValue: 64)

  init(rawValue: UInt8) { self.rawValue = rawValue }

  /// The type of a number written with a fraction or an exponent: `integer` when it is
  /// integral (JSON Schema's rule), unless `writtenIntegers` makes every such number a number.
  static func of(_ d: Double, writtenIntegers: Bool) -> JSONTypeSet {
    !writtenIntegers && d.isFinite && d.rounded(.towardZero) == d ? .integer : .number
  }

  init?(name: String) {
    switch name {
    case "null": self = .null
    case "boolean": self = .boolean
    case "object": self = .object
    case "array": self = .array
    case "number": self = [.number, .integer]
    case "string": self = .string
    case "integer": self = .integer
    default: return nil
    }
  }
}
