import SoclintYAML

/// Why a text is not JSON (RFC 8259), and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public let mark: Mark

  public init(message: String, mark: Mark) {
    self.message = message
    self.mark = mark
  }

  public var description: String { "\(mark): \(message)" }
}
