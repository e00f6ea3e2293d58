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
    let hashed: Void? = string.utf8.withContiguousStorageIfAvailable {
      hasher.combine(bytes: UnsafeRawBufferPointer($0))
    }
    if hashed == nil {
      for byte in string.utf8 { hasher.combine(byte) }
    }
  }
}

extension String {
  /// Equality of Unicode scalars, not canonical equivalence.
  func isExactlyEqual(to other: String) -> Bool {
    let (a, b) = (utf8, other.utf8)
    guard a.count == b.count else { return false }
    let equal: Bool?? = a.withContiguousStorageIfAvailable { x in
      b.withContiguousStorageIfAvailable { y in
        for i in 0..<x.count where x[i] != y[i] { return false }
        return true
      }
    }
    if let equal = equal ?? nil { return equal }
    return a.elementsEqual(b)
  }
}
