import Foundation
import SoclintDiagnostics
import SoclintRules

/// GitHub Actions workflow commands, as CLI.md describes: one `::error`, `::warning` or
/// `::notice` annotation per finding, so that findings show on the pull request's lines; then
/// the compiler-style text of every finding, because GitHub shows only the first few
/// annotations of a step. The Markdown job summary is a separate text, `stepSummary`, which the
/// CLI appends to the file GitHub names; reporters never write.
public struct GitHubReporter: Reporter {
  /// The reporter, which has no settings.
  public init() {}

  /// An annotation per finding, then the compiler-style text of every finding, without colour.
  public func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String {
    var out = ""
    for f in findings { out += GitHubReporter.annotation(f, path: context.displayPath(f.range.path)) + "\n" }
    var plain = context
    plain.color = false
    let text = TextReporter().render(result, findings: findings, context: plain)
    // The runner reads any line that starts with `::` as a command. A message can carry a line
    // break followed by text from the YAML (a quoted key, libyaml's context), so such a line is
    // indented by one space: it cannot inject a command, and it still reads the same.
    out += text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { ($0.hasPrefix("::") ? " " : "") + $0 }
      .joined(separator: "\n")
    return out
  }

  /// `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`.
  ///
  /// `file` is the path as shown (relative to the current directory): GitHub resolves it
  /// against the workspace, the repository root that a workflow's steps run in, so a project
  /// in a subfolder of the repository still lands on the right file.
  ///
  /// `col` and `endColumn` are left out when the range spans lines: GitHub accepts columns
  /// only on a single-line annotation. The message carries the help lines after it, so the
  /// suggestion ("did you mean ...") shows on the pull request too.
  static func annotation(_ f: Finding, path: String) -> String {
    let command: String
    switch f.severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .info: command = "notice"
    }
    let r = f.range
    var properties = ["file=\(escapeProperty(Printable.escaped(path)))", "line=\(r.line)"]
    if r.endLine == r.line {
      properties += [
        "col=\(r.column)", "endLine=\(r.endLine)", "endColumn=\(max(r.endColumn, r.column + 1))",
      ]
    } else {
      properties.append("endLine=\(max(r.endLine, r.line))")
    }
    properties.append("title=\(escapeProperty(f.rule.rawValue))")
    // The only line breaks are those the annotation adds itself between message and help; a
    // line break inside a value shows as \u{A}, as in the text output.
    var message = Printable.escaped(f.message)
    for h in f.help { message += "\nhelp: \(Printable.escaped(h))" }
    return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
  }

  /// A command's message, escaped as @actions/core's `escapeData` does.
  static func escapeData(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A command's property value, escaped as @actions/core's `escapeProperty` does: the
  /// message's escapes, and `:` and `,`, which end a property.
  static func escapeProperty(_ s: String) -> String {
    var out = ""
    for scalar in escapeData(s).unicodeScalars {
      switch scalar {
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The job summary: a heading, the counts, and a table with a row per finding (severity,
  /// location, rule, message), locations shown as in the log.
  public static func stepSummary(findings: [Finding], context: ReportContext) -> String {
    var out = "### soclint\n\n"
    if findings.isEmpty { return out + "No problems found.\n\n" }
    let errors = findings.filter { $0.severity == .error }.count
    let warnings = findings.filter { $0.severity == .warning }.count
    let infos = findings.filter { $0.severity == .info }.count
    out +=
      "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings"), \(infos) info\n\n"
    out += "| severity | location | rule | message |\n| --- | --- | --- | --- |\n"
    for f in findings {
      let location = "\(context.displayPath(f.range.path)):\(f.range.line):\(f.range.column)"
      out +=
        "| \(f.severity.rawValue) | \(markdownCell(location)) | \(markdownCell(f.rule.rawValue)) | \(markdownCell(f.message)) |\n"
    }
    return out + "\n"
  }

  /// Text for one table cell: `|` would end the cell and a line break the row, so they become
  /// `\|` and `<br>`; Markdown's inline punctuation is backslash-escaped and `&`, `<`, `>` become
  /// entities, so a value such as `<describe here>` shows as written instead of as HTML.
  static func markdownCell(_ s: String) -> String {
    var out = ""
    var previousWasCR = false
    for scalar in s.unicodeScalars {
      defer { previousWasCR = scalar == "\r" }
      switch scalar {
      case "\r": out += "<br>"
      case "\n": if !previousWasCR { out += "<br>" }
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\\", "|", "`", "*", "_", "[", "]", "~": out += "\\" + String(scalar)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
