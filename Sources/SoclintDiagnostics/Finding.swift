/// How much a finding matters: `error` fails a run, `warning` fails it under `--strict`,
/// `info` never does.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
  case error, warning, info

  private var rank: Int {
    switch self {
    case .error: return 0
    case .warning: return 1
    case .info: return 2
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A range in a project file. Paths are project-relative with `/`; lines and columns are
/// 1-based, columns in Unicode scalars.
public struct SourceRange: Sendable, Hashable, Comparable, Codable {
  public var path: String
  public var line: Int
  public var column: Int
  public var endLine: Int
  public var endColumn: Int

  public init(path: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
    self.path = path
    self.line = line
    self.column = column
    self.endLine = endLine ?? line
    self.endColumn = endColumn ?? column
  }

  public static func < (a: SourceRange, b: SourceRange) -> Bool {
    if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
    return (a.line, a.column, a.endLine, a.endColumn) < (b.line, b.column, b.endLine, b.endColumn)
  }
}

/// Another place that explains a finding, such as a first definition.
public struct Note: Sendable, Hashable, Codable {
  public var message: String
  public var range: SourceRange?

  public init(_ message: String, at range: SourceRange?) {
    self.message = message
    self.range = range
  }
}

/// One diagnostic: a rule, a severity, a message and where it points.
public struct Finding: Sendable, Hashable, Codable {
  public var rule: RuleID
  public var severity: Severity
  public var message: String
  public var range: SourceRange
  /// The JSON Pointer of the node inside its document ("" for the document, or for a file).
  public var pointer: String
  public var notes: [Note]
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
  public static func hex(_ parts: [String]) -> String {
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x8422_2325_cbf2_9ce4
    for part in parts {
      for byte in part.utf8 {
        a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
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
