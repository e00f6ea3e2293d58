import Foundation
import SoclintDiagnostics
import Testing

@testable import SoclintModel
@testable import SoclintRules

/// The linter cuts the rules' work into pieces: each rule's part beyond single controls, and
/// slices of controls, each control taken through every rule that checks controls alone. What
/// it finds may not depend on how the work is cut or how many threads share it.
@Suite struct LinterWorkTests {
  @Test func theWorkCoversEveryRuleAndEveryControlOnce() {
    let readers = Set(Registry.checkers.indices.filter { type(of: Registry.checkers[$0]).readsMappedIDs })
    #expect(!readers.isEmpty)
    for count in [0, 1, 63, 64, 65, 200] {
      for slice in [1, 7, 64] {
        let work = Linter.RuleWork.plan(controls: count, slice: slice)
        var rules: [Int] = []
        var controls: [Int] = []
        var indexBuilt = 0
        for item in work {
          switch item {
          case .mappedIDs:
            #expect(rules.isEmpty && controls.isEmpty, "the index is built before anything else")
            indexBuilt += 1
          case .rule(let i):
            // A rule that reads the index comes after every control, so that the index is built
            // by then; the others come before the controls.
            if readers.contains(i) {
              #expect(controls.count == count, "rule \(i) reads the index: after every control")
            } else {
              #expect(controls.isEmpty, "rule \(i) comes before the controls")
            }
            rules.append(i)
          case .controls(let range):
            #expect(range.count <= slice && !range.isEmpty)
            controls += range
          }
        }
        #expect(indexBuilt == 1)
        #expect(rules.sorted() == Array(Registry.checkers.indices))
        #expect(controls == Array(0..<count), "\(count) controls in slices of \(slice)")
      }
    }
  }

  /// A rule that walks the index of mapped ids says so, or the linter may run it while another
  /// thread builds the index (correct, but a thread waits); a rule that says so reads it. Read
  /// from the rules' sources, one rule a file.
  @Test func theRulesThatReadTheIndexOfMappedIDsSaySo() throws {
    let folder = Support.packageRoot.appendingPathComponent("Sources/SoclintRules/Rules")
    for rule in Registry.checkers {
      let name = String(describing: type(of: rule))
      let source = try String(
        contentsOf: folder.appendingPathComponent("\(name).swift"), encoding: .utf8)
      #expect(source.contains("context.mappedIDs") == type(of: rule).readsMappedIDs, "\(name)")
    }
  }

  @Test func everyRuleThatChecksControlsAloneIsTakenThroughThem() {
    let alone = Registry.checkers.filter { type(of: $0).eachControl != nil }.map {
      type(of: $0).description.id
    }
    #expect(Registry.controlCheckers.map { type(of: $0).description.id } == alone)
    #expect(Registry.controlSelections.count == alone.count)
    // The rules that judge what no control does must see every control at once.
    for id in [RuleID.orphanOwner, .orphanPolicy, .uncoveredRequirement] {
      #expect(!alone.contains(id), "\(id) judges across controls")
    }
  }

  /// The example (configured at the package's root) and every fixture project.
  static let projects = [Support.packageRoot] + (try! Support.projectRoots()).dropFirst()

  @Test(arguments: projects)
  func findingsDoNotDependOnHowTheWorkIsCut(root: URL) throws {
    var options = ProjectLoader.Options(configPath: root.appendingPathComponent(".soclint.yaml").path)
    options.jobs = 1
    let project = try Support.loader.load(options)
    func lint(jobs: Int, slice: Int) -> [Finding] {
      var linter = Linter(jobs: jobs)
      linter.controlSlice = slice
      return linter.lint(project, asOf: nil, today: Support.today).findings
    }
    let reference = lint(jobs: 1, slice: 1_000_000)
    for (jobs, slice) in [(1, 1), (2, 1), (4, 3), (2, 64)] {
      #expect(
        lint(jobs: jobs, slice: slice) == reference,
        "\(root.lastPathComponent): \(jobs) jobs, slices of \(slice)")
    }
  }
}
