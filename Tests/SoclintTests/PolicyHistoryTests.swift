import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules
import Testing

/// policy-changed-after-approval reads git: the committer day of the last commit that changed a
/// document's words, with one `git log` for all documents, and nothing without git.
@Suite struct PolicyHistoryTests {
  /// A project (in `sub`, when given, of a new git repository) with the good policy approved
  /// on 2026-03-02 and a second policy, approved on 2026-05-01.
  static func repository(in sub: String = "") throws -> (root: URL, project: URL) {
    let root = try Support.temporaryFolder()
    try Support.git(["init", "-q"], in: root)
    let project = sub.isEmpty ? root : root.appendingPathComponent(sub)
    var files = Example(Example.policyFiles).project
    files.append(
      (
        "Controls/policies/incident.yaml",
        Example.goodPolicy.replacingFirst("POL-ACCESS", with: "POL-INCIDENT")
          .replacingFirst("access-control.md", with: "incident.md")
          .replacingFirst("2026-03-02", with: "2026-05-01")
      ))
    files.append(("Controls/policies/incident.md", "# Incident Response Policy\n\nCall the on-call lead.\n"))
    files = files.map { $0.path == "Controls/example.yaml" ? ($0.path, Self.control) : $0 }
    for file in files { try write(file.text, to: file.path, in: project) }
    try commit(in: root, day: "2026-03-02", author: "Alice Chen")
    return (root, project)
  }

  /// The good control, carrying out both policies.
  static let control = Example.goodControl.replacingFirst(
    "owner: alice\n", with: "owner: alice\npolicies: [POL-ACCESS, POL-INCIDENT]\n")

  static func write(_ text: String, to path: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  static func commit(in root: URL, day: String, author: String) throws {
    try Support.git(["add", "-A"], in: root)
    let date = "\(day)T23:30:00+00:00"
    try Support.git(
      ["-c", "user.name=\(author)", "commit", "-q", "--allow-empty", "-m", "on \(day)"], in: root,
      environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
  }

  static func head(_ root: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "rev-parse", "--short", "HEAD"]
    process.currentDirectoryURL = root
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func drift(_ result: LintResult) -> [String] {
    result.findings.filter { $0.rule == .policyChangedAfterApproval }.map {
      "\($0.range.path):\($0.range.line): \($0.message)"
    }
  }

  @Test func theLastCommitThatChangedTheWordsIsReported() throws {
    let (root, project) = try Self.repository()
    defer { try? FileManager.default.removeItem(at: root) }
    let doc = Example.policyDocumentPath
    try Self.write(
      Example.policyDocument.replacingFirst("every quarter", with: "every month"), to: doc, in: project)
    try Self.commit(in: root, day: "2026-04-10", author: "Dana Wu")
    let words = try Self.head(root)
    // Later commits that change only spacing and blank lines, or other files, do not count.
    try Self.write(
      Example.policyDocument.replacingFirst("every quarter", with: "every   month") + "\n\n", to: doc,
      in: project)
    try Self.commit(in: root, day: "2026-05-20", author: "Erik Berg")
    // Nor does re-wrapping the paragraph: the same words, the line breaks moved.
    try Self.write(
      Example.policyDocument.replacingFirst("every quarter", with: "every month")
        .replacingFirst("owner,\nlimited to what", with: "owner, limited\nto what"), to: doc, in: project)
    try Self.commit(in: root, day: "2026-05-25", author: "Erik Berg")
    try Self.write(
      "# Incident Response Policy\n\nCall the on-call lead.\n\n", to: "Controls/policies/incident.md",
      in: project)
    try Self.commit(in: root, day: "2026-06-01", author: "Erik Berg")
    // Nor does a change that is not committed.
    try Self.write("# Rewritten\n", to: doc, in: project)
    let result = try Support.lint(project)
    #expect(
      Self.drift(result) == [
        "Controls/policies/access-control.yaml:8: the document of policy POL-ACCESS changed after its approval on 2026-03-02: commit \(words) on 2026-04-10 by Dana Wu"
      ])
    #expect(result.history.unavailable == nil)
  }

  /// The coverage report marks the policy changed since approval, with the commit, in every
  /// format, as lint reports it.
  @Test func coverageMarksTheChangeWithItsCommit() async throws {
    let (root, project) = try Self.repository()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.write(
      "# Incident Response Policy\n\nPage the lead.\n", to: "Controls/policies/incident.md", in: project)
    try Self.commit(in: root, day: "2026-07-01", author: "Erik Berg")
    let hash = try Self.head(root)
    let mark = "commit \(hash) on 2026-07-01 by Erik Berg"
    let json = try await Support.run(["coverage", "--format", "json"], in: project)
    let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let policies = try #require(object["policies"] as? [[String: Any]])
    #expect(policies.map { $0["id"] as? String } == ["POL-ACCESS", "POL-INCIDENT"])
    #expect(policies[0]["changedAfterApproval"] as? Bool == false)
    let changed = try #require(policies[1]["changedAfterApproval"] as? [String: String])
    #expect(changed == ["commit": hash, "date": "2026-07-01", "author": "Erik Berg"])
    #expect(policies[1]["controls"] as? [String] == ["AC-01"])
    for format in ["text", "markdown", "html"] {
      let run = try await Support.run(["coverage", "--format", format], in: project)
      #expect(run.stdout.contains(mark), "\(format)")
      #expect(run.stdout.contains("changed since"), "\(format)")
      #expect(!run.stdout.contains("not checked"), "\(format)")
    }
    // What needs attention names the change too.
    let text = try await Support.run(["coverage"], in: project)
    // (The line wraps at 100 columns.)
    #expect(
      text.stdout.contains("  - policy POL-INCIDENT changed since its approval: \(mark); owner\n    alice\n"))
    // POL-ACCESS, compared with git and unchanged.
    let html = try await Support.run(["coverage", "--format", "html"], in: project)
    #expect(html.stdout.contains("<td>as approved</td>"))
  }

