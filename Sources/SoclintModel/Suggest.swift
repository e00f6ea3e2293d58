/// "Did you mean" by edit distance, as compilers do.
public enum Suggest {
  /// Levenshtein distance over Unicode scalars, case-insensitive.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().unicodeScalars)
    let y = Array(b.lowercased().unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The closest candidate within a distance that still looks like a typo (a third of the
  /// word, at least 1, at most 3; ties go to the first candidate in the given order), else the
  /// only candidate the word abbreviates.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let limit = max(1, min(3, (word.count + 2) / 3))
    var best: (String, Int)? = nil
    for c in candidates {
      let d = distance(word, c)
      if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    if let best { return best.0 }
    // An abbreviation ("detect" for "detective") is too far by edits but plain to a reader.
    let lower = word.lowercased()
    guard lower.count >= 3 else { return nil }
    let prefixed = candidates.filter { $0.lowercased().hasPrefix(lower) }
    return prefixed.count == 1 ? prefixed[0] : nil
  }
}
