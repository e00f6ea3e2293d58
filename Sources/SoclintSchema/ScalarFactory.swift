import SoclintYAML

/// Makes the scalar contents of nodes read from JSON, resolving numbers and literals exactly as
/// the YAML layer does (the YAML 1.2 core schema agrees with JSON on them): integers without
/// fraction or exponent that fit become `.int`, other numbers `.float`. Equal scalars are made
/// once and shared.
struct ScalarFactory {
  private var contents: [Node.Content] = []
  private var stringIndices: [ExactString: Int] = [:]
  private var plainIndices: [String: Int] = [:]

  /// A string, as a double-quoted scalar whose text and value are `value`.
  mutating func addString(_ value: String) -> Int {
    if let index = stringIndices[ExactString(value)] { return index }
    contents.append(.scalar(Node.Scalar(text: value, style: .doubleQuoted, value: .string(value))))
    stringIndices[ExactString(value)] = contents.count - 1
    return contents.count - 1
  }

  /// A JSON number, `true`, `false` or `null`.
  mutating func addPlain(_ text: String) -> Int {
    if let index = plainIndices[text] { return index }
    contents.append(.scalar(Node.Scalar(text: text, style: .plain, value: CoreSchema.resolvePlain(text))))
    plainIndices[text] = contents.count - 1
    return contents.count - 1
  }

  /// The contents, by the indices `addString` and `addPlain` returned.
  func makeContents() -> [Node.Content]? { contents }
}
