import SoclintYAML

/// Makes scalar contents for nodes built outside the YAML loader.
///
/// `Node.Scalar` has no public initialiser, so the only way to get one from outside SoclintYAML
/// is to let the loader make it: all the scalars of one JSON text are written as one YAML block
/// sequence (strings double-quoted with every non-printable-ASCII character escaped, numbers and
/// `true`/`false`/`null` plain, which the core schema resolves exactly as JSON means them) and
/// loaded at once. Equal scalars are requested once. If SoclintYAML ever gets a public
/// `Node.Scalar.init(text:style:value:)`, this type can build the scalars directly.
struct ScalarFactory {
  private var yaml: [UInt8] = []
  private var stringIndices: [ExactString: Int] = [:]
  private var plainIndices: [String: Int] = [:]
  private var count = 0

  /// A string, read back as a double-quoted scalar whose text and value are `value`.
  mutating func addString(_ value: String) -> Int {
    if let index = stringIndices[ExactString(value)] { return index }
    yaml.append(contentsOf: "- \"".utf8)
    for scalar in value.unicodeScalars {
      switch scalar.value {
      case 0x22: yaml.append(contentsOf: "\\\"".utf8)
      case 0x5C: yaml.append(contentsOf: "\\\\".utf8)
      case 0x20...0x7E: yaml.append(UInt8(scalar.value))
      default:
        // libyaml refuses some characters unescaped and folds line breaks (including U+0085,
        // U+2028, U+2029), so everything else goes through a \U escape.
        yaml.append(contentsOf: "\\U".utf8)
        var digits = String(scalar.value, radix: 16, uppercase: true)
        digits = String(repeating: "0", count: 8 - digits.count) + digits
        yaml.append(contentsOf: digits.utf8)
      }
    }
    yaml.append(contentsOf: "\"\n".utf8)
    stringIndices[ExactString(value)] = count
    count += 1
    return count - 1
  }

  /// A JSON number, `true`, `false` or `null`, resolved by the YAML 1.2 core schema: integers
  /// without fraction or exponent that fit become `.int`, other numbers `.float`.
  mutating func addPlain(_ text: String) -> Int {
    if let index = plainIndices[text] { return index }
    yaml.append(contentsOf: "- ".utf8)
    yaml.append(contentsOf: text.utf8)
    yaml.append(0x0A)
    plainIndices[text] = count
    count += 1
    return count - 1
  }

  /// The contents, by the indices `addString` and `addPlain` returned.
  func makeContents() -> [Node.Content]? {
    if count == 0 { return [] }
    let file = YAMLLoader().load(yaml)
    guard file.fatalProblem == nil, file.documents.count == 1,
      let items = file.documents[0].root.sequence, items.count == count
    else { return nil }
    return items.map(\.content)
  }
}
