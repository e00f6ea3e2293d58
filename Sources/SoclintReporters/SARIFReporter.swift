import Foundation
import SoclintDiagnostics
import SoclintRules

/// SARIF 2.1.0, as CLI.md lists it: valid against the OASIS schema and accepted by GitHub code
/// scanning (which reads `rules[].shortDescription`, `fullDescription`, `help`, each result's
/// `message.text`, first location and `partialFingerprints`).
///
/// Locations are project-relative URIs under the base id %SRCROOT%. The base itself is given by
/// a description only, not an absolute `file://` URI: SARIF allows that (an artifactLocation
/// has no required property; a consumer that needs the base asks for it, as SARIF viewers do),
/// GitHub interprets relative URIs against the root of the repository analysed, and the output
/// then does not depend on the folder the project was checked out in.
public struct SARIFReporter: Reporter {
  /// The `$schema` the log names: SARIF 2.1.0's JSON Schema.
  public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
  /// The version of SARIF the log follows.
  public static let sarifVersion = "2.1.0"
  /// The `uriBaseId` every location is relative to: the project root.
  public static let baseID = "%SRCROOT%"
  /// The key of `partialFingerprints`: the finding's line-independent fingerprint, versioned so
  /// that a later change of the hash can take a new key.
  public static let fingerprintKey = "soclint/v1"
  /// GitHub cuts `fullDescription.text` at 1024 characters.
  static let maxDescriptionLength = 1024

  /// The reporter, which has no settings.
  public init() {}

  /// The SARIF log of the findings: one run, every rule, a result per finding.
  public func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String {
    let descriptions = Registry.descriptions
    var ruleIndex: [RuleID: Int] = [:]
    for (i, d) in descriptions.enumerated() { ruleIndex[d.id] = i }
    let driver: JSONValue = .object([
      ("name", .string(ReportContext.toolName)),
      ("version", .string(ReportContext.toolVersion)),
      ("semanticVersion", .string(ReportContext.toolVersion)),
      ("informationUri", .string(ReportContext.informationURI)),
      ("rules", .array(descriptions.map(SARIFReporter.rule))),
    ])
    let run: JSONValue = .object([
      ("tool", .object([("driver", driver)])),
      (
        "originalUriBaseIds",
        .object([
          (
            SARIFReporter.baseID,
            .object([
              (
                "description",
                .object([("text", .string("The project root (the folder holding .soclint.yaml)"))])
              )
            ])
          )
        ])
      ),
      ("columnKind", .string("unicodeCodePoints")),
      ("results", .array(findings.map { SARIFReporter.result($0, ruleIndex: ruleIndex[$0.rule]) })),
    ])
    let log: JSONValue = .object([
      ("$schema", .string(SARIFReporter.schemaURI)),
      ("version", .string(SARIFReporter.sarifVersion)),
      ("runs", .array([run])),
    ])
    return log.rendered()
  }

  /// A reportingDescriptor for one rule.
  static func rule(_ d: RuleDescription) -> JSONValue {
    let explanation = unwrapped(d.explanation)
    let explain = "Run `soclint explain \(d.id)` for a failing and a passing example."
    return .object([
      ("id", .string(d.id.rawValue)),
      ("name", .string(ruleName(d.id.rawValue))),
      ("shortDescription", .object([("text", .string(d.summary))])),
      ("fullDescription", .object([("text", .string(truncated(explanation, to: maxDescriptionLength)))])),
      (
        "help",
        .object([
          ("text", .string(explanation + "\n\n" + explain)),
          ("markdown", .string(explanation + "\n\n" + explain)),
        ])
      ),
      ("defaultConfiguration", .object([("level", .string(level(d.severity)))])),
    ])
  }

  /// One result: the finding's own severity (the configuration may have re-graded it), its
  /// message with help lines and place-less notes after it, its location, the notes that have
  /// a place as related locations, and the line-independent fingerprint.
  static func result(_ f: Finding, ruleIndex: Int?) -> JSONValue {
    var text = f.message
    for h in f.help { text += "\nhelp: \(h)" }
    for n in f.notes where n.range == nil { text += "\nnote: \(n.message)" }
    var pairs: [(String, JSONValue)] = [("ruleId", .string(f.rule.rawValue))]
    if let ruleIndex { pairs.append(("ruleIndex", .int(ruleIndex))) }
    pairs += [
      ("level", .string(level(f.severity))),
      ("message", .object([("text", .string(text))])),
      ("locations", .array([.object([("physicalLocation", physicalLocation(f.range))])])),
    ]
    var related: [JSONValue] = []
    for n in f.notes {
      guard let r = n.range else { continue }
      related.append(
        .object([
          ("id", .int(related.count + 1)),
          ("physicalLocation", physicalLocation(r)),
          ("message", .object([("text", .string(n.message))])),
        ]))
    }
    if !related.isEmpty { pairs.append(("relatedLocations", .array(related))) }
    pairs.append(("partialFingerprints", .object([(fingerprintKey, .string(f.fingerprint))])))
    return .object(pairs)
  }

  static func physicalLocation(_ r: SourceRange) -> JSONValue {
    // A finding at a point (a whole file at 1:1, a libyaml mark) has an empty range; SARIF would
    // read that as an insertion point between characters, so it is widened to the one character
    // the text format's caret underlines.
    let endLine = max(r.endLine, r.line)
    let endColumn = endLine == r.line ? max(r.endColumn, r.column + 1) : max(r.endColumn, 1)
    return .object([
      ("artifactLocation", .object([("uri", .string(uri(r.path))), ("uriBaseId", .string(baseID))])),
      (
        "region",
        .object([
          ("startLine", .int(r.line)),
          ("startColumn", .int(r.column)),
          ("endLine", .int(endLine)),
          ("endColumn", .int(endColumn)),
        ])
      ),
    ])
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .info: return "note"
    }
  }

  /// The rule id in UpperCamelCase, as SARIF's `name` is conventionally spelled:
  /// `unknown-owner` is `UnknownOwner`.
  static func ruleName(_ id: String) -> String {
    id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }

  /// A project-relative path as a relative URI reference (RFC 3986 path-noscheme): `/` stays
  /// the separator; unreserved characters, sub-delims and `@` stay as they are; everything else
  /// is percent-encoded from its UTF-8 bytes. `:` is encoded too, or a first segment such as
  /// `a:b.yaml` would read as a scheme.
  public static func uri(_ path: String) -> String {
    let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@/".utf8)
    let hex = Array("0123456789ABCDEF".utf8)
    var bytes: [UInt8] = []
    for byte in path.utf8 {
      if kept.contains(byte) {
        bytes.append(byte)
      } else {
        bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The explanation's hard-wrapped lines joined into paragraphs, so that viewers wrap it
  /// themselves; paragraphs stay apart.
  static func unwrapped(_ text: String) -> String {
    var paragraphs: [String] = []
    var current: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty {
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        current = []
      } else {
        current.append(trimmed)
      }
    }
    if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
    return paragraphs.joined(separator: "\n\n")
  }

  /// At most `limit` characters, cut at a word boundary with an ellipsis.
  static func truncated(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
    var cut = String(text.prefix(limit - 1))
    if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
    return cut + "…"
  }
}
