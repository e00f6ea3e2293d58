// soclint-bench: times `soclint lint` on a generated repository against the cost of only
// parsing the same files with libyaml, and prints the ratio.
//
//   swift run -c release soclint-bench [CONTROLS] [--keep DIR] [--lsp] [--history N] [--policies N] [--stages]
//
// --history N gives every evidence item a `collected` list of N dates (ending at the date it
// would otherwise have as last_collected) and puts a Type II audit of 2026 in the configuration.
//
// --stages times each stage of reading a file on one thread.
//
// --lsp times the language server instead: from an edit of one control to its diagnostics.
//
// With --policies N, every control carries out one of N policies whose documents have a git
// history (the folder is made a git repository), and lint is timed with and without reading
// that history, to show what policy-changed-after-approval's one `git log` costs.
//
// A command, not a timed unit test: timings depend on the machine.

import Dispatch
import Foundation
import SoclintModel
import SoclintRules

let arguments = Array(CommandLine.arguments.dropFirst())
let count = arguments.first.flatMap(Int.init) ?? 10_000
let keep = arguments.firstIndex(of: "--keep").map { arguments[$0 + 1] }
let policyCount = arguments.firstIndex(of: "--policies").flatMap { Int(arguments[$0 + 1]) } ?? 0
let jobs = ProcessInfo.processInfo.activeProcessorCount
let historyLength = arguments.firstIndex(of: "--history").flatMap { Int(arguments[$0 + 1]) } ?? 0

/// The `last_collected: DATE` line, or with --history a `collected` list of dates one period
/// apart that ends at DATE.
func collection(_ last: Day, months: Int) -> String {
  guard historyLength > 0 else { return "    last_collected: \(last)" }
  let dates = (0..<historyLength).reversed().map { last.adding(months: -months * $0) }
  return "    collected: [" + dates.map(\.description).joined(separator: ", ") + "]"
}

let root =
  keep
  ?? FileManager.default.temporaryDirectory.appendingPathComponent("soclint-bench-\(UUID().uuidString)").path
try FileManager.default.createDirectory(
  atPath: root + "/Controls/generated", withIntermediateDirectories: true)

/// A realistic control: eight to ten fields, two evidence items, criteria in two frameworks.
func control(_ i: Int) -> String {
  let id = String(format: "GEN-%05d", i)
  let criteria = ["CC6.1", "CC6.2", "CC6.3", "CC7.2", "CC8.1", "A1.2"]
  return """
    kind: control
    id: \(id)
    title: Generated control number \(i) for the benchmark
    description: >
      Security reviews the production accounts of system \(i) against the HR roster every
      quarter and removes access that is no longer needed; exceptions go to the CISO.
    owner: owner-\(i % 50)
    \(policyCount > 0 ? "policies: [POL-\(i % policyCount)]" : "x-policies: none")
    status: implemented
    type: detective
    automation: hybrid
    frequency: quarterly
    criteria:
      soc2: [\(criteria[i % criteria.count]), \(criteria[(i + 1) % criteria.count])]
      soc1: [CO-\(i % 8 + 1)]
    evidence:
      - id: review-ticket
        description: Signed-off access review ticket with the accounts removed
        type: ticket
        source: Jira project SEC
        frequency: quarterly
    \(collection(Day(year: 2026, month: 10, day: i % 28 + 1), months: 3))
      - id: roster-export
        description: Export of the HR roster used for the review
        type: export
        source: Workday
        frequency: monthly
    \(collection(Day(year: 2026, month: 11, day: i % 15 + 1), months: 1))
        owner: owner-\((i + 1) % 50)
    last_reviewed: 2026-06-15
    tags: [access, generated]

    """
}

var owners = "kind: owners\nowners:\n"
for i in 0..<50 {
  owners += "  - id: owner-\(i)\n    name: Owner Number \(i)\n    email: owner\(i)@example.com\n"
}
var catalog = "kind: catalog\nframework: soc1\ntitle: Benchmark control objectives\nrequirements:\n"
for i in 1...8 { catalog += "  - id: CO-\(i)\n    title: Control objective \(i)\n" }
try owners.write(toFile: root + "/Controls/owners.yaml", atomically: true, encoding: .utf8)
try catalog.write(toFile: root + "/Controls/soc1.yaml", atomically: true, encoding: .utf8)
try """
version: 1
frameworks:
  soc2:
    categories: [security, availability]
  soc1: {}
as_of: 2026-11-20
\(historyLength > 0 ? "audit:\n  type: 2\n  start: 2026-01-01\n  end: 2026-12-31\n" : "")
""".write(toFile: root + "/.soclint.yaml", atomically: true, encoding: .utf8)
for i in 0..<count {
  try control(i).write(
    toFile: root + "/Controls/generated/\(String(format: "GEN-%05d", i)).yaml", atomically: false,
    encoding: .utf8)
}
if policyCount > 0 { try writePolicies() }
let paths =
  ["Controls/owners.yaml", "Controls/soc1.yaml"]
  + (0..<count).map { "Controls/generated/\(String(format: "GEN-%05d", $0)).yaml" }
  + (0..<policyCount).map { "Controls/policies/POL-\($0).yaml" }

