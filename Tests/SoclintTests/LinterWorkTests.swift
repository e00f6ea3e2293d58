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
    for count in [0, 1, 63, 64, 65, 200] {
      for slice in [1, 7, 64] {
        let work = Linter.RuleWork.plan(controls: count, slice: slice)
        var rules: [Int] = []
        var controls: [Int] = []
        for item in work {
          switch item {
          case .rule(let i): rules.append(i)
          case .controls(let range):
            #expect(range.count <= slice && !range.isEmpty)
            controls += range
          }
        }
        #expect(rules == Array(Registry.checkers.indices))
        #expect(controls == Array(0..<count), "\(count) controls in slices of \(slice)")
      }
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
