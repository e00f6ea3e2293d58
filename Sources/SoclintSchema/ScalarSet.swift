/// A set of Unicode scalar values, as sorted disjoint ranges, with a bitmap for ASCII.
struct ScalarSet: Sendable {
  private(set) var ranges: [ClosedRange<UInt32>]
  private var asciiLow: UInt64 = 0
  private var asciiHigh: UInt64 = 0

  static let maxScalar: UInt32 = 0x10FFFF

  init(_ ranges: [ClosedRange<UInt32>]) {
    var merged: [ClosedRange<UInt32>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    self.ranges = merged
    for range in merged where range.lowerBound < 128 {
      for c in range.lowerBound...min(range.upperBound, 127) {
        if c < 64 { asciiLow |= 1 << UInt64(c) } else { asciiHigh |= 1 << UInt64(c - 64) }
      }
    }
  }

  init(_ scalar: UInt32) {
    self.init([scalar...scalar])
  }

  func union(_ other: ScalarSet) -> ScalarSet {
    ScalarSet(ranges + other.ranges)
  }

  var complement: ScalarSet {
    var result: [ClosedRange<UInt32>] = []
    var next: UInt32 = 0
    for range in ranges {
      if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
      next = range.upperBound &+ 1
    }
    if next <= ScalarSet.maxScalar && !(ranges.last?.upperBound == ScalarSet.maxScalar) {
      result.append(next...ScalarSet.maxScalar)
    }
    return ScalarSet(result)
  }

  func contains(_ c: UInt32) -> Bool {
    if c < 64 { return asciiLow & (1 << UInt64(c)) != 0 }
    if c < 128 { return asciiHigh & (1 << UInt64(c - 64)) != 0 }
    var low = 0
    var high = ranges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      if c < ranges[middle].lowerBound {
        high = middle - 1
      } else if c > ranges[middle].upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }

  // ECMA-262 classes.
  static let digit = ScalarSet([0x30...0x39])
  static let word = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
  static let space = ScalarSet([
    0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
    0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
  ])
  /// What `.` matches: anything but a line terminator.
  static let dot = ScalarSet([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]).complement
  static let all = ScalarSet([0...maxScalar])
  static let empty = ScalarSet([])
}
