/// Lines of a text, and the conversions between soclint's places (1-based lines, 1-based
/// columns in Unicode scalars, as libyaml counts) and LSP's (0-based lines, 0-based columns in
/// UTF-16 code units). Lines end at LF; a CR before it belongs to the line break, not the line.
struct TextLines {
  /// Each line's scalars, without its line break.
  let lines: [[Unicode.Scalar]]

  init(_ text: String) {
    var lines: [[Unicode.Scalar]] = [[]]
    for scalar in text.unicodeScalars {
      if scalar == "\n" {
        if lines[lines.count - 1].last == "\r" { lines[lines.count - 1].removeLast() }
        lines.append([])
      } else {
        lines[lines.count - 1].append(scalar)
      }
    }
    self.lines = lines
  }

  /// The line (0-based) as scalars; empty past the end.
  func line(_ index: Int) -> [Unicode.Scalar] {
    index >= 0 && index < lines.count ? lines[index] : []
  }

  /// The LSP position of soclint's (line, column); a column past the end of its line is the
  /// line's end, a line past the end of the text is the text's end.
  func position(line: Int, column: Int) -> Position {
    guard line >= 1 else { return Position(line: 0, character: 0) }
    guard line <= lines.count else {
      return Position(line: lines.count - 1, character: utf16Count(lines[lines.count - 1]))
    }
    let scalars = lines[line - 1]
    let taken = min(max(column - 1, 0), scalars.count)
    return Position(line: line - 1, character: utf16Count(scalars[..<taken]))
  }

  /// The scalar offset (0-based) in its line of an LSP position; a position inside a
  /// surrogate pair falls back to the scalar's start, one past the line's end to its end.
  func scalarOffset(of position: Position) -> Int {
    let scalars = line(position.line)
    var units = 0
    for (i, scalar) in scalars.enumerated() {
      let next = units + scalar.utf16.count
      if next > position.character { return i }
      units = next
    }
    return scalars.count
  }

  /// The UTF-16 offset of a scalar offset in a line.
  func character(line: Int, scalarOffset: Int) -> Int {
    let scalars = self.line(line)
    return utf16Count(scalars[..<min(max(scalarOffset, 0), scalars.count)])
  }

  private func utf16Count<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> Int {
    scalars.reduce(0) { $0 + $1.utf16.count }
  }
}

extension String {
  /// The text with an LSP range replaced, for clients that send incremental changes although
  /// soclint asks for whole documents.
  func replacing(_ range: LSPRange, with replacement: String) -> String {
    let start = utf16Index(of: range.start)
    let end = max(start, utf16Index(of: range.end))
    var units = Array(utf16)
    units.replaceSubrange(start..<end, with: Array(replacement.utf16))
    return String(decoding: units, as: UTF16.self)
  }

  /// The offset in UTF-16 code units of an LSP position, clamped to the text.
  private func utf16Index(of position: Position) -> Int {
    var line = 0
    var offset = 0
    let units = Array(utf16)
    while line < position.line, offset < units.count {
      if units[offset] == 10 { line += 1 }
      offset += 1
    }
    var lineEnd = offset
    while lineEnd < units.count, units[lineEnd] != 10 { lineEnd += 1 }
    return min(offset + max(position.character, 0), lineEnd)
  }
}
