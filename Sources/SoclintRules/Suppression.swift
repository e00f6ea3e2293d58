import SoclintDiagnostics
import SoclintModel

/// A `# soclint: ignore[...]` comment, read from the source text because libyaml drops
/// comments.
public struct Suppression: Sendable {
  /// Where a suppression applies.
  public enum Scope: Sendable, Equatable {
    /// Silences findings on this line.
    case line(Int)
    /// Silences findings in the whole file.
    case file
  }

  /// A rule name inside the brackets, where it is written.
  public struct RuleName: Sendable {
    /// The name as written; it may not be a rule (unknown-rule).
    public let name: String
    /// Where the name is, for findings about it.
    public let range: SourceRange
  }

  /// The project-relative path of the file that holds the comment.
  public let path: String
  /// Where the comment's `#` is.
  public let range: SourceRange
  /// The line it applies to, or the whole file.
  public let scope: Scope
  /// The rules it names, in order.
  public let rules: [RuleName]
  /// The day after which it no longer applies, when `until DATE` is given.
  public let until: Day?
  /// The text after `until DATE` in the comment: why the finding is accepted.
  public let reason: String
  /// The `until` text when it does not name a real day.
  public let badUntil: String?

  /// Reads every suppression comment of a file. Only real YAML comments count: a line of a
  /// block scalar or of a multi-line quoted scalar that reads `# soclint: ignore[...]` is text
  /// of a value, and silences nothing.
  public static func parse(_ file: SourceFile) -> [Suppression] {
    // Where multi-line scalars start and end: a comment can only stand before the first or
    // after the last, and lines wholly inside one hold none.
    var insideLines = Set<Int>()
    var scanFrom: [Int: Int] = [:]  // line -> the column where a scalar ends on it
    var scanUntil: [Int: Int] = [:]  // line -> the column where a scalar starts on it
    for span in file.multilineScalars {
      scanUntil[span.start.line] = span.start.column
      scanFrom[span.end.line] = span.end.column
      if span.end.line > span.start.line + 1 { insideLines.formUnion(span.start.line + 1..<span.end.line) }
    }
    var out: [Suppression] = []
    var pendingAlone: [(Int, Suppression)] = []  // comments alone on a line, awaiting content
    for (i, line) in file.lines.enumerated() {
      let lineNumber = i + 1
      var comment: Substring.Index? = nil
      if !insideLines.contains(lineNumber) {
        let scalars = line.unicodeScalars
        let from =
          scanFrom[lineNumber].flatMap {
            scalars.index(line.startIndex, offsetBy: $0 - 1, limitedBy: line.endIndex)
          } ?? line.startIndex
        let until =
          scanUntil[lineNumber].flatMap {
            scalars.index(line.startIndex, offsetBy: $0 - 1, limitedBy: line.endIndex)
          } ?? line.endIndex
        if from <= until {
          comment = commentStart(in: line[from..<until], atLineStart: from == line.startIndex)
        }
      }
      let content = comment.map { line[..<$0] } ?? line[...]
      let hasContent = !content.allSatisfy { $0 == " " || $0 == "\t" }
      if hasContent {
        // Comments waiting for the next line with YAML content apply here.
        for (_, s) in pendingAlone {
          out.append(s.with(scope: .line(lineNumber)))
        }
        pendingAlone.removeAll()
      }
      guard let hash = comment else { continue }
      let text = line[line.index(after: hash)...]
      let column = line[..<hash].unicodeScalars.count + 1
      guard let s = parseComment(text, path: file.path, line: lineNumber, hashColumn: column) else {
        continue
      }
      if s.scope == .file {
        out.append(s)
      } else if hasContent {
        out.append(s.with(scope: .line(lineNumber)))
      } else {
        pendingAlone.append((lineNumber, s))
      }
    }
    // A comment alone at the end of a file applies to nothing; it is still reported if unused.
    for (line, s) in pendingAlone { out.append(s.with(scope: .line(line))) }
    return out
  }

