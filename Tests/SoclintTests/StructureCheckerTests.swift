import Dispatch
import Foundation
import SoclintDiagnostics
import SoclintModel
import SoclintSchema
import SoclintYAML
import Synchronization
import Testing

/// One finding per node, keys included: most keys have no node of their own (see
/// `Node.Pair.key`), so each read of one makes a new node, and a key must still get one finding
/// however many violations are about it.
@Suite struct StructureCheckerTests {
  static func findings(schema: String, document: String) throws -> [Finding] {
    let validator = try JSONSchemaValidator(json: schema, writtenIntegers: true)
    let checker = StructureChecker(validators: [.control: validator])
    let file = YAMLLoader().load(document)
    let root = try #require(file.documents.first?.root)
    return checker.check(root, kind: .control, file: SourceFile(path: "c.yaml", text: document))
  }

  /// The schemas compiled ahead are compiled on a thread of its own, which asks for their kinds
  /// once; the embedded checker then has each of them compiled.
  @Test func schemasCompiledAheadAreAskedForOnceOnTheirOwnThread() {
    let asked = DispatchSemaphore(value: 0)
    let calls = Mutex(0)
    let caller = pthread_self()
    let onOtherThread = Mutex(false)
    StructureChecker.compileEmbeddedAhead {
      calls.withLock { $0 += 1 }
      onOtherThread.withLock { $0 = pthread_equal(pthread_self(), caller) == 0 }
      asked.signal()
      return [.config, .owners]
    }
    #expect(asked.wait(timeout: .now() + 30) == .success)
    #expect(calls.withLock { $0 } == 1)
    #expect(onOtherThread.withLock { $0 })
    #expect(StructureChecker.embedded.validator(for: .config) != nil)
    #expect(StructureChecker.embedded.validator(for: .owners) != nil)
    #expect(StructureChecker.embedded.isCompiled(.config))
  }

  @Test func aKeyAgainstTwoNameRulesGetsOneFinding() throws {
    // Both `propertyNames` fail on the key `bbbb`; `ok` passes both.
    let schema = """
      {"allOf": [{"propertyNames": {"maxLength": 3}}, {"propertyNames": {"pattern": "^[a-z]+$"}}]}
      """
    let found = try StructureCheckerTests.findings(schema: schema, document: "ok: 1\nBBBB: 2\n")
    #expect(found.count == 1)
    #expect(found.first.map { [$0.range.line, $0.range.column, $0.range.endColumn] } == [2, 1, 5])
  }

  @Test func distinctKeysGetAFindingEach() throws {
    let schema = """
      {"propertyNames": {"maxLength": 2}}
      """
    let found = try StructureCheckerTests.findings(schema: schema, document: "abc: 1\nxyz: 2\n'q': 3\n")
    #expect(found.map(\.range.line) == [1, 2])
  }
}
