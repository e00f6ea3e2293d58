#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension String {
  /// Whether the string comes before `other` in the order of their UTF-8 bytes: the order of
  /// paths and ids in every output, whatever the locale.
  ///
  /// The same as `utf8.lexicographicallyPrecedes(other.utf8)`, compared in the strings' own
  /// storage: sorting the paths and findings of a large project that way took a hundred times
  /// the instructions.
  package func precedesInBytes(_ other: String) -> Bool {
    withBorrowedUTF8 { x in other.withBorrowedUTF8 { y in String.precedes(x, y) } }
  }

  /// Runs `body` over the string's UTF-8 bytes where they are stored: a copy of the string in a
  /// `var`, to call `withUTF8`, counts a reference in and out, at every comparison of a sort or
  /// every file of a reading. Only a string not stored contiguously is copied. Inlinable, so that
  /// other modules get it made for their closures: called as a generic, it cost the reading 2.5 M
  /// instructions more on 1,000 files than the copies it saves.
  @inlinable package func withBorrowedUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
  {
    if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = self
    return try copy.withUTF8(body)
  }

  private static func precedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
    let common = Swift.min(x.count, y.count)
    if common > 0 {
      let order = memcmp(x.baseAddress!, y.baseAddress!, common)
      if order != 0 { return order < 0 }
    }
    return x.count < y.count
  }
}
