import Foundation
import SoclintSchema

/// Where the cursor stands in a YAML document, read from the text alone (by indentation), so
/// that completion and hover work in a document that does not parse yet, the usual state of a
/// document being typed.
struct CursorContext {
  /// Where on its line the cursor is.
  enum Place: Equatable {
    /// On a mapping key.
    case key
    /// In a value (after `key:`, a sequence item, or inside a flow sequence).
    case value
    /// In the rule list of a `# soclint: ignore[...]` comment.
    case suppressionRules
    /// Anywhere else in a comment.
    case comment
  }

  let place: Place
  /// The keys and indices from the document's root to the node under the cursor (a key's own
  /// path for `.key`); every sequence index is 0, which is all a schema needs.
  let path: [PathComponent]
  /// The document's `kind` as written, if any.
  let kind: String?
  /// The word under the cursor (letters, digits, `.`, `_`, `-`) and where it starts and ends
  /// (scalar offsets in the line); the part before the cursor is what completion filters by.
  let word: String
  let wordStart: Int
  let wordEnd: Int
  let cursor: Int
  let line: Int

  /// The word up to the cursor.
  var prefix: String {
    String(word.unicodeScalars.prefix(cursor - wordStart))
  }

  /// The key the value belongs to (`owner` for `owner: al|`), or the key under the cursor.
  var key: String? {
    for component in path.reversed() {
      if case .key(let name) = component { return name }
    }
    return nil
  }

  /// The keys of the path, without indices.
  var keys: [String] {
    path.compactMap {
      if case .key(let name) = $0 { return name }
      return nil
    }
  }

  init?(lines: TextLines, position: Position) {
    guard position.line >= 0, position.line < lines.lines.count else { return nil }
    let reader = YAMLLineReader(lines: lines)
    let scalars = lines.line(position.line)
    let cursor = lines.scalarOffset(of: position)
    self.cursor = cursor
    self.line = position.line
    (word, wordStart, wordEnd) = CursorContext.word(in: scalars, at: cursor)
    kind = reader.kind(around: position.line)
    let shape = reader.shape(position.line)
    if let comment = shape.commentStart, cursor > comment {
      place =
        CursorContext.inSuppressionRules(scalars, comment: comment, cursor: cursor)
        ? .suppressionRules : .comment
      path = []
      return
    }
    guard let located = reader.path(at: position.line, cursor: cursor, shape: shape) else { return nil }
    (place, path) = located
  }

  static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "_" || s == "-"
  }

  static func word(in line: [Unicode.Scalar], at cursor: Int) -> (String, Int, Int) {
    var start = min(cursor, line.count)
    while start > 0 && isWordScalar(line[start - 1]) { start -= 1 }
    var end = min(cursor, line.count)
    while end < line.count && isWordScalar(line[end]) { end += 1 }
    var word = ""
    word.unicodeScalars.append(contentsOf: line[start..<end])
    return (word, start, end)
  }

  /// Whether the cursor is between `ignore[` (or `ignore-file[`) and its `]` in a comment.
  static func inSuppressionRules(_ line: [Unicode.Scalar], comment: Int, cursor: Int) -> Bool {
    var text = ""
    text.unicodeScalars.append(contentsOf: line[comment..<min(cursor, line.count)])
    guard let marker = text.range(of: "soclint:") else { return false }
    let after = text[marker.upperBound...].drop { $0 == " " }
    guard after.hasPrefix("ignore[") || after.hasPrefix("ignore-file[") else { return false }
    let bracket = after.firstIndex(of: "[")!
    return !after[bracket...].contains("]")
  }
}

/// The shape of one line of block YAML: its sequence dashes, its key, where its value starts
/// and where a comment starts, in scalar offsets.
struct LineShape {
  var indent = 0
  var dashes: [Int] = []
  /// Where the content after the dashes starts; nil for a blank or comment-only line.
  var content: Int? = nil
  var key: String? = nil
  /// Just after the key's colon.
  var valueStart: Int? = nil
  /// Whether anything but a comment follows the key's colon.
  var hasInlineValue = false
  var commentStart: Int? = nil
  var isDocumentMarker = false
}

struct YAMLLineReader {
  let lines: TextLines

  func shape(_ index: Int) -> LineShape {
    let line = lines.line(index)
    var shape = LineShape()
    shape.commentStart = YAMLLineReader.commentStart(line)
    let end = shape.commentStart ?? line.count
    var i = 0
    while i < end && line[i] == " " { i += 1 }
    shape.indent = i
    if i == 0 && line.count >= 3
      && (line[0..<3].elementsEqual("---".unicodeScalars) || line[0..<3].elementsEqual("...".unicodeScalars))
    {
      shape.isDocumentMarker = true
      return shape
    }
    while i < end && line[i] == "-" && (i + 1 == end || line[i + 1] == " ") {
      shape.dashes.append(i)
      i += 1
      while i < end && line[i] == " " { i += 1 }
    }
    guard i < end || !shape.dashes.isEmpty else { return shape }
    shape.content = i
    if let (key, colon) = YAMLLineReader.key(in: line, from: i, end: end) {
      shape.key = key
      shape.valueStart = colon + 1
      shape.hasInlineValue = line[(colon + 1)..<end].contains { $0 != " " && $0 != "\t" }
    }
    return shape
  }

