import SoclintYAML

/// Why a text is not JSON (RFC 8259), and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, as a sentence for people.
  public let message: String
  /// Where in the text the reader found it.
  public let mark: Mark

  /// An error saying `message` at `mark`.
  public init(message: String, mark: Mark) {
    self.message = message
    self.mark = mark
  }

  /// `line:column: message`.
  public var description: String { "\(mark): \(message)" }
}
