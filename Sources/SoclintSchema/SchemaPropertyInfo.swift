/// What a schema says about one property of an object, for messages and suggestions.
public struct SchemaPropertyInfo: Sendable, Equatable {
  /// The property's name, as `properties` writes it.
  public let name: String
  /// The JSON type names the property's `type` allows (empty when it does not say).
  public let types: [String]
  /// The first `title` among the property's subschemas, if any.
  public let title: String?
  /// The first `description` among the property's subschemas, if any.
  public let description: String?
  /// Whether a `required` of the object's schema lists it.
  public let isRequired: Bool

  /// What a schema says about one property, from its parts.
  public init(name: String, types: [String], title: String?, description: String?, isRequired: Bool) {
    self.name = name
    self.types = types
    self.title = title
    self.description = description
    self.isRequired = isRequired
  }
}
