/// A string compared by its Unicode scalars, as JSON compares strings and property names.
///
/// Swift's `String` equality is canonical equivalence ("é" equals "e" + U+0301); JSON's is not
/// (see `String.isExactlyEqual(to:)`). Mapping keys are compared the same way: YAML compares
/// scalars by their characters, without normalising them.
package struct ExactString: Hashable, Sendable {
  package let string: String

  package init(_ string: String) {
    self.string = string
  }

  package static func == (a: ExactString, b: ExactString) -> Bool {
    a.string.isExactlyEqual(to: b.string)
  }

  package func hash(into hasher: inout Hasher) {
    let hashed: Void? = string.utf8.withContiguousStorageIfAvailable {
      hasher.combine(bytes: UnsafeRawBufferPointer($0))
    }
    if hashed == nil {
      for byte in string.utf8 { hasher.combine(byte) }
    }
  }
}
