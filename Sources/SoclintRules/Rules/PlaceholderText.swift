import SoclintDiagnostics
import SoclintModel

struct PlaceholderText: Rule {
  static let description = RuleDescription(
    id: "placeholder-text", severity: .warning, category: .completeness,
    summary: "A title, description, evidence source or owner name holds placeholder text (TODO, TBD, <fill in>)",
    explanation: """
      Placeholders are promises to write something later, and an auditor reads them as a control
      nobody has designed yet. The rule looks for the words TODO, TBD, FIXME and XXX, for ???,
      "lorem ipsum" and for angle-bracket fill-ins such as `<describe here>`, as whole words in
      any case. Write what is actually done.
      """,
    failing: [Example.control(replacing: "source: Jira project SEC", with: "source: TBD")],
    passing: [Example(control: Example.goodControl)])

  /// The placeholder the text holds, if any.
  static func placeholder(in text: String) -> String? {
    let lower = text.lowercased()
    if let r = lower.range(of: "lorem ipsum") { return String(text[r]) }
    if text.contains("???") { return "???" }
    // Angle-bracket fill-ins: `<` then some text without brackets, then `>`.
    if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">"),
      text.distance(from: open, to: close) > 1,
      !text[text.index(after: open)..<close].contains("<")
    {
      return String(text[open...close])
    }
    var word = ""
    var words: [String] = []
    for c in text {
      if c.isLetter || c.isNumber {
        word.append(c)
      } else {
        if !word.isEmpty { words.append(word) }
        word = ""
      }
    }
    if !word.isEmpty { words.append(word) }
    return words.first { ["todo", "tbd", "fixme", "xxx"].contains($0.lowercased()) }
  }

  func check(_ context: LintContext, report: inout [Finding]) {
    func look(_ text: Located<String>, _ what: String) {
      guard let p = PlaceholderText.placeholder(in: text.value) else { return }
      report.append(
        finding(
          "\(what) holds the placeholder '\(p)'", at: text,
          help: ["write what is actually done, or suppress with a reason if the wording is agreed"],
          subject: [what, p]))
    }
    for control in context.activeControls {
      let c = control.id.value
      look(control.title, "the title of control \(c)")
      look(control.description, "the description of control \(c)")
      for e in control.evidence {
        look(e.description, "the description of evidence '\(e.id.value)' of control \(c)")
        look(e.source, "the source of evidence '\(e.id.value)' of control \(c)")
      }
    }
    for owner in context.project.owners {
      look(owner.name, "the name of owner '\(owner.id.value)'")
    }
  }
}
