/// A string compared by its Unicode scalars, as JSON compares strings and property names.
///
/// Swift's `String` equality is canonical equivalence ("é" equals "e" + U+0301); JSON's is not.
struct ExactString: Hashable, Sendable {
  let string: String

  init(_ string: String) {
    self.string = string
  }

  static func == (a: ExactString, b: ExactString) -> Bool {
    a.string.isExactlyEqual(to: b.string)
  }

  func hash(into hasher: inout Hasher) {
    var string = string
    string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}

extension String {
  /// Equality of Unicode scalars, not canonical equivalence.
  func isExactlyEqual(to other: String) -> Bool {
    self == other && utf8.elementsEqual(other.utf8)
  }
}
