import SoclintDiagnostics
import SoclintModel

/// Findings as LSP diagnostics, as CLI.md says: the range in UTF-16 code units, the severity
/// (error 1, warning 2, info 3), the rule id as `code`, `source` "soclint", the message with
/// its help lines, notes with a place as related information, and the Unnecessary tag on an
/// unused suppression (editors fade it).
struct DiagnosticBuilder {
  let project: ProjectState
  /// The URI to publish a file's diagnostics under: the editor's own for an open document.
  let uri: (String) -> String

  func diagnostic(_ finding: Finding) -> Diagnostic {
    var message = finding.message
    for help in finding.help { message += "\nhelp: " + help }
    var related: [DiagnosticRelatedInformation] = []
    for note in finding.notes {
      if let range = note.range {
        related.append(
          DiagnosticRelatedInformation(
            location: Location(uri: uri(project.absolute(range.path)), range: lspRange(range)),
            message: note.message
          ))
      } else {
        message += "\nnote: " + note.message
      }
    }
    return Diagnostic(
      range: lspRange(finding.range), severity: DiagnosticBuilder.severity(finding.severity),
      code: finding.rule.rawValue, source: "soclint", message: message,
      relatedInformation: related.isEmpty ? nil : related,
      tags: finding.rule == .unusedSuppression ? [DiagnosticTag.unnecessary] : nil)
  }

  static func severity(_ severity: Severity) -> Int {
    switch severity {
    case .error: return DiagnosticSeverity.error
    case .warning: return DiagnosticSeverity.warning
    case .info: return DiagnosticSeverity.information
    }
  }

  func lspRange(_ range: SourceRange) -> LSPRange {
    let file = project.files[range.path]
    return LSPRange(
      start: DiagnosticBuilder.position(file, line: range.line, column: range.column),
      end: DiagnosticBuilder.position(file, line: range.endLine, column: range.endColumn))
  }

  /// soclint's 1-based line and 1-based column in Unicode scalars, as LSP's 0-based line and
  /// UTF-16 offset: `é` is one of each, a CJK character one of each, an emoji one scalar and
  /// two code units. A column past its line's end is the line's end.
  static func position(_ file: SourceFile?, line: Int, column: Int) -> Position {
    guard line >= 1 else { return Position(line: 0, character: 0) }
    guard let text = file?.line(line) else { return Position(line: line - 1, character: max(column - 1, 0)) }
    var units = 0
    var taken = 0
    for scalar in text.unicodeScalars {
      if taken >= column - 1 { break }
      units += scalar.utf16.count
      taken += 1
    }
    return Position(line: line - 1, character: units)
  }

  /// Every file's diagnostics, by absolute path.
  func all(_ findings: [Finding]) -> [String: [Diagnostic]] {
    var out: [String: [Diagnostic]] = [:]
    for finding in findings {
      out[project.absolute(finding.range.path), default: []].append(diagnostic(finding))
    }
    return out
  }
}
