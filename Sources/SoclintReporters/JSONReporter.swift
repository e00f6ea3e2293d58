import SoclintDiagnostics
import SoclintRules

/// The json format of CLI.md: one object with the tool, the as-of date, a summary and the
/// findings in output order. Its shape is Schemas/findings.schema.json.
///
/// Paths are project-relative (`range.path`), never the display path, so the bytes do not
/// depend on the current directory; nothing in it depends on the clock or the machine.
public struct JSONReporter: Reporter {
  /// The version of this format; it changes only when a key is removed or changes meaning.
  public static let formatVersion = 1

  /// The reporter, which has no settings.
  public init() {}

  /// The findings document, ending with a line break.
  public func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String {
    let counts = result.project.counts
    let summary: JSONValue = .object([
      ("errors", .int(findings.filter { $0.severity == .error }.count)),
      ("warnings", .int(findings.filter { $0.severity == .warning }.count)),
      ("infos", .int(findings.filter { $0.severity == .info }.count)),
      ("files", .int(counts.files)),
      ("controls", .int(counts.controls)),
    ])
    let document: JSONValue = .object([
      ("version", .int(JSONReporter.formatVersion)),
      (
        "tool",
        .object([("name", .string(ReportContext.toolName)), ("version", .string(ReportContext.toolVersion))])
      ),
      ("asOf", .string(result.asOf.description)),
      ("summary", summary),
      ("findings", .array(findings.map(JSONReporter.value(of:)))),
    ])
    return document.rendered()
  }

  /// One finding, keys in CLI.md's order.
  static func value(of f: Finding) -> JSONValue {
    .object([
      ("rule", .string(f.rule.rawValue)),
      ("severity", .string(f.severity.rawValue)),
      ("message", .string(f.message)),
      ("path", .string(f.range.path)),
      ("line", .int(f.range.line)),
      ("column", .int(f.range.column)),
      ("endLine", .int(f.range.endLine)),
      ("endColumn", .int(f.range.endColumn)),
      ("pointer", .string(f.pointer)),
      (
        "notes",
        .array(
          f.notes.map { note in
            // A note without a place (such as which checks were skipped) keeps the keys, as null.
            .object([
              ("message", .string(note.message)),
              ("path", .orNull(note.range?.path)),
              ("line", .orNull(note.range?.line)),
              ("column", .orNull(note.range?.column)),
            ])
          })
      ),
      ("help", .array(f.help.map { .string($0) })),
      ("fingerprint", .string(f.fingerprint)),
    ])
  }
}
