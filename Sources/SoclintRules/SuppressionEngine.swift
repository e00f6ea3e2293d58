import SoclintDiagnostics
import SoclintModel

/// Applies the `# soclint: ignore[...]` comments of every file to the findings: a finding of a
/// rule a suppression names, on its line (or anywhere in the file for `ignore-file`), is
/// silenced while the suppression has not expired; structure rules are never silenced. Then
/// each suppression is judged itself: unknown rules, expired or undated ones, no reason, unused.
struct SuppressionEngine {
  let asOf: Day
  /// Suppressions by project-relative path, in file order.
  private var byPath: [String: [Suppression]] = [:]
  /// Where each file's suppressions apply: by line, and file-wide, as indices into `byPath`.
  private var places: [String: (byLine: [Int: [Int]], fileWide: [Int])] = [:]
  /// Files with a reading or structure error: not fully judged, so a suppression in one may
  /// have had nothing to silence only because of that error.
  private let brokenFiles: Set<String>

  init(project: Project, asOf: Day) {
    self.asOf = asOf
    // A suppression is a comment, and a file without `#` has none (`mayHoldComment`, found
    // while the file was read), where the marker's search stops at every `:` of every key.
    for file in project.files where file.mayHoldComment && file.contains(ascii: "soclint:") {
      let parsed = Suppression.parse(file)
      guard !parsed.isEmpty else { continue }
      byPath[file.path] = parsed
      // Indexed by line, so a file of thousands of findings and suppressions stays linear.
      var byLine: [Int: [Int]] = [:]
      var fileWide: [Int] = []
      for (i, s) in parsed.enumerated() {
        switch s.scope {
        case .file: fileWide.append(i)
        case .line(let line): byLine[line, default: []].append(i)
        }
      }
      places[file.path] = (byLine, fileWide)
    }
    brokenFiles = Set(project.findings.filter(\.rule.isStructural).map(\.range.path))
  }

  /// The findings kept, with the suppressions' own findings added, and those silenced.
  func apply(
    to findings: [Finding]
  ) -> (kept: [Finding], silenced: [(finding: Finding, suppression: Suppression)]) {
    var used = Set<String>()  // "path#index"
    var kept: [Finding] = []
    kept.reserveCapacity(findings.count)
    var silenced: [(finding: Finding, suppression: Suppression)] = []
    for f in findings {
      if let i = silencer(of: f), let list = byPath[f.range.path] {
        used.insert("\(f.range.path)#\(i)")
        silenced.append((f, list[i]))
      } else {
        kept.append(f)
      }
    }
    for (path, list) in byPath {
      for (i, s) in list.enumerated() {
        kept += judge(s, used: used.contains("\(path)#\(i)") || brokenFiles.contains(path))
      }
    }
    return (kept, silenced)
  }

  /// The index of the first suppression in the finding's file that silences it.
  private func silencer(of f: Finding) -> Int? {
    guard !f.rule.isStructural, let list = byPath[f.range.path], let at = places[f.range.path] else {
      return nil
    }
    return ((at.byLine[f.range.line] ?? []) + at.fileWide).filter { i in
      let s = list[i]
      let inForce = s.until.map { asOf <= $0 } ?? (s.badUntil == nil)
      return inForce && s.rules.contains { $0.name == f.rule.rawValue }
    }.min()
  }

  /// A suppression's own findings.
  private func judge(_ s: Suppression, used: Bool) -> [Finding] {
    var out: [Finding] = []
    for name in s.rules where RuleID(rawValue: name.name) == nil {
      out.append(.unknownRule(name.name, in: "this suppression", at: name.range))
    }
    if let bad = s.badUntil {
      out.append(.undatedSuppression(s, until: bad))
    } else if let until = s.until, asOf > until {
      out.append(.expiredSuppression(s, on: until))
    } else if !used && out.isEmpty {
      // A suppression naming an unknown rule is reported as such, not also as unused.
      out.append(.unusedSuppression(s))
    }
    if s.reason.isEmpty { out.append(.suppressionWithoutReason(s)) }
    return out
  }
}
