import SoclintDiagnostics
import SoclintModel
import SoclintRules

/// JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure Pipelines):
/// a testsuite per project file, in path order, files without findings included; in each, a
/// testcase per control ("control AC-01"), policy ("policy POL-ACCESS"), owners list ("owners")
/// and catalog ("catalog soc1"), and a testcase "file" for what lies in no such document (syntax
/// and reading errors, the configuration, a comment above the first key) or for a file that
/// holds none.
///
/// A finding belongs to the document whose node range holds its position. Each error finding
/// is a `<failure>` of its testcase, with the compiler-style text as its content; warnings and
/// infos, which do not fail a run, are the testcase's `<system-out>`. No times or host names,
/// and paths are project-relative: the same findings give the same bytes.
public struct JUnitReporter: Reporter {
  /// The reporter, which has no settings.
  public init() {}

  /// One testcase: a name, the extent of its document (none for the file's own testcase) and
  /// the findings that belong to it.
  struct TestCase {
    let name: String
    let extent: SourceRange?
    var findings: [Finding] = []

    var start: (Int, Int) { extent.map { ($0.line, $0.column) } ?? (0, 0) }

    func contains(_ r: SourceRange) -> Bool {
      guard let e = extent else { return false }
      return (e.line, e.column) <= (r.line, r.column) && (r.line, r.column) <= (e.endLine, e.endColumn)
    }

    var failureCount: Int { findings.filter { $0.severity == .error }.count }
  }

  /// The JUnit XML document of the findings: a testsuite per project file.
  public func render(_ result: LintResult, findings: [Finding], context: ReportContext) -> String {
    // The text inside the XML is for the report, not the terminal: no colour, and paths as
    // everywhere else in the machine formats.
    let text = ReportContext(displayPath: { $0 }, color: false, sources: context.sources)
    let documents = JUnitReporter.documents(of: result.project)

    var findingsByPath: [String: [Finding]] = [:]
    for f in findings { findingsByPath[f.range.path, default: []].append(f) }
    // Every file read, and any path a finding names that was not read (a file that could not
    // be read has no SourceFile but has its invalid-file finding).
    var paths = Set(result.project.files.map(\.path))
    paths.formUnion(findingsByPath.keys)
    paths.formUnion(documents.keys)
    let ordered = paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

    var suites: [(path: String, cases: [TestCase])] = []
    for path in ordered {
      var cases = documents[path] ?? []
      var fileCase = TestCase(name: "file", extent: nil)
      for f in findingsByPath[path] ?? [] {
        // The innermost document holding the position: the last, in start order, to hold it.
        // Documents start in order, so a binary search finds the last one starting at or
        // before the position; a file of many documents and findings stays n log n.
        var low = 0
        var high = cases.count
        while low < high {
          let mid = (low + high) / 2
          if cases[mid].start <= (f.range.line, f.range.column) { low = mid + 1 } else { high = mid }
        }
        if let i = cases[..<low].lastIndex(where: { $0.contains(f.range) }) {
          cases[i].findings.append(f)
        } else {
          fileCase.findings.append(f)
        }
      }
      if !fileCase.findings.isEmpty || cases.isEmpty { cases.insert(fileCase, at: 0) }
      suites.append((path, cases))
    }

    let totalTests = suites.reduce(0) { $0 + $1.cases.count }
    let totalFailures = suites.reduce(0) { $0 + $1.cases.filter { $0.failureCount > 0 }.count }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"\(ReportContext.toolName)\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
    for suite in suites {
      let path = XMLEscaping.attribute(suite.path)
      let failed = suite.cases.filter { $0.failureCount > 0 }.count
      out +=
        "  <testsuite name=\"\(path)\" tests=\"\(suite.cases.count)\" failures=\"\(failed)\" errors=\"0\">\n"
      for testCase in suite.cases {
        let open = "    <testcase classname=\"\(path)\" name=\"\(XMLEscaping.attribute(testCase.name))\""
        if testCase.findings.isEmpty {
          out += open + "/>\n"
          continue
        }
        out += open + ">\n"
        for f in testCase.findings where f.severity == .error {
          out +=
            "      <failure message=\"\(XMLEscaping.attribute(f.message))\" type=\"\(XMLEscaping.attribute(f.rule.rawValue))\">"
          out += XMLEscaping.text(TextReporter().render(f, context: text)) + "</failure>\n"
        }
        let others = testCase.findings.filter { $0.severity != .error }
        if !others.isEmpty {
          out += "      <system-out>"
          for f in others { out += XMLEscaping.text(TextReporter().render(f, context: text)) }
          out += "</system-out>\n"
        }
        out += "    </testcase>\n"
      }
      out += "  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  /// The testcases of each file's documents, in start order. An owners list's extent is that
  /// of its owners (the model keeps each owner, not the list's node); owners of one file form
  /// one list.
  static func documents(of project: Project) -> [String: [TestCase]] {
    var byPath: [String: [TestCase]] = [:]
    for control in project.controls {
      byPath[control.file.path, default: []].append(
        TestCase(name: "control \(control.id.value)", extent: control.file.range(of: control.node)))
    }
    for policy in project.policies {
      byPath[policy.file.path, default: []].append(
        TestCase(name: "policy \(policy.id.value)", extent: policy.file.range(of: policy.node)))
    }
    for catalog in project.catalogs {
      byPath[catalog.file.path, default: []].append(
        TestCase(name: "catalog \(catalog.framework.value)", extent: catalog.file.range(of: catalog.node)))
    }
    var ownerRanges: [String: SourceRange] = [:]
    var ownerPaths: [String] = []
    for owner in project.owners {
      let r = owner.file.range(of: owner.node)
      guard var extent = ownerRanges[r.path] else {
        ownerRanges[r.path] = r
        ownerPaths.append(r.path)
        continue
      }
      if (r.line, r.column) < (extent.line, extent.column) {
        (extent.line, extent.column) = (r.line, r.column)
      }
      if (r.endLine, r.endColumn) > (extent.endLine, extent.endColumn) {
        (extent.endLine, extent.endColumn) = (r.endLine, r.endColumn)
      }
      ownerRanges[r.path] = extent
    }
    for path in ownerPaths {
      byPath[path, default: []].append(TestCase(name: "owners", extent: ownerRanges[path]!))
    }
    for path in byPath.keys {
      byPath[path]!.sort { $0.start < $1.start }
    }
    return byPath
  }
}
