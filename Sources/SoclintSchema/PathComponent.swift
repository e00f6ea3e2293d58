/// One step from a JSON value into a member or an item.
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
  /// A member of an object, by name.
  case key(String)
  /// An item of an array, by 0-based index.
  case index(Int)

  /// The step as a JSON Pointer reference token, escaped.
  public var referenceToken: String {
    switch self {
    case .key(let name): return JSONPointer.escape(name)
    case .index(let index): return String(index)
    }
  }

  /// The step as it appears in a JSON Pointer.
  public var description: String { referenceToken }

  /// The member name, for a `.key` step.
  public var key: String? {
    if case .key(let name) = self { return name }
    return nil
  }
}

/// JSON Pointers (RFC 6901): "" is the whole document, "/a/0" the first item of member a.
public enum JSONPointer {
  /// The pointer to an instance path: `[.key("evidence"), .index(0)]` is "/evidence/0".
  public static func string(_ path: [PathComponent]) -> String {
    var pointer = ""
    for component in path {
      pointer += "/"
      pointer += component.referenceToken
    }
    return pointer
  }

  /// The pointer to a member or an item of what `pointer` points at: `token` must be escaped
  /// already (`escape`), as the names of soclint's own fields need not be.
  public static func appending(_ token: String, to pointer: String) -> String {
    String.slashJoined(pointer, token)
  }

  /// The pointer to item `index` of the list `pointer` points at.
  public static func appending(index: Int, to pointer: String) -> String {
    String.slashJoined(pointer, String(index))
  }

  /// Escapes one reference token: "~" as "~0", "/" as "~1".
  public static func escape(_ token: String) -> String {
    if !token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
      return token
    }
    var escaped = ""
    for c in token.unicodeScalars {
      switch c {
      case "~": escaped += "~0"
      case "/": escaped += "~1"
      default: escaped.unicodeScalars.append(c)
      }
    }
    return escaped
  }

  /// The unescaped reference tokens of a pointer, or nil if it is not one (it must be empty or
  /// start with "/", and "~" must be followed by 0 or 1).
  public static func tokens(_ pointer: String) -> [String]? {
    if pointer.isEmpty { return [] }
    guard pointer.hasPrefix("/") else { return nil }
    var tokens: [String] = []
    var token = ""
    var scalars = pointer.unicodeScalars.dropFirst().makeIterator()
    while let c = scalars.next() {
      switch c {
      case "/":
        tokens.append(token)
        token = ""
      case "~":
        switch scalars.next() {
        case "0": token += "~"
        case "1": token += "/"
        default: return nil
        }
      default: token.unicodeScalars.append(c)
      }
    }
    tokens.append(token)
    return tokens
  }
}