  func with(scope: Scope) -> Suppression {
    Suppression(
      path: path, range: range, scope: scope, rules: rules, until: until, reason: reason, badUntil: badUntil)
  }

  /// The index of the `#` that starts a comment, skipping quoted scalars; a `#` starts a comment
  /// only at the start of a line or after white space.
  static func commentStart(in line: Substring, atLineStart: Bool = true) -> Substring.Index? {
    var quote: Character? = nil
    // Right after a scalar that ends mid-line, a `#` needs white space before it, as in YAML.
    var previous: Character = atLineStart ? " " : "x"
    var i = line.startIndex
    while i < line.endIndex {
      let c = line[i]
      if let q = quote {
        if c == q {
          // '' inside a single-quoted scalar is an escaped quote.
          let next = line.index(after: i)
          if q == "'" && next < line.endIndex && line[next] == "'" {
            i = line.index(after: next)
            previous = c
            continue
          }
          quote = nil
        } else if q == "\"" && c == "\\" {
          i = line.index(after: i)
          if i < line.endIndex { i = line.index(after: i) }
          continue
        }
      } else if c == "#" && (previous == " " || previous == "\t") {
        return i
      } else if (c == "\"" || c == "'")
        && (previous == " " || previous == "\t" || previous == ":" || previous == "[" || previous == "{"
          || previous == "," || previous == "-")
      {
        quote = c
      }
      previous = c
      i = line.index(after: i)
    }
    return nil
  }

  static func parseComment(_ text: Substring, path: String, line: Int, hashColumn: Int) -> Suppression? {
    var rest = text.drop { $0 == " " || $0 == "\t" }
    guard rest.hasPrefix("soclint:") else { return nil }
    rest = rest.dropFirst("soclint:".count).drop { $0 == " " || $0 == "\t" }
    let isFile: Bool
    if rest.hasPrefix("ignore-file[") {
      isFile = true
      rest = rest.dropFirst("ignore-file".count)
    } else if rest.hasPrefix("ignore[") {
      isFile = false
      rest = rest.dropFirst("ignore".count)
    } else {
      return nil
    }
    guard let close = rest.firstIndex(of: "]") else { return nil }
    var names: [RuleName] = []
    for part in rest[rest.index(after: rest.startIndex)..<close].split(
      separator: ",", omittingEmptySubsequences: false)
    {
      let trimmed = part.drop { $0 == " " }
      let name = String(trimmed.reversed().drop { $0 == " " }.reversed())
      if !name.isEmpty {
        // `text` starts just after the `#`.
        let col = hashColumn + 1 + text[..<trimmed.startIndex].unicodeScalars.count
        names.append(
          RuleName(
            name: name,
            range: SourceRange(
              path: path, line: line, column: col, endLine: line, endColumn: col + name.unicodeScalars.count))
        )
      }
    }
    var after = rest[rest.index(after: close)...].drop { $0 == " " || $0 == "\t" }
    var until: Day? = nil
    var badUntil: String? = nil
    // `until` is an expiry only when a date (or what was meant for one: it starts with a digit)
    // follows; "until the vendor migration ends" is a reason.
    if after == "until" || after.hasPrefix("until ") || after.hasPrefix("until\t") {
      let rest = after.dropFirst(5).drop { $0 == " " || $0 == "\t" }
      let word = rest.prefix { $0 != " " && $0 != "\t" }
      if word.isEmpty || word.first!.isASCII && word.first!.isNumber {
        if let d = Day(String(word)) { until = d } else { badUntil = String(word) }
        after = rest.dropFirst(word.count).drop { $0 == " " || $0 == "\t" }
      }
    }
    let reason = String(after.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    return Suppression(
      path: path,
      range: SourceRange(
        path: path, line: line, column: hashColumn, endLine: line, endColumn: hashColumn + 1),
      scope: isFile ? .file : .line(line), rules: names, until: until, reason: reason, badUntil: badUntil)
  }
}
