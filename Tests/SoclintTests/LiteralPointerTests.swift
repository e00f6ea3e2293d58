import Foundation
import SoclintYAML
import Testing

@testable import SoclintModel
@testable import SoclintSchema

/// The JSON Pointers the model takes from literal tables are the pointers it would build, and
/// every located value of a control points at the node it was read from.
@Suite struct LiteralPointerTests {
  @Test func evidencePointersAreThoseBuilt() {
    for item in 0..<(EvidencePointer.literalItems + 4) {
      for field in EvidencePointer.Field.allCases {
        let built = JSONPointer.appending(field.key, to: JSONPointer.appending(index: item, to: "/evidence"))
        #expect(EvidencePointer.of(field, item: item) == built, "item \(item), \(field)")
      }
    }
  }

  @Test func criterionPointersAreThoseBuilt() {
    for framework in ["soc2", "soc1", "soc3", "a/b", "soc2x", ""] {
      let frameworkPointer = JSONPointer.appending(JSONPointer.escape(framework), to: "/criteria")
      for item in 0..<(CriterionPointer.literalItems + 4) {
        #expect(
          CriterionPointer.of(item: item, framework: framework, frameworkPointer: frameworkPointer)
            == JSONPointer.appending(index: item, to: frameworkPointer), "\(framework) item \(item)")
      }
    }
  }

  /// The cache reads back as literals exactly the pointers that are literals.
  @Test func literalsAreFoundByTheirBytes() {
    var literals = LiteralPointers.rootFields
    for item in 0..<EvidencePointer.literalItems {
      literals += EvidencePointer.Field.allCases.map { EvidencePointer.of($0, item: item) }
    }
    literals += (0..<CriterionPointer.literalItems).map {
      CriterionPointer.of(item: $0, framework: "soc2", frameworkPointer: "/criteria/soc2")
    }
    func found(_ text: String) -> String? {
      var bytes = text
      return bytes.withUTF8 { LiteralPointers.literal($0) }
    }
    for literal in literals {
      // Pointers of 15 bytes or fewer are kept inside their string value and not looked up.
      #expect(found(literal) == (literal.utf8.count > 15 ? literal : nil), "\(literal)")
      for other in [literal + "x", String(literal.dropLast()), literal.uppercased(), "x" + literal] {
        #expect(found(other) == nil, "\(other)")
      }
    }
    for other in ["", "/", "/evidence/8/id", "/criteria/soc1/0", "/criteria/soc2/8", "/evidence/0", "id"] {
      #expect(found(other) == nil, "\(other)")
    }
  }

  /// The node a pointer names in a tree, read token by token.
  static func node(at pointer: String, in root: Node) -> Node? {
    guard let tokens = JSONPointer.tokens(pointer) else { return nil }
    var node = root
    for token in tokens {
      if let next = node[token] {
        node = next
      } else if let items = node.sequence, let i = Int(token), items.indices.contains(i) {
        node = items[i]
      } else {
        return nil
      }
    }
    return node
  }

  /// Every located value of every control of the example and of the fixtures: its pointer names
  /// a node of its document that starts where the value does.
  @Test func locatedValuesPointAtTheirNodes() throws {
    var checked = 0
    for root in try Support.projectRoots() {
      // A fixture whose configuration cannot be read has no model to check.
      guard
        let project = try? Support.loader.load(
          ProjectLoader.Options(configPath: root.appendingPathComponent(".soclint.yaml").path))
      else { continue }
      for control in project.controls {
        let documents = YAMLLoader().load(control.file.text).documents
        let document = try #require(documents.first { $0.index == control.document })
        var located: [(String, Mark)] = [
          (control.id.pointer, control.id.start), (control.title.pointer, control.title.start),
          (control.description.pointer, control.description.start),
          (control.owner.pointer, control.owner.start), (control.frequency.pointer, control.frequency.start),
        ]
        for value in [control.lastReviewed, control.implementedOn].compactMap({ $0 }) {
          located.append((value.pointer, value.start))
        }
        if let interval = control.reviewInterval { located.append((interval.pointer, interval.start)) }
        for entry in control.criteria {
          located += entry.requirements.map { ($0.pointer, $0.start) }
        }
        located += control.policies.map { ($0.pointer, $0.start) }
        for e in control.evidence {
          located += [
            (e.id.pointer, e.id.start), (e.description.pointer, e.description.start),
            (e.source.pointer, e.source.start), (e.frequency.pointer, e.frequency.start),
          ]
          for value in [e.owner, e.path].compactMap({ $0 }) { located.append((value.pointer, value.start)) }
          if let day = e.lastCollectedField { located.append((day.pointer, day.start)) }
          located += e.collected.map { ($0.date.pointer, $0.date.start) }
        }
        for (pointer, start) in located {
          let node = LiteralPointerTests.node(at: pointer, in: document.root)
          #expect(node?.start == start, "\(control.file.path) \(control.id.value): \(pointer)")
          checked += 1
        }
      }
    }
    // The example and the fixtures hold over 600 located values; an empty walk must not pass.
    #expect(checked > 500)
  }
}
