import SoclintYAML

/// Why a schema was refused: the validator compiles only schemas it can honour in full.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
  /// What the schema does that the validator refuses, as data for callers and tests.
  public enum Kind: Sendable, Equatable {
    /// The schema text is not JSON.
    case invalidJSON
    /// A keyword this validator does not implement (`unevaluatedProperties`, `$anchor`...), or
    /// `$id` below the root.
    case unsupportedKeyword(String)
    /// `$schema` names a dialect other than draft 2020-12.
    case unsupportedDialect(String)
    /// A keyword's value is not what the specification allows (`minLength: -1`, `type: "int"`).
    case invalidValue(keyword: String)
    /// A subschema that is neither an object nor a boolean.
    case notASchema
    /// A `$ref` to another document, an anchor, or a pointer to nothing in this document.
    case unresolvableReference(String)
    /// A `pattern` or `patternProperties` regex that does not compile.
    case invalidPattern(String)
    /// References that lead back to the same subschema without going into the instance, which
    /// validation could never finish.
    case referenceCycle
  }

  /// What sort of refusal it is.
  public let kind: Kind
  /// The JSON Pointer in the schema of the keyword (or subschema) at fault.
  public let schemaPath: String
  /// Where it is in the schema's text, when known.
  public let mark: Mark?
  /// A sentence for people.
  public let message: String

  /// An error from its parts.
  public init(kind: Kind, schemaPath: String, mark: Mark?, message: String) {
    self.kind = kind
    self.schemaPath = schemaPath
    self.mark = mark
    self.message = message
  }

  /// The message, with the mark in front when known and the schema path after it.
  public var description: String {
    let at = schemaPath.isEmpty ? "the schema root" : "'\(schemaPath)'"
    return "\(mark.map { "\($0): " } ?? "")\(message) (at \(at))"
  }
}
