import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules

extension LanguageServer {
  /// Quick fixes for the findings at the range: the one replacement a help line offers ("did
  /// you mean 'alice'?"), removing an unused suppression, or suppressing the finding's rule on
  /// its line.
  func codeActions(_ params: CodeActionParams) -> [CodeAction] {
    guard let (project, document) = current(params.textDocument.uri), let path = document.path else {
      return []
    }
    if let only = params.context?.only,
      !only.contains(where: { $0 == "quickfix" || $0.hasPrefix("quickfix.") })
    {
      return []
    }
    let lines = TextLines(document.text)
    let builder = DiagnosticBuilder(project: project, uri: uri(for:))
    var actions: [CodeAction] = []
    for finding in project.findings[path] ?? [] {
      let diagnostic = builder.diagnostic(finding)
      guard diagnostic.range.overlaps(params.range) else { continue }
      if let replacement = LanguageServer.singleReplacement(finding.help),
        diagnostic.range.start.line == diagnostic.range.end.line
      {
        actions.append(
          action(
            "Replace with '\(replacement)'", document, diagnostic, preferred: true,
            [TextEdit(range: diagnostic.range, newText: replacement)]))
      }
      if finding.rule == .unusedSuppression {
        actions.append(
          action(
            "Remove this suppression", document, diagnostic, preferred: true,
            [removal(diagnostic.range, lines)]))
      } else if LanguageServer.suppressible(finding) {
        actions.append(suppression(finding, diagnostic, document, lines))
      }
    }
    return actions
  }

  func action(
    _ title: String, _ document: OpenDocument, _ diagnostic: Diagnostic, preferred: Bool, _ edits: [TextEdit]
  ) -> CodeAction {
    CodeAction(
      title: title, kind: "quickfix", diagnostics: [diagnostic], isPreferred: preferred,
      edit: WorkspaceEdit(changes: [document.uri: edits]), command: nil)
  }

  /// The replacement of a help that offers exactly one: "did you mean 'x'?".
  static func singleReplacement(_ help: [String]) -> String? {
    let offers = help.compactMap { line -> String? in
      guard line.hasPrefix("did you mean '"), line.hasSuffix("'?") else { return nil }
      let inner = line.dropFirst("did you mean '".count).dropLast(2)
      return inner.contains("'") ? nil : String(inner)
    }
    return offers.count == 1 ? offers[0] : nil
  }

  /// Structure findings cannot be silenced, and a suppression's own findings are fixed, not
  /// suppressed.
  static func suppressible(_ finding: Finding) -> Bool {
    !finding.rule.isStructural && Registry.description(of: finding.rule).category != .suppressions
  }

  /// The comment and the white space before it; the whole line when the comment is alone on it.
  func removal(_ range: LSPRange, _ lines: TextLines) -> TextEdit {
    let line = lines.line(range.start.line)
    let hash = lines.scalarOffset(of: range.start)
    var start = hash
    while start > 0 && (line[start - 1] == " " || line[start - 1] == "\t") { start -= 1 }
    if start == 0 && range.start.line + 1 < lines.lines.count {
      return TextEdit(
        range: LSPRange(
          start: Position(line: range.start.line, character: 0),
          end: Position(line: range.start.line + 1, character: 0)),
        newText: "")
    }
    let end = Position(
      line: range.start.line, character: lines.character(line: range.start.line, scalarOffset: line.count))
    return TextEdit(
      range: LSPRange(
        start: Position(
          line: range.start.line, character: lines.character(line: range.start.line, scalarOffset: start)),
        end: end),
      newText: "")
  }

  /// `# soclint: ignore[RULE] ` on a line of its own above the finding's line, at its
  /// indentation (such a comment applies to the next line with YAML content); the command then
  /// puts the cursor where the reason goes.
  func suppression(
    _ finding: Finding, _ diagnostic: Diagnostic, _ document: OpenDocument, _ lines: TextLines
  )
    -> CodeAction
  {
    let lineIndex = diagnostic.range.start.line
    let indent = String(String.UnicodeScalarView(lines.line(lineIndex).prefix { $0 == " " }))
    let comment = "# soclint: ignore[\(finding.rule.rawValue)] "
    let at = Position(line: lineIndex, character: 0)
    // A CRLF file keeps its line breaks.
    let lineBreak = document.text.utf8.contains(13) ? "\r\n" : "\n"
    let cursor = Position(line: lineIndex, character: indent.utf16.count + comment.utf16.count)
    var action = action(
      "Suppress \(finding.rule.rawValue) here", document, diagnostic, preferred: false,
      [TextEdit(range: LSPRange(start: at, end: at), newText: indent + comment + lineBreak)])
    action.command = Command(
      title: "Type the reason", command: LanguageServer.placeCursorCommand,
      arguments: [.string(document.uri), .int(cursor.line), .int(cursor.character)])
    return action
  }
}
