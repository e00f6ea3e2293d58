import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintRules
import Testing

/// An evidence item's latest collection is found when asked (`lastCollected`,
/// `lastCollectedDay`): the latest of `last_collected` and the `collected` dates, and on a tie
/// the written `last_collected`, where findings then point.
@Suite struct LatestCollectionTests {
  static func evidence(_ replacement: String) throws -> (Evidence, LintResult) {
    let control = Example.goodControl.replacingFirst("    last_collected: 2026-09-30", with: replacement)
    let root = try Support.write(Example(control: control).project)
    defer { try? FileManager.default.removeItem(at: root) }
    let result = try Support.lint(root)
    return (try #require(result.project.controls.first?.evidence.first), result)
  }

  @Test func aTieIsTheWrittenLastCollected() throws {
    let (e, result) = try Self.evidence(
      "    last_collected: 2026-06-30\n    collected: [2026-03-31, 2026-06-30]")
    #expect(e.lastCollectedDay?.description == "2026-06-30")
    #expect(e.lastCollected?.pointer == "/evidence/0/last_collected")
    let stale = try #require(result.findings.first { $0.rule == .staleEvidence })
    #expect(stale.pointer == "/evidence/0/last_collected")
  }

  @Test func aLaterCollectionWins() throws {
    let (e, _) = try Self.evidence("    last_collected: 2026-03-31\n    collected: [2026-03-31, 2026-06-30]")
    #expect(e.lastCollectedDay?.description == "2026-06-30")
    #expect(e.lastCollected?.pointer == "/evidence/0/collected/1")
  }

  @Test func withoutLastCollectedTheLatestCollectionCounts() throws {
    let (e, _) = try Self.evidence("    collected: [2026-06-30, 2026-03-31]")
    #expect(e.lastCollectedDay?.description == "2026-06-30")
    #expect(e.lastCollected?.pointer == "/evidence/0/collected/0")
    #expect(e.lastCollectedField == nil)
  }
}
