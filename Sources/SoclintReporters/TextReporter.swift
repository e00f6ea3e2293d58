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
      // About 200 bytes a finding with its snippet: room for them all at once, where growing
      // the text as it came copied it again and again.
      var out = TextOutput(capacity: chunk.count * 256)
      for i in chunk {
        let f = findings[i]
        let repeated =
          i > 0
          && findings[i - 1].rule == f.rule && findings[i - 1].range.path == f.range.path
          && findings[i - 1].range.line == f.range.line && findings[i - 1].range.column == f.range.column
        append(f, context: context, withSnippetAndHelp: !repeated, to: &out)
      }
      return out.text
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
    var out = TextOutput(capacity: 256)
    append(f, context: context, withSnippetAndHelp: withSnippetAndHelp, to: &out)
    return out.text
  }

  /// Appends one finding to `out`, piece by piece, as bytes: each finding made as its own
  /// text, from interpolations of styled pieces, was a dozen strings made and copied, and each
  /// string appended to another cost 370 instructions; 20,000 instructions a finding, 5 ms of CPU
  /// time for the 2,700 findings of 10,000 controls.
  func append(_ f: Finding, context: ReportContext, withSnippetAndHelp: Bool, to out: inout TextOutput) {
    let style = Style(enabled: context.color)
    style.append(.bold, to: &out) { out in
      out.append(Printable.escaped(context.displayPath(f.range.path)))
      out.appendPosition(f.range.line, f.range.column)
    }
    out.append(" ")
    switch f.severity {
    case .error: style.append(.error, "error:", to: &out)
    case .warning: style.append(.warning, "warning:", to: &out)
    case .info: style.append(.info, "info:", to: &out)
    }
    out.append(" ")
    style.append(.bold, Printable.escaped(f.message), to: &out)
    out.append(" [")
    out.append(f.rule.rawValue)
    out.append("]\n")
    if withSnippetAndHelp {
      appendSnippet(f.range, context: context, style: style, to: &out)
      for h in f.help {
        out.append("      = ")
        style.append(.bold, "help:", to: &out)
        out.append(" ")
        out.append(Printable.escaped(h))
        out.append("\n")
      }
    }
    for n in f.notes {
      if let r = n.range {
        style.append(.bold, to: &out) { out in
          out.append(Printable.escaped(context.displayPath(r.path)))
          out.appendPosition(r.line, r.column)
        }
        out.append(" ")
        style.append(.note, "note:", to: &out)
      } else {
        out.append("      = ")
        style.append(.bold, "note:", to: &out)
      }
      out.append(" ")
      out.append(Printable.escaped(n.message))
      out.append("\n")
    }
  }

  /// Appends the line of the range with a gutter, and `^~~~` under the node's whole first line;
  /// nothing when the line cannot be shown.
  func appendSnippet(_ r: SourceRange, context: ReportContext, style: Style, to out: inout TextOutput) {
    guard let file = context.sources[r.path], let line = file.line(r.line),
      let shown = TextReporter.asciiLayout(line, r) ?? TextReporter.layout(line, r)
    else { return }
    let digits = TextOutput.digits(r.line)
    let width = max(5, digits + 1)
    style.append(.gutter, to: &out) { out in
      out.append(UInt8(ascii: " "), count: width - digits)
      out.append(decimal: r.line)
      out.append(" |")
    }
    out.append(" ")
    out.append(shown.text)
    out.append("\n")
    style.append(.gutter, to: &out) { out in
      out.append(UInt8(ascii: " "), count: width)
      out.append(" |")
    }
    out.append(" ")
    out.append(UInt8(ascii: " "), count: shown.caretStart)
    style.append(.caret, to: &out) { out in
      out.append("^")
      out.append(UInt8(ascii: "~"), count: shown.caretEnd - shown.caretStart - 1)
    }
    out.append("\n")
  }

  /// A snippet's line as shown, and the display columns (0-based) its caret spans.
  typealias Layout = (text: String, caretStart: Int, caretEnd: Int)

  /// The layout of a line of printable ASCII no wider than a snippet, as almost every line of
  /// YAML is: a byte is a scalar and a display column, so there is nothing to expand, picture or
  /// cut. Nil for any other line, which `layout` lays out; the two agree on every line this
  /// takes (a test holds them to it). Thousands of findings each laid out scalar by scalar cost
  /// a tenth of a cached run.
  static func asciiLayout(_ line: Substring, _ r: SourceRange) -> Layout? {
    // Over the line's bytes where they are stored: walking a substring's view by index cost
    // thousands of instructions a snippet.
    let measured =
      line.utf8.withContiguousStorageIfAvailable(asciiMeasure)
      ?? Array(line.utf8).withUnsafeBufferPointer(asciiMeasure)
    guard let (count, trimmed) = measured else { return nil }
    if count == 0 && r.column <= 1 { return nil }
    let startColumn = min(max(r.column, 1), count + 1)
    let endColumn =
      r.endLine == r.line && r.endColumn > r.column
      ? min(r.endColumn, count + 1) : max(max(trimmed, startColumn) + 1, startColumn + 1)
    let caretStart = startColumn - 1
    let caretEnd = max(min(endColumn - 1, count), caretStart + 1)
    return (String(line.prefix(trimmed)), caretStart, caretEnd)
  }

  /// The byte count and the count without trailing spaces of a line of printable ASCII no wider
  /// than a snippet; nil for any other line.
  private static func asciiMeasure(_ bytes: UnsafeBufferPointer<UInt8>) -> (count: Int, trimmed: Int)? {
    guard bytes.count <= TextReporter.maxSnippetWidth, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
      return nil
    }
    var trimmed = bytes.count
    while trimmed > 0 && bytes[trimmed - 1] == 0x20 { trimmed -= 1 }
    return (bytes.count, trimmed)
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

  /// The styles, as their SGR parameters.
  enum Tone {
    case bold, error, warning, info, note, gutter, caret

    /// The escape sequence that starts the style.
    var start: StaticString {
      switch self {
      case .bold: return "\u{1B}[1m"
      case .error: return "\u{1B}[1;31m"
      case .warning: return "\u{1B}[1;35m"
      case .info: return "\u{1B}[1;36m"
      case .note: return "\u{1B}[1;30m"
      case .gutter: return "\u{1B}[1;34m"
      case .caret: return "\u{1B}[1;32m"
      }
    }
  }

  /// Appends `text` in `tone`.
  func append(_ tone: Tone, _ text: StaticString, to out: inout TextOutput) {
    append(tone, to: &out) { $0.append(text) }
  }

  /// Appends `text` in `tone`.
  func append(_ tone: Tone, _ text: String, to out: inout TextOutput) {
    append(tone, to: &out) { $0.append(text) }
  }

  /// Appends what `body` appends, in `tone`.
  func append(_ tone: Tone, to out: inout TextOutput, _ body: (inout TextOutput) -> Void) {
    guard enabled else { return body(&out) }
    out.append(tone.start)
    body(&out)
    out.append("\u{1B}[0m")
  }
}