  /// A policy's text named on the command line, or changed since a revision, is not read as
  /// YAML: its policy's findings are reported instead.
  @Test func namingAPolicyTextReportsItsPolicy() async throws {
    let (root, project) = try Self.repository()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.write(
      "# Incident Response Policy\n\nPage the lead.\n", to: "Controls/policies/incident.md", in: project)
    try Self.commit(in: root, day: "2026-07-01", author: "Erik Berg")
    let named = try await Support.run(["lint", "Controls/policies/incident.md"], in: project)
    #expect(
      named.stdout.hasPrefix(
        "Controls/policies/incident.yaml:8:14: warning: the document of policy POL-INCIDENT changed after its approval"
      ), "\(named.stdout)")
    #expect(!named.stdout.contains("yaml-syntax"))
    #expect(
      named.stderr.hasSuffix("in 6 files (1 control, 2 policies, 2 owners, 1 catalog)\n"), "\(named.stderr)")
    let other = try await Support.run(["lint", "Controls/policies/access-control.md"], in: project)
    #expect(other.stdout == "")
    let changed = try await Support.run(["lint", "--changed-since", "HEAD~1"], in: project)
    #expect(changed.stdout.contains("[policy-changed-after-approval]"), "\(changed.stdout)")
  }

  @Test func aChangeOnTheDayOfApprovalIsTheApprovedText() throws {
    let (root, project) = try Self.repository()
    defer { try? FileManager.default.removeItem(at: root) }
    // Committed late on the day of approval (23:30 UTC): the same UTC day, so no drift.
    try Self.write(
      "# Incident Response Policy\n\nPage the on-call lead.\n", to: "Controls/policies/incident.md",
      in: project)
    try Self.commit(in: root, day: "2026-05-01", author: "Alice Chen")
    #expect(Self.drift(try Support.lint(project)) == [])
  }

  @Test func commitsAfterTheAsOfDateHaveNotHappenedYet() throws {
    let (root, project) = try Self.repository()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.write(
      "# Incident Response Policy\n\nPage the lead.\n", to: "Controls/policies/incident.md", in: project)
    try Self.commit(in: root, day: "2026-12-01", author: "Erik Berg")
    // The examples are judged on 2026-11-20.
    #expect(Self.drift(try Support.lint(project)) == [])
    let later = Linter(jobs: 1).lint(
      try Support.loader.load(.init(configPath: project.appendingPathComponent(".soclint.yaml").path)),
      asOf: Day(year: 2026, month: 12, day: 2), today: Support.today)
    #expect(Self.drift(later).count == 1)
  }

  @Test func aProjectInASubfolderOfTheRepositoryReadsItsOwnPaths() throws {
    let (root, project) = try Self.repository(in: "compliance")
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.write(
      "# Incident Response Policy\n\nPage the lead.\n", to: "Controls/policies/incident.md", in: project)
    try Self.commit(in: root, day: "2026-07-01", author: "Erik Berg")
    let drift = Self.drift(try Support.lint(project))
    #expect(drift.count == 1)
    #expect(drift.first?.hasPrefix("Controls/policies/incident.yaml:8:") ?? false, "\(drift)")
  }

  /// One `git log` for every document: a git on the PATH that records its calls, in front of
  /// the real one.
  @Test func gitIsRunOncePerRunForAllDocuments() async throws {
    let (root, project) = try Self.repository()
    defer { try? FileManager.default.removeItem(at: root) }
    let bin = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: bin) }
    let real = try #require(
      (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/git" }.first {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    let calls = bin.appendingPathComponent("calls")
    try Self.write("#!/bin/sh\necho \"$@\" >> '\(calls.path)'\nexec '\(real)' \"$@\"\n", to: "git", in: bin)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("git").path)
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
    let run = try await Support.run(["lint"], in: project, environment: ["PATH": path])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    let lines = try String(contentsOf: calls, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 1, "\(lines)")
    #expect(
      lines.first?.hasSuffix(
        "-- Controls/policies/access-control.md Controls/policies/incident.md") ?? false, "\(lines)")
  }

  @Test func withoutGitOnThePathTheRuleIsSkippedAndLintSaysSoOnce() async throws {
    let (root, project) = try Self.repository()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.write(
      "# Incident Response Policy\n\nPage the lead.\n", to: "Controls/policies/incident.md", in: project)
    try Self.commit(in: root, day: "2026-07-01", author: "Erik Berg")
    let empty = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    let run = try await Support.run(["lint"], in: project, environment: ["PATH": empty.path])
    #expect(run.stdout == "")
    #expect(
      run.stderr
        == "soclint: policy-changed-after-approval is skipped: git is not on the PATH\nsoclint: no problems in 6 files (1 control, 2 policies, 2 owners, 1 catalog)\n"
    )
    let history = DocumentHistory.git(root: project.path, paths: ["x.md"], environment: ["PATH": empty.path])
    #expect(history.unavailable == "git is not on the PATH" && history.changes.isEmpty)
  }

  @Test func outsideARepositoryTheRuleIsSkippedAndLintSaysSoOnce() async throws {
    let root = try Support.write(Example(Example.policyFiles).project)
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try await Support.run(
      ["lint"], in: root, environment: ["GIT_CEILING_DIRECTORIES": root.deletingLastPathComponent().path])
    #expect(run.status == 0)
    let notices = run.stderr.split(separator: "\n").filter { $0.contains("skipped") }
    #expect(
      notices == ["soclint: policy-changed-after-approval is skipped: the project is not in a git repository"]
    )
  }

  @Test func withoutAnApprovedPolicyGitIsNotRun() async throws {
    let root = try Support.write(Example(control: Example.goodControl).project)
    defer { try? FileManager.default.removeItem(at: root) }
    let empty = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    let run = try await Support.run(["lint"], in: root, environment: ["PATH": empty.path])
    #expect(!run.stderr.contains("skipped"), "\(run.stderr)")
  }

  /// A shallow clone's first commit lists every file as added: it is where the history starts,
  /// not a change, so no drift is reported there, while the full clone reports it.
  @Test func aShallowClonesBoundaryIsNoChange() throws {
    let (root, project) = try Self.repository()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.write(
      "# Incident Response Policy\n\nPage the lead.\n", to: "Controls/policies/incident.md", in: project)
    try Self.commit(in: root, day: "2026-07-01", author: "Erik Berg")
    try Self.write("# Access\n", to: "Controls/notes/unrelated.yaml.txt", in: project)
    try Self.commit(in: root, day: "2026-08-01", author: "Erik Berg")
    let clones = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: clones) }
    for depth in ["1", "10"] {
      try Support.git(
        ["clone", "-q", "--depth", depth, "file://\(root.path)", clones.appendingPathComponent(depth).path],
        in: clones)
    }
    #expect(Self.drift(try Support.lint(clones.appendingPathComponent("1"))) == [])
    #expect(Self.drift(try Support.lint(clones.appendingPathComponent("10"))).count == 1)
  }

  /// The output of `git log --format=%x01%h%x00%ct%x00%D%x00%an -p --word-diff=porcelain`, read:
  /// a word added or removed is a change; a re-wrapped paragraph (only `~` line breaks move) is not.
  @Test func parsesWordDiffsAndLeavesOutAShallowClonesBoundary() {
    let output =
      "\u{1}abc1234\u{0}1781136000\u{0}\u{0}Dana Wu\n\n"
      + "diff --git a/policies/a b.md b/policies/a b.md\nindex 1..2 100644\n--- a/policies/a b.md\t\n+++ b/policies/a b.md\t\n"
      + "@@ -3 +3 @@\n The quick \n-brown\n+red\n  fox\n~\n"
      + "diff --git a/policies/c.md b/policies/c.md\nindex 3..4 100644\n--- a/policies/c.md\n+++ b/policies/c.md\n"
      + "@@ -3,2 +3,2 @@\n The quick brown fox\n~\n jumps over the lazy dog.\n~\n"
      + "diff --git a/policies/d.pdf b/policies/d.pdf\nindex 5..6 100644\nBinary files a/policies/d.pdf and b/policies/d.pdf differ\n"
      + "\u{1}def5678\u{0}1772409600\u{0}\u{0}Alice Chen\n\n"
      + "\u{1}0a0b0c0\u{0}1767225600\u{0}grafted, HEAD -> main\u{0}Erik Berg\n\n"
      + "diff --git a/policies/c.md b/policies/c.md\nnew file mode 100644\n--- /dev/null\n+++ b/policies/c.md\n@@ -0,0 +1 @@\n+Call the lead.\n~\n"
    let changes = DocumentHistory.parse(Array(output.utf8))
    #expect(
      changes["policies/a b.md"] == [
        DocumentChange(commit: "abc1234", day: Day(year: 2026, month: 6, day: 11), author: "Dana Wu")
      ])
    #expect(changes["policies/c.md"] == nil)
    // A binary document has no words to compare: any change counts.
    #expect(changes["policies/d.pdf"]?.map(\.commit) == ["abc1234"])
    #expect(changes["policies/e.pdf"] == nil)
  }
}
