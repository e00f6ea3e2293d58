import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules

/// The compiler-style text format of CLI.md: gcc's first line, a rustc-style snippet with a
/// caret under the node's first line, notes and help.
public struct TextReporter: Reporter {
  /// The tab stops of a snippet: a tab reaches the next multiple of this many columns.
  public static let tabWidth = 4
  /// The widest a snippet line is shown; a longer one is cut to a window around the caret.
  public static let maxSnippetWidth = 100

  /// The reporter, which has no settings.
  public init() {}

  /// Every finding; a finding of the same rule at the same place as the one before (thirty
  /// uncovered requirements at a new repository's configuration) prints its first line and
  /// notes only, since its snippet and help would repeat the previous ones word for word.
  public func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String {
    // Each finding is rendered on its own, so thousands of them (a first run on a large
    // project) are rendered in parallel, in chunks, and joined in order.
    let chunks = stride(from: 0, to: findings.count, by: TextReporter.chunkSize).map {
      $0..<min($0 + TextReporter.chunkSize, findings.count)
    }
    let jobs = findings.count > TextReporter.chunkSize ? ProcessInfo.processInfo.activeProcessorCount : 1
    let parts = ParallelMap.map(chunks, jobs: jobs) { chunk -> String in
      var out = ""
      // About 200 bytes a finding with its snippet: room for them all at once, where growing
      // the text as it came copied it again and again.
      out.reserveCapacity(chunk.count * 256)
      for i in chunk {
        let f = findings[i]
        let repeated =
          i > 0
          && findings[i - 1].rule == f.rule && findings[i - 1].range.path == f.range.path
          && findings[i - 1].range.line == f.range.line && findings[i - 1].range.column == f.range.column
        out += render(f, context: context, withSnippetAndHelp: !repeated)
      }
      return out
    }
    // Joined into a text made at its size: `joined()` grew it by doubling, a megabyte of fresh
    // pages for 600 KB of text on 10,000 controls.
    var text = ""
    text.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count })
    for part in parts { text += part }
    return text
  }

  /// Findings rendered by one task.
  static let chunkSize = 256

  /// One finding: its first line, then its snippet and help unless `withSnippetAndHelp` is false, then its
  /// notes.
  public func render(_ f: Finding, context: ReportContext, withSnippetAndHelp: Bool = true) -> String {
    let style = Style(enabled: context.color)
    let show: (String) -> String = { Printable.escaped($0) }
    var out = ""
    out.reserveCapacity(256)
    let location = "\(show(context.displayPath(f.range.path))):\(f.range.line):\(f.range.column):"
    let severity: String
    switch f.severity {
    case .error: severity = style.error("error:")
    case .warning: severity = style.warning("warning:")
    case .info: severity = style.info("info:")
    }
    out += "\(style.bold(location)) \(severity) \(style.bold(show(f.message))) [\(f.rule)]\n"
    if withSnippetAndHelp { out += snippet(f.range, context: context, style: style) }
    for h in f.help where withSnippetAndHelp {
      out += "      = \(style.bold("help:")) \(show(h))\n"
    }
    for n in f.notes {
      if let r = n.range {
        out +=
          "\(style.bold("\(show(context.displayPath(r.path))):\(r.line):\(r.column):")) \(style.note("note:")) \(show(n.message))\n"
      } else {
        out += "      = \(style.bold("note:")) \(show(n.message))\n"
      }
    }
    return out
  }

  /// The line of the range with a gutter, and `^~~~` under the node's whole first line.
  func snippet(_ r: SourceRange, context: ReportContext, style: Style) -> String {
    guard let file = context.sources[r.path], let line = file.line(r.line),
      let shown = TextReporter.asciiLayout(line, r) ?? TextReporter.layout(line, r)
    else { return "" }
    let number = String(r.line)
    let width = max(5, number.count + 1)
    let gutter = TextReporter.run(" ", width - number.count) + number
    let blank = TextReporter.run(" ", width)
    let caret = "^" + TextReporter.run("~", shown.caretEnd - shown.caretStart - 1)
    return "\(style.gutter(gutter + " |")) \(shown.text)\n"
      + "\(style.gutter(blank + " |")) \(TextReporter.run(" ", shown.caretStart))\(style.caret(caret))\n"
  }

  /// `count` copies of an ASCII character (none for a count below 1), made from bytes: the
  /// generic `String(repeating:count:)` cost thousands of instructions for each snippet.
  static func run(_ ascii: Unicode.Scalar, _ count: Int) -> String {
    String(unsafeUninitializedCapacity: max(0, count)) { buffer in
      buffer.initialize(repeating: UInt8(ascii.value))
      return buffer.count
    }
  }

  /// A snippet's line as shown, and the display columns (0-based) its caret spans.
  typealias Layout = (text: String, caretStart: Int, caretEnd: Int)

  /// The layout of a line of printable ASCII no wider than a snippet, as almost every line of
  /// YAML is: a byte is a scalar and a display column, so there is nothing to expand, picture or
  /// cut. Nil for any other line, which `layout` lays out; the two agree on every line this
  /// takes (a test holds them to it). Thousands of findings each laid out scalar by scalar cost
  /// a tenth of a cached run.
  static func asciiLayout(_ line: Substring, _ r: SourceRange) -> Layout? {
    let bytes = line.utf8
    guard bytes.count <= TextReporter.maxSnippetWidth, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
      return nil
    }
    let count = bytes.count
    if count == 0 && r.column <= 1 { return nil }
    let startColumn = min(max(r.column, 1), count + 1)
    var trimmed = count
    while trimmed > 0 && bytes[bytes.index(bytes.startIndex, offsetBy: trimmed - 1)] == 0x20 { trimmed -= 1 }
    let endColumn =
      r.endLine == r.line && r.endColumn > r.column
      ? min(r.endColumn, count + 1) : max(max(trimmed, startColumn) + 1, startColumn + 1)
    let caretStart = startColumn - 1
    let caretEnd = max(min(endColumn - 1, count), caretStart + 1)
    return (String(line.prefix(trimmed)), caretStart, caretEnd)
  }

  /// The layout of any line: tabs expanded, control and invisible characters shown as one visible
  /// mark each, and a long line cut around the caret. Nil when there is nothing to show.
  static func layout(_ line: Substring, _ r: SourceRange) -> Layout? {
    let raw = Array(line.unicodeScalars)
    if raw.isEmpty && r.column <= 1 { return nil }
    // Expand tabs, keeping a map from scalar columns to display columns.
    var display: [Unicode.Scalar] = []
    var columnStart: [Int] = []
    for s in raw {
      columnStart.append(display.count)
      if s.value < 0x20 && s != "\t" || s.value == 0x7F {
        // Control characters would act on the terminal; show their pictures (U+2400...).
        display.append(Unicode.Scalar(0x2400 + (s.value == 0x7F ? 0x21 : s.value))!)
      } else if s != "\t" && Printable.isUnsafe(s) {
        // Other invisible or reordering characters: one visible mark keeps the caret aligned.
        display.append("\u{FFFD}")
      } else if s == "\t" {
        let n = TextReporter.tabWidth - display.count % TextReporter.tabWidth
        display += Array(repeating: " ", count: n)
      } else {
        display.append(s)
      }
    }
    columnStart.append(display.count)
    let startColumn = min(max(r.column, 1), raw.count + 1)
    let endColumn: Int
    if r.endLine == r.line && r.endColumn > r.column {
      endColumn = min(r.endColumn, raw.count + 1)
    } else {
      // The node goes on past this line: underline to the end of its text here.
      var last = raw.count
      while last > startColumn && (raw[last - 1] == " " || raw[last - 1] == "\t") { last -= 1 }
      endColumn = max(last + 1, startColumn + 1)
    }
    var caretStart = columnStart[startColumn - 1]
    var caretEnd = max(columnStart[min(endColumn - 1, raw.count)], caretStart + 1)
    var text = display
    // Long lines are cut around the column.
    if text.count > TextReporter.maxSnippetWidth {
      let from = max(0, min(caretStart - 30, text.count - TextReporter.maxSnippetWidth))
      let to = min(text.count, from + TextReporter.maxSnippetWidth)
      var cut = Array(text[from..<to])
      var shift = from
      if from > 0 {
        cut = Array("...".unicodeScalars) + cut
        shift -= 3
      }
      if to < text.count { cut += Array("...".unicodeScalars) }
      text = cut
      caretStart -= shift
      caretEnd = min(caretEnd - shift, to - shift)
      if caretEnd <= caretStart { caretEnd = caretStart + 1 }
    }
    var lineText = ""
    lineText.unicodeScalars.append(contentsOf: text)
    while lineText.hasSuffix(" ") { lineText.removeLast() }
    return (lineText, caretStart, caretEnd)
  }

  /// The summary line for standard error.
  public static func summary(_ result: LintResult, findings: [Finding]) -> String {
    let counts = result.project.counts
    let errors = findings.filter { $0.severity == .error }.count
    let warnings = findings.filter { $0.severity == .warning }.count
    let infos = findings.filter { $0.severity == .info }.count
    func plural(_ n: Int, _ word: String, _ words: String? = nil) -> String {
      "\(n) \(n == 1 ? word : (words ?? word + "s"))"
    }
    // Policies are named only where there are some, so the line reads as before without them.
    let policies = counts.policies > 0 ? ", \(plural(counts.policies, "policy", "policies"))" : ""
    let what =
      "in \(plural(counts.files, "file")) (\(plural(counts.controls, "control"))\(policies), \(plural(result.project.owners.count, "owner")), \(plural(counts.catalogs, "catalog")))"
    if result.project.configuration == nil {
      // Nothing but the configuration was checked.
      return
        "soclint: \(plural(errors, "error")) in the configuration \(result.project.configFile.path); fix it before anything else is checked"
    }
    if errors + warnings + infos == 0 { return "soclint: no problems \(what)" }
    return "soclint: \(plural(errors, "error")), \(plural(warnings, "warning")), \(infos) info \(what)"
  }
}

/// ANSI styling, as clang colours its diagnostics; a no-op when colour is off.
struct Style {
  let enabled: Bool

  private func wrap(_ code: String, _ s: String) -> String {
    enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }

  func bold(_ s: String) -> String { wrap("1", s) }
  func error(_ s: String) -> String { wrap("1;31", s) }
  func warning(_ s: String) -> String { wrap("1;35", s) }
  func info(_ s: String) -> String { wrap("1;36", s) }
  func note(_ s: String) -> String { wrap("1;30", s) }
  func gutter(_ s: String) -> String { wrap("1;34", s) }
  func caret(_ s: String) -> String { wrap("1;32", s) }
}