/// Text being rendered, as UTF-8 bytes: a byte array grows by copying what it is given, where
/// a string appended to a string went through the standard library's general path, 370
/// instructions each time for a piece of a few bytes.
struct TextOutput {
  private var bytes: [UInt8] = []

  /// Empty, with room for `capacity` bytes.
  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  /// What was appended.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func append(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func append(_ s: String) {
    s.withBorrowedUTF8 { bytes.append(contentsOf: $0) }
  }

  /// `count` copies of `byte`; nothing for a count below 1.
  mutating func append(_ byte: UInt8, count: Int) {
    if count > 0 { bytes.append(contentsOf: repeatElement(byte, count: count)) }
  }

  /// `n` in decimal.
  mutating func append(decimal n: Int) {
    // A negative number (never a line or a column) as its string.
    guard n >= 0 else { return append(String(n)) }
    let count = TextOutput.digits(n)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
    bytes.withUnsafeMutableBufferPointer { b in
      var (i, rest) = (b.count, n)
      repeat {
        i -= 1
        b[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0
    }
  }

  /// `:line:column:`.
  mutating func appendPosition(_ line: Int, _ column: Int) {
    append(":")
    append(decimal: line)
    append(":")
    append(decimal: column)
    append(":")
  }

  /// How many digits `n` (not negative) has in decimal.
  static func digits(_ n: Int) -> Int {
    var count = 1
    var rest = n
    while rest >= 10 {
      rest /= 10
      count += 1
    }
    return count
  }
}