/// N policies approved on 2026-03-02 and a git history of their documents: the first commit
/// holds everything, then each document is changed twice (once in its words, once only in
/// its spacing), before its approval.
func writePolicies() throws {
  try FileManager.default.createDirectory(
    atPath: root + "/Controls/policies", withIntermediateDirectories: true)
  func document(_ i: Int, _ words: String) -> String {
    "# Policy \(i)\n\nAccess to system \(i) is \(words) by its owner and reviewed every quarter.\n"
  }
  for i in 0..<policyCount {
    try """
    kind: policy
    id: POL-\(i)
    title: Benchmark policy \(i)
    owner: owner-\(i % 50)
    approver: owner-\((i + 1) % 50)
    document: Controls/policies/POL-\(i).md
    approved_on: 2026-03-02

    """.write(toFile: root + "/Controls/policies/POL-\(i).yaml", atomically: true, encoding: .utf8)
    try document(i, "granted").write(
      toFile: root + "/Controls/policies/POL-\(i).md", atomically: true, encoding: .utf8)
  }
  try git(["init", "-q"])
  try commit("2026-01-05")
  for (day, words) in [("2026-02-02", "approved"), ("2026-02-20", "approved  ")] {
    for i in 0..<policyCount {
      try document(i, words).write(
        toFile: root + "/Controls/policies/POL-\(i).md", atomically: true, encoding: .utf8)
    }
    try commit(day)
  }
}

func commit(_ day: String) throws {
  try git(["add", "-A"])
  try git(["commit", "-q", "-m", "on \(day)"], date: "\(day)T12:00:00Z")
}

func git(_ arguments: [String], date: String? = nil) throws {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com"] + arguments
  process.currentDirectoryURL = URL(fileURLWithPath: root)
  var env = ProcessInfo.processInfo.environment
  if let date { (env["GIT_AUTHOR_DATE"], env["GIT_COMMITTER_DATE"]) = (date, date) }
  process.environment = env
  try process.run()
  process.waitUntilExit()
}

/// Reads and parses every file with libyaml's event API and nothing else, on the same number
/// of threads as lint uses.
func parseOnly() -> Int {
  let events = ParallelMap.map(paths, jobs: jobs) { rel -> Int in
    // The same reading primitive as soclint's, so the ratio measures everything but reading.
    guard let data = FileSystem.read(atAbsolute: root + "/" + rel) else { return 0 }
    return eventCount(data)
  }
  return events.reduce(0, +)
}

/// Reads the project: discovery, reading, parsing, validation and the model, no rules.
func load() throws -> Project {
  var options = ProjectLoader.Options(configPath: root + "/.soclint.yaml")
  options.jobs = jobs
  return try ProjectLoader.standard().load(options)
}

func lint(readingGit: Bool = true) throws -> Int {
  let project = try load()
  var linter = Linter(jobs: jobs)
  if !readingGit { linter.history = .given(.empty) }
  let result = linter.lint(project, asOf: nil, today: Day(year: 2026, month: 11, day: 20))
  return result.findings.count
}

func time(_ body: () throws -> Int) rethrows -> (seconds: Double, value: Int) {
  var best = Double.infinity
  var value = 0
  for _ in 0..<3 {
    let start = DispatchTime.now().uptimeNanoseconds
    value = try body()
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return (best, value)
}

if arguments.contains("--lsp") {
  try lspLatency(root: root, jobs: jobs, edits: 20)
  if keep == nil { try? FileManager.default.removeItem(atPath: root) }
  exit(0)
}

if arguments.contains("--stages") {
  try stageTimings(root: root, paths: paths)
  if keep == nil { try? FileManager.default.removeItem(atPath: root) }
  exit(0)
}

let parse = time(parseOnly)
let full = try time { try lint() }
let loadOnly = try time { try load().files.count }
print("controls: \(count), files: \(paths.count), jobs: \(jobs)")
print(String(format: "libyaml parse only: %.3f s (%d events)", parse.seconds, parse.value))
print(String(format: "soclint lint:       %.3f s (%d findings)", full.seconds, full.value))
print(String(format: "  of which loading: %.3f s (%d files)", loadOnly.seconds, loadOnly.value))
print(String(format: "ratio lint / parse: %.2f", full.seconds / parse.seconds))
if policyCount > 0 {
  // Alternated, eleven runs each, so that a busy machine weighs on both alike; the minimum and
  // the median of each are printed.
  var withGit: [Double] = []
  var withoutGit: [Double] = []
  func once(_ readingGit: Bool) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try lint(readingGit: readingGit)
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }
  for _ in 0..<11 {
    withGit.append(try once(true))
    withoutGit.append(try once(false))
  }
  withGit.sort()
  withoutGit.sort()
  let (with, without) = (withGit[0], withoutGit[0])
  let (withMedian, withoutMedian) = (withGit[5], withoutGit[5])
  let documents = (0..<policyCount).map { "Controls/policies/POL-\($0).md" }
  let gitOnly = time { DocumentHistory.git(root: root, paths: documents).changes.count }
  print(String(format: "lint with git:      %.3f s (median %.3f s)", with, withMedian))
  print(String(format: "lint without git:   %.3f s (median %.3f s)", without, withoutMedian))
  print(
    String(format: "git log alone:      %.3f s (%d documents with history)", gitOnly.seconds, gitOnly.value))
  print(
    String(
      format: "git's share:        %+.1f%% (medians %+.1f%%)", (with / without - 1) * 100,
      (withMedian / withoutMedian - 1) * 100))
}
if keep == nil { try? FileManager.default.removeItem(atPath: root) }
