// Fuzz target `suppression`: the input is read three ways.
//
// 1. As a whole file, by the suppression-comment parser (`Suppression.parse`), checking that
//    what it returns points where it says: the `#` of the comment, each rule name's own text.
// 2. Word by word, by the date and duration parsers (`Day`, `Duration`) and their arithmetic,
//    checking that what they parse prints back the same and survives a round trip.
// 3. As lines of a control file: the first line is the `frequency` value, the second the
//    `last_collected` and `last_reviewed` value, every further line is the text of a comment
//    (after its `#`), alternately alone on a line and at the end of a line of the control; with
//    CRLF line ends if the input has one. The file is linted in the rule examples' project, so
//    suppressions are matched against real staleness findings, expire, go unused or name
//    unknown rules; the text reporter runs, and the parser's answers are checked as in 1.
//
// Only public API is used: the suppression findings (`Linter.findings(for:used:asOf:)` is
// internal) are reached through `Linter.lint`.

import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules

private let project = FuzzProject(
  files: [
    (ProjectLoader.configName, Example.baseConfiguration),
    ("Controls/owners.yaml", Example.baseOwners),
    ("Controls/soc1.yaml", Example.baseCatalog),
  ])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSuppression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = [UInt8](fuzzInput: data, size)
  let text = String(decoding: bytes, as: UTF8.self)
  checkParser(SourceFile(path: "Controls/fuzz.yaml", text: text))
  for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" }) {
    checkDay(String(word))
    checkDuration(String(word))
  }
  let control = controlFile(text)
  let result = FuzzSupport.lint(
    configPath: project.configPath, override: (project.root + "/Controls/fuzz.yaml", Array(control.utf8)))
  // The control as the loader read it (it knows where multi-line scalars are), parsed again.
  if let file = result.project.files.first(where: { $0.path == "Controls/fuzz.yaml" }) {
    checkParser(file)
  }
  return FuzzSupport.renderText(result) < 0 ? 1 : 0
}

/// A broken promise of the API: a crash with a message that says what was expected.
private func invariant(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("invariant: " + message()) }
}

private func checkParser(_ file: SourceFile) {
  for s in Suppression.parse(file) {
    // `range` is "where the comment's `#` is"; rule names point at their own text. Lines are
    // taken with `SourceFile.line(_:)`, which the reporters use to show the same place.
    let line = file.line(s.range.line).map { Array($0.unicodeScalars) } ?? []
    let at = "suppression at \(s.range.line):\(s.range.column)"
    invariant(
      s.range.column >= 1 && s.range.column <= line.count && line[s.range.column - 1] == "#",
      "\(at): no '#' there in line \(String(describing: file.line(s.range.line)))")
    invariant(s.until == nil || s.badUntil == nil, "\(at): both until and badUntil")
    for name in s.rules {
      let r = name.range
      invariant(!name.name.isEmpty && !name.name.contains(","), "\(at): rule name '\(name.name)'")
      invariant(
        r.line == s.range.line && r.column > s.range.column && r.endColumn <= line.count + 1
          && String(String.UnicodeScalarView(line[(r.column - 1)..<(r.endColumn - 1)])) == name.name,
        "\(at): rule name '\(name.name)' is not at \(r.line):\(r.column)-\(r.endColumn)")
    }
  }
}

private let someDays = [
  Day(year: 2026, month: 11, day: 20), Day(year: 2024, month: 2, day: 29), Day(year: 2026, month: 1, day: 31),
]

private func checkDay(_ word: String) {
  guard let day = Day(word) else { return }
  invariant(day.description == word, "Day('\(word)') prints as \(day)")
  invariant(Day(ordinal: day.ordinal) == day, "Day('\(word)') does not survive its ordinal")
  invariant(day.adding(days: 1).days(until: day) == -1, "Day('\(word)') + 1 day")
  _ = day.adding(months: 1)
}

private func checkDuration(_ word: String) {
  guard let duration = Duration(word) else { return }
  invariant(duration.description == word, "Duration('\(word)') prints as \(duration)")
  invariant(Duration(duration.description) == duration, "Duration('\(word)') does not round-trip")
  for day in someDays {
    if let next = duration.after(day) {
      invariant(next >= day, "Duration('\(word)') after \(day) is \(next), earlier")
      _ = next.description
    }
  }
  _ = duration.nominalDays
}

/// The text of a YAML double-quoted scalar holding `s` exactly.
private func quoted(_ s: Substring) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case _ where u.value < 0x20 || u.value == 0x7F:
      out += "\\x" + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16)
    default: out.unicodeScalars.append(u)
    }
  }
  return out + "\""
}

/// The control; its lines end as the input's do when it has a CRLF (a file from Windows).
private func controlFile(_ text: String) -> String {
  let newline = text.contains("\r\n") ? "\r\n" : "\n"
  // "\r\n" is one Character in Swift: split on it too, so every input line is one line.
  let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
  let frequency = quoted(lines.first ?? "")
  let date = quoted(lines.count > 1 ? lines[1] : "")
  var comments = lines.dropFirst(2).makeIterator()
  var out = ""
  var alone = true
  for line in Example.goodControl.split(separator: "\n") {
    var line = String(line)
    if line.hasSuffix("frequency: quarterly") {
      line = line.replacingOccurrences(of: "quarterly", with: frequency)
    } else if line.hasSuffix(": 2026-09-30") || line.hasSuffix(": 2026-06-15") {
      line = String(line.dropLast(10)) + date
    }
    if let comment = comments.next() {
      if alone { out += "#\(comment)" + newline } else { line += "  #\(comment)" }
      alone.toggle()
    }
    out += line + newline
  }
  while let comment = comments.next() { out += "#\(comment)" + newline }
  return out
}
