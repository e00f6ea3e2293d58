import SoclintDiagnostics
import SoclintRules

/// Placeholder until the format is written: falls back to text.
public struct SARIFReporter: Reporter {
  public init() {}
  public func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String {
    TextReporter().render(result, findings: findings, context: context)
  }
}
