import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules
import SoclintSchema

extension LanguageServer {
  /// The cursor's context in an open document of a judged project.
  func cursor(_ params: TextDocumentPositionParams) -> (ProjectState, OpenDocument, TextLines, CursorContext)?
  {
    guard let (project, document) = current(params.textDocument.uri) else { return nil }
    let lines = TextLines(document.text)
    guard let cursor = CursorContext(lines: lines, position: params.position) else { return nil }
    return (project, document, lines, cursor)
  }

  func subject(
    _ project: ProjectState, _ document: OpenDocument, _ lines: TextLines, _ cursor: CursorContext
  )
    -> Subject?
  {
    Subject(
      cursor, reader: YAMLLineReader(lines: lines), isConfiguration: document.path == project.configPath)
  }

  func wordRange(_ lines: TextLines, _ cursor: CursorContext) -> LSPRange {
    LSPRange(
      start: Position(
        line: cursor.line, character: lines.character(line: cursor.line, scalarOffset: cursor.wordStart)),
      end: Position(
        line: cursor.line, character: lines.character(line: cursor.line, scalarOffset: cursor.wordEnd)))
  }

  func hover(_ params: TextDocumentPositionParams) -> Hover? {
    guard let (project, document, lines, cursor) = self.cursor(params),
      let subject = subject(project, document, lines, cursor)
    else { return nil }
    let text: String?
    if case .rule(let name) = subject {
      // Rule summaries need no project.
      text = Registry.description(of: name).map { "**\(name)** · \($0.severity.rawValue)\n\n\($0.summary)" }
    } else {
      text = project.context.flatMap { ProjectKnowledge(project: project, context: $0).hover(subject) }
    }
    guard let text else { return nil }
    return Hover(contents: MarkupContent(kind: "markdown", value: text), range: wordRange(lines, cursor))
  }

  func definition(_ params: TextDocumentPositionParams) -> [Location] {
    guard let (project, document, lines, cursor) = self.cursor(params),
      let subject = subject(project, document, lines, cursor), let context = project.context,
      let target = ProjectKnowledge(project: project, context: context).definition(subject)
    else { return [] }
    let builder = DiagnosticBuilder(project: project, uri: uri(for:))
    return [Location(uri: uri(for: project.absolute(target.path)), range: builder.lspRange(target.range))]
  }

  func completion(_ params: TextDocumentPositionParams) -> CompletionList {
    guard let (project, document, lines, cursor) = self.cursor(params) else {
      return CompletionList(isIncomplete: false, items: [])
    }
    var range = wordRange(lines, cursor)
    let line = lines.line(cursor.line)
    // `owner:|` gets a space before the value, or YAML would read one plain scalar.
    let needsSpace = cursor.place == .value && cursor.wordStart > 0 && line[cursor.wordStart - 1] == ":"
    range.end = range.end < params.position ? params.position : range.end
    let candidates = completions(project, document, cursor)
    let items = candidates.enumerated().map { index, candidate in
      CompletionItem(
        label: candidate.label, kind: candidate.kind, detail: candidate.detail, documentation: nil,
        sortText: String(format: "%05d", index), filterText: candidate.label,
        textEdit: TextEdit(range: range, newText: (needsSpace ? " " : "") + candidate.label))
    }
    return CompletionList(isIncomplete: false, items: items)
  }

  struct Candidate {
    let label: String
    let detail: String?
    let kind: Int
  }

  func completions(_ project: ProjectState, _ document: OpenDocument, _ cursor: CursorContext) -> [Candidate]
  {
    let keys = cursor.keys
    switch cursor.place {
    case .suppressionRules:
      return Registry.descriptions.filter { !$0.id.isStructural }.map {
        Candidate(label: $0.id.rawValue, detail: $0.summary, kind: 20)
      }
    case .comment, .key:
      return []
    case .value:
      guard let context = project.context else { return enumCandidates(project, document, cursor) }
      if let key = cursor.key, Subject.ownerKeys.contains(key) {
        var seen = Set<String>()
        return context.project.owners.filter { seen.insert($0.id.value).inserted }.map { owner in
          Candidate(
            label: owner.id.value, detail: owner.name.value + (owner.active ? "" : " (has left)"), kind: 18)
        }
      }
      if keys.count == 2 && keys[0] == "criteria", case .index = cursor.path.last {
        return (context.frameworks[keys[1]]?.requirements ?? []).map {
          Candidate(label: $0.id, detail: $0.title.isEmpty ? nil : $0.title, kind: 12)
        }
      }
      if keys.last == "policies" { return policyCandidates(context) }
      return enumCandidates(project, document, cursor)
    }
  }

  /// The declared policy ids, each once, with their titles (and status, unless approved).
  func policyCandidates(_ context: LintContext) -> [Candidate] {
    var seen = Set<String>()
    return context.project.policies.filter { seen.insert($0.id.value).inserted }.map { policy in
      let status = policy.isApproved ? "" : " (\(policy.status.rawValue))"
      return Candidate(label: policy.id.value, detail: policy.title.value + status, kind: 18)
    }
  }

  /// The values an `enum` of the document's schema allows at the cursor.
  func enumCandidates(
    _ project: ProjectState, _ document: OpenDocument, _ cursor: CursorContext
  ) -> [Candidate] {
    let kind: DocumentKind? =
      document.path == project.configPath ? .config : cursor.kind.flatMap(DocumentKind.init(rawValue:))
    guard let kind, let validator = loader.checker.validator(for: kind) else { return [] }
    return validator.enumStrings(at: cursor.path).map { Candidate(label: $0, detail: nil, kind: 20) }
  }
}
