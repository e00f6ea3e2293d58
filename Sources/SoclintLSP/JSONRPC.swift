import Foundation

/// Any JSON value, for the parts of LSP messages soclint reads loosely (the client's
/// capabilities, initialization options, settings) or passes through (command arguments).
public enum LSPAny: Codable, Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([LSPAny])
  case object([String: LSPAny])

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([LSPAny].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: LSPAny].self))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .double(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// The member `key` of an object; nil for anything else.
  public subscript(key: String) -> LSPAny? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The value following `keys` through nested objects.
  public func at(_ keys: String...) -> LSPAny? {
    var current: LSPAny? = self
    for key in keys { current = current?[key] }
    return current
  }

  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var number: Double? {
    switch self {
    case .int(let value): return Double(value)
    case .double(let value): return value
    default: return nil
    }
  }
}

/// A request's id: JSON-RPC allows a number or a string.
public enum RequestID: Codable, Sendable, Hashable, CustomStringConvertible {
  case int(Int)
  case string(String)

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .int(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    }
  }

  public var description: String {
    switch self {
    case .int(let value): return String(value)
    case .string(let value): return value
    }
  }
}

/// The error codes of JSON-RPC 2.0 and LSP 3.17 that soclint answers with.
public enum ErrorCode {
  public static let parseError = -32700
  public static let invalidRequest = -32600
  public static let methodNotFound = -32601
  public static let invalidParams = -32602
  public static let internalError = -32603
  public static let serverNotInitialized = -32002
  public static let requestFailed = -32803
}

/// A JSON-RPC error object.
public struct ResponseError: Codable, Sendable, Hashable, Error {
  public var code: Int
  public var message: String

  public init(code: Int, message: String) {
    self.code = code
    self.message = message
  }
}

/// What every incoming message says about itself, before its params are read: a request has
/// a method and an id, a notification a method and no id, a response an id and no method.
struct IncomingEnvelope: Decodable {
  let jsonrpc: String?
  let id: RequestID?
  let hasID: Bool
  let method: String?
  let isResponse: Bool

  enum CodingKeys: String, CodingKey {
    case jsonrpc, id, method, result, error
  }

  init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    jsonrpc = try container.decodeIfPresent(String.self, forKey: .jsonrpc)
    hasID = container.contains(.id)
    id = try container.decodeIfPresent(RequestID.self, forKey: .id)
    method = try container.decodeIfPresent(String.self, forKey: .method)
    isResponse = container.contains(.result) || container.contains(.error)
  }
}

/// A message's params, read as the type its method expects.
struct ParamsEnvelope<Params: Decodable>: Decodable {
  let params: Params
}

struct ResponseMessage<Result: Encodable>: Encodable {
  let jsonrpc = "2.0"
  let id: RequestID?
  let result: Result

  enum CodingKeys: String, CodingKey { case jsonrpc, id, result }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(jsonrpc, forKey: .jsonrpc)
    try container.encode(id, forKey: .id)
    // `result` is required in a success, even when it is null.
    try container.encode(result, forKey: .result)
  }
}

struct ErrorMessage: Encodable {
  let jsonrpc = "2.0"
  let id: RequestID?
  let error: ResponseError

  enum CodingKeys: String, CodingKey { case jsonrpc, id, error }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(jsonrpc, forKey: .jsonrpc)
    // An error about a message whose id could not be read has the id null.
    try container.encode(id, forKey: .id)
    try container.encode(error, forKey: .error)
  }
}

struct NotificationMessage<Params: Encodable>: Encodable {
  let jsonrpc = "2.0"
  let method: String
  let params: Params
}

struct RequestMessage<Params: Encodable>: Encodable {
  let jsonrpc = "2.0"
  let id: RequestID
  let method: String
  let params: Params
}

/// LSP's base protocol: each message is a header block (`Content-Length: N`, optionally
/// `Content-Type`), an empty line, then N bytes of JSON.
public enum Framing {
  /// One message with its header.
  public static func frame(_ body: Data) -> Data {
    var out = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
    out.append(body)
    return out
  }

  /// What was taken off the front of a byte buffer.
  public enum Item: Equatable, Sendable {
    /// A whole message body.
    case message(Data)
    /// A header block without a usable Content-Length: the message cannot be delimited and
    /// is dropped; the reader goes on with the bytes after the header block.
    case badHeader(String)
  }

  /// Takes the first complete item off `buffer`; nil when more bytes are needed.
  public static func next(from buffer: inout Data) -> Item? {
    let separator = Data("\r\n\r\n".utf8)
    guard let end = buffer.range(of: separator) else { return nil }
    let header = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
    var length: Int? = nil
    for line in header.split(separator: "\r\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length"
      else { continue }
      length = Int(parts[1].trimmingCharacters(in: .whitespaces))
    }
    guard let length, length >= 0 else {
      buffer.removeSubrange(buffer.startIndex..<end.upperBound)
      return .badHeader(header)
    }
    guard buffer.count - (end.upperBound - buffer.startIndex) >= length else { return nil }
    let bodyEnd = end.upperBound + length
    let body = Data(buffer[end.upperBound..<bodyEnd])
    buffer.removeSubrange(buffer.startIndex..<bodyEnd)
    return .message(body)
  }
}
