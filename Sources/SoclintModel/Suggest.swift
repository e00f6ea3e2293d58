/// "Did you mean" by edit distance, as compilers do.
public enum Suggest {
  /// The optimal-string-alignment distance over Unicode scalars, case-insensitive: insertions,
  /// deletions, substitutions and transpositions of neighbours each count one edit, so `bne` is
  /// one edit from `ben`.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().unicodeScalars)
    let y = Array(b.lowercased().unicodeScalars)
    return distance(x, y, limit: max(x.count, y.count))!
  }

  /// The distance when it is at most `limit`, else nil. Only a band of `limit` cells either
  /// side of the diagonal is computed, so two long ids cost length × limit, not length².
  static func distance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int? {
    if abs(x.count - y.count) > limit { return nil }
    if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
    let outside = limit + 1
    let width = y.count + 1
    // Three rows: two back (for transpositions), the previous one and the current one.
    var before = [Int](repeating: outside, count: width)
    var previous = [Int](repeating: outside, count: width)
    var current = [Int](repeating: outside, count: width)
    for j in 0...min(y.count, limit) { previous[j] = j }
    for i in 1...x.count {
      let low = max(1, i - limit)
      let high = min(y.count, i + limit)
      // Cells outside this row's band keep values from three rows back; the two that the next
      // rows can read are reset below.
      current[0] = i <= limit ? i : outside
      var rowBest = current[0]
      if low <= high {
        for j in low...high {
          let cost = x[i - 1] == y[j - 1] ? 0 : 1
          var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
          if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, before[j - 2] + 1) }
          current[j] = min(d, outside)
          rowBest = min(rowBest, current[j])
        }
      }
      if low - 1 >= 1 { current[low - 1] = outside }
      if high + 1 < width { current[high + 1] = outside }
      if rowBest > limit { return nil }
      (before, previous, current) = (previous, current, before)
    }
    let d = previous[y.count]
    return d <= limit ? d : nil
  }

  /// The closest candidate within a distance that still looks like a typo (a third of the
  /// word, at least 1, at most 3; ties go to the first candidate in the given order), else the
  /// only candidate the word abbreviates.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let lower = word.lowercased()
    let x = Array(lower.unicodeScalars)
    let limit = max(1, min(3, (x.count + 2) / 3))
    var best: (String, Int)? = nil
    for c in candidates {
      let y = Array(c.lowercased().unicodeScalars)
      let bound = min(limit, (best?.1 ?? Int.max) - 1)
      if bound < 0 { break }
      if let d = distance(x, y, limit: bound) { best = (c, d) }
    }
    if let best { return best.0 }
    // An abbreviation ("detect" for "detective") is too far by edits but plain to a reader.
    guard x.count >= 3 else { return nil }
    var only: String? = nil
    for c in candidates where c.lowercased().hasPrefix(lower) {
      if only != nil { return nil }
      only = c
    }
    return only
  }
}
