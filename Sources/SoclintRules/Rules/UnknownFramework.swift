import SoclintDiagnostics
import SoclintModel

struct UnknownFramework: Rule {
  static let description = RuleDescription(
    id: .unknownFramework, category: .names,
    summary: "A control's criteria or the configuration names a framework that no catalog declares",
    explanation: """
      `soc2` is built in; any other framework (SOC 1 control objectives, ISO 27001 annex A, an
      internal policy) is declared by a `kind: catalog` document whose `framework` is its id.
      A mapping to an undeclared framework counts for nothing. Declare the catalog or fix the id.
      """,
    failing: [
      Example.control(
        replacing: "  soc1: [CO-1]", with: "  ↓soc-1: [CO-1]",
        messages: ["framework 'soc-1' in the criteria of control AC-01 is not a known framework"])
    ],
    passing: [Example(control: Example.goodControl)])

  static let eachControl: ControlSelection? = .active

  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    guard !context.project.catalogsIncomplete else { return }
    for entry in control.criteria {
      look(
        entry.framework,
        "framework '\(entry.framework.value)' in the criteria of control \(control.id.value)", context,
        &report)
    }
  }

  func check(_ context: LintContext, report: inout [Finding]) {
    guard !context.project.catalogsIncomplete else { return }
    for scope in context.configuration.scopes {
      look(scope.framework, "framework '\(scope.framework.value)' in the configuration", context, &report)
    }
  }

  /// `what` and the help are built only for a finding: most values are fine, and they cost.
  private func look(
    _ id: Located<String>, _ describe: @autoclosure () -> String, _ context: LintContext,
    _ report: inout [Finding]
  ) {
    guard context.frameworks[id.value] == nil else { return }
    let what = describe()
    let known = context.frameworks.keys.sorted()
    var help: [String] = []
    if let s = Suggest.closest(to: id.value, in: known) { help.append("did you mean '\(s)'?") }
    help.append("known frameworks: \(known.joined(separator: ", ")); others need a catalog (kind: catalog)")
    report.append(finding("\(what) is not a known framework", at: id, help: help, subject: [id.value]))
  }
}