  /// A key starting at `from`: plain up to `: ` (or `:` at the end), or quoted.
  static func key(in line: [Unicode.Scalar], from: Int, end: Int) -> (String, Int)? {
    guard from < end else { return nil }
    var i = from
    var key = ""
    if line[i] == "\"" || line[i] == "'" {
      let quote = line[i]
      i += 1
      while i < end && line[i] != quote {
        key.unicodeScalars.append(line[i])
        i += 1
      }
      i += 1
      guard i < end, line[i] == ":" else { return nil }
      return (key, i)
    }
    guard line[i] != "[" && line[i] != "{" else { return nil }
    while i < end {
      if line[i] == ":" && (i + 1 == end || line[i + 1] == " " || line[i + 1] == "\t") { return (key, i) }
      key.unicodeScalars.append(line[i])
      i += 1
    }
    return nil
  }

  /// Where a comment starts: a `#` at the start or after white space, outside quotes.
  static func commentStart(_ line: [Unicode.Scalar]) -> Int? {
    var quote: Unicode.Scalar? = nil
    var previous: Unicode.Scalar = " "
    for (i, s) in line.enumerated() {
      if let q = quote {
        if s == q { quote = nil }
      } else if s == "#" && (previous == " " || previous == "\t") {
        return i
      } else if (s == "\"" || s == "'")
        && (previous == " " || previous == "[" || previous == "," || previous == "-")
      {
        quote = s
      }
      previous = s
    }
    return nil
  }

  /// The `kind:` at the left margin of the document holding the line.
  func kind(around index: Int) -> String? { topLevelValue("kind", around: index) }

  /// The plain value of a key at the left margin of the document holding the line.
  func topLevelValue(_ name: String, around index: Int) -> String? {
    var start = index
    while start > 0 && !shape(start).isDocumentMarker { start -= 1 }
    var i = start
    while i < lines.lines.count {
      let s = shape(i)
      if i > start && s.isDocumentMarker { break }
      if s.indent == 0, s.dashes.isEmpty, s.key == name, let v = s.valueStart {
        let text = String(
          String.UnicodeScalarView(lines.line(i)[v..<(s.commentStart ?? lines.line(i).count)]))
        return text.trimmingCharacters(in: [" ", "\t", "\"", "'"])
      }
      i += 1
    }
    return nil
  }

  /// The place and path of the cursor on line `index`.
  func path(at index: Int, cursor: Int, shape: LineShape) -> (CursorContext.Place, [PathComponent])? {
    let line = lines.line(index)
    if let key = shape.key, let content = shape.content, let valueStart = shape.valueStart {
      let mapping = mappingPath(index, shape: shape)
      guard let mapping else { return nil }
      if cursor < valueStart && cursor >= content { return (.key, mapping + [.key(key)]) }
      guard cursor >= valueStart else { return nil }
      let opened = line[valueStart..<min(cursor, line.count)].contains("[")
      return (.value, mapping + [.key(key)] + (opened ? [.index(0)] : []))
    }
    if let last = shape.dashes.last, cursor > last {
      guard let sequence = parentPath(index, column: last, isDash: true) else { return nil }
      return (.value, sequence + [.index(0)])
    }
    return nil
  }

  /// The path of the mapping whose key stands on line `index`.
  func mappingPath(_ index: Int, shape: LineShape) -> [PathComponent]? {
    if let last = shape.dashes.last {
      return parentPath(index, column: last, isDash: true).map { $0 + [.index(0)] }
    }
    return parentPath(index, column: shape.content ?? shape.indent, isDash: false)
  }

  /// The path of the collection holding the node (a key, or a dash when `isDash`) at `column`
  /// of line `index`, found by walking up to the line that opens it.
  func parentPath(_ index: Int, column: Int, isDash: Bool, depth: Int = 0) -> [PathComponent]? {
    guard depth < 200 else { return nil }
    var m = index - 1
    while m >= 0 {
      let s = shape(m)
      if s.isDocumentMarker { break }
      defer { m -= 1 }
      guard let content = s.content, s.indent <= column else { continue }
      if s.key != nil && content == column && !(isDash && !s.hasInlineValue && s.dashes.isEmpty) {
        return mappingPath(m, shape: s)
      }
      if let dash = s.dashes.firstIndex(of: column) {
        return parentPath(m, column: s.dashes[dash], isDash: true, depth: depth + 1)
      }
      if let key = s.key, content <= column, !s.hasInlineValue {
        return mappingPath(m, shape: s).map { $0 + [.key(key)] }
      }
      return nil
    }
    return column == 0 ? [] : nil
  }
}
