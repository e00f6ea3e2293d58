/// How much a finding matters: `error` fails a run, `warning` fails it under `--strict`,
/// `info` never does.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
  /// The three severities, most serious first.
  case error, warning, info

  private var rank: Int {
    switch self {
    case .error: return 0
    case .warning: return 1
    case .info: return 2
    }
  }

  /// Whether `a` is more serious than `b`, so that errors sort first.
  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A range in a project file. Paths are project-relative with `/`; lines and columns are
/// 1-based, columns in Unicode scalars.
public struct SourceRange: Sendable, Hashable, Comparable, Codable {
  /// The file's path relative to the project root, with `/` separators.
  public var path: String
  /// The 1-based line where the range starts.
  public var line: Int
  /// The 1-based column where the range starts, in Unicode scalars.
  public var column: Int
  /// The 1-based line where the range ends.
  public var endLine: Int
  /// The column just after the range's last character; equal to `column` for a point.
  public var endColumn: Int

  /// A range from a start to an end; without an end, the point at the start.
  public init(path: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
    self.path = path
    self.line = line
    self.column = column
    self.endLine = endLine ?? line
    self.endColumn = endColumn ?? column
  }

  /// Orders ranges by path (compared by bytes), then by start, then by end.
  public static func < (a: SourceRange, b: SourceRange) -> Bool {
    if a.path != b.path { return a.path.precedesInBytes(b.path) }
    return (a.line, a.column, a.endLine, a.endColumn) < (b.line, b.column, b.endLine, b.endColumn)
  }
}

/// Another place that explains a finding, such as a first definition.
public struct Note: Sendable, Hashable, Codable {
  /// The note's sentence, such as "'id' is first given here".
  public var message: String
  /// The place the note explains; nil when it names none.
  public var range: SourceRange?

  /// A note saying `message` about `range`, if any.
  public init(_ message: String, at range: SourceRange?) {
    self.message = message
    self.range = range
  }
}

/// One diagnostic: a rule, a severity, a message and where it points.
public struct Finding: Sendable, Hashable, Codable {
  /// The rule that found it.
  public var rule: RuleID
  /// How much it matters: the rule's default, unless the rule or the configuration's `rules` says
  /// otherwise.
  public var severity: Severity
  /// One sentence for people, without the place or the rule id.
  public var message: String
  /// Where it points: usually the node at fault; the start of the file for a finding about the whole file.
  public var range: SourceRange
  /// The JSON Pointer of the node inside its document ("" for the document, or for a file).
  public var pointer: String
  /// Other places or facts that explain it, such as a first declaration.
  public var notes: [Note]
  /// Suggestions for fixing it, one line each, such as "did you mean 'alice'?".
  public var help: [String]
  /// What the finding is about, independent of line numbers: the ids involved and the
  /// message's arguments. With the rule and the path it makes the fingerprint.
  public var subject: [String]

  /// A finding at the rule's default severity unless `severity` says otherwise.
  public init(
    rule: RuleID, severity: Severity? = nil, message: String, range: SourceRange, pointer: String = "",
    notes: [Note] = [], help: [String] = [], subject: [String] = []
  ) {
    self.rule = rule
    self.severity = severity ?? rule.defaultSeverity
    self.message = message
    self.range = range
    self.pointer = pointer
    self.notes = notes
    self.help = help
    self.subject = subject
  }

  /// A stable identity for baselines and SARIF's `partialFingerprints`: the rule, the file and
  /// what the finding is about. Not the line, nor the JSON Pointer (whose list indices shift
  /// when an item is inserted above), so unrelated edits do not resurrect a baselined finding.
  public var fingerprint: String {
    StableHash.hex([rule.rawValue, range.path] + (subject.isEmpty ? [message] : subject))
  }
}

/// FNV-1a, 64 bits, twice with different seeds: stable across runs, platforms and Swift
/// versions (unlike `Hasher`, which is seeded per process).
public enum StableHash {
  /// 32 hex digits hashing `parts` in order; each part is closed by a separator, so ["ab", "c"] and
  /// ["a", "bc"] differ.
  public static func hex(_ parts: [String]) -> String {
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x8422_2325_cbf2_9ce4
    for var part in parts {
      // Over the string's own storage: the model cache hashes every embedded schema at start.
      part.withUTF8 { bytes in
        for byte in bytes {
          a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
          b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
      }
      a = (a ^ 0x1F) &* 0x0000_0100_0000_01B3
      b = (b ^ 0x1E) &* 0x0000_0100_0000_01B3
    }
    func pad(_ v: UInt64) -> String {
      let s = String(v, radix: 16)
      return String(repeating: "0", count: 16 - s.count) + s
    }
    return pad(a) + pad(b)
  }
}
