import Foundation
import SoclintDiagnostics
import SoclintSchema
import SoclintYAML

/// Runs a kind's JSON Schema over a document and turns violations into the structure rules of
/// RULES.md (missing-field, unknown-field, wrong-type, invalid-value), one finding per node,
/// with messages written for people.
public struct StructureChecker: Sendable {
  private let schemas: Schemas

  /// A checker with the compiled schema of each kind in `validators`, and of each in `sources`
  /// compiled the first time a document of that kind is checked: a run whose files all come
  /// from the cache checks only the configuration, and compiling the other schemas would be a
  /// good part of its time. The sources must compile (the embedded ones are tested to); one
  /// that does not stops soclint as the bug it is. A kind with neither is not checked.
  public init(
    validators: [DocumentKind: JSONSchemaValidator], compilingOnFirstUse sources: [DocumentKind: String] = [:]
  ) {
    schemas = Schemas(compiled: validators, sources: sources)
  }

  /// The checker of the embedded schemas, one for the whole process, so that each schema is
  /// compiled once: when a document of its kind is first checked, or by `compileAhead()`.
  public static let embedded = StructureChecker(
    validators: [:],
    compilingOnFirstUse: Dictionary(
      uniqueKeysWithValues: DocumentKind.allCases.map { ($0, EmbeddedSchemas.text(for: $0)) }))

  /// Compiles the embedded schemas of the kinds `kinds` gives, in order, on a thread of its own,
  /// and returns at once. The embedded checker is made on that thread first (reading the
  /// schemas' texts out of the binary and making its tables took 0.1 to 0.4 ms, by timestamps
  /// and by profile, on the thread that starts a run), and `kinds` is asked only then, so that
  /// the caller can decide meanwhile.
  ///
  /// The schemas take about 12 M instructions to compile, as much as reading 25 controls: a run
  /// without a cache over a small project would otherwise compile them while every other thread
  /// waits for the first control's schema. Started before the command line is read, the
  /// compilation runs beside the reading of the configuration and the discovery of the files;
  /// each schema has a lock of its own, so a thread that needs one before this thread gets to it
  /// compiles it.
  public static func compileEmbeddedAhead(_ kinds: @escaping @Sendable () -> [DocumentKind]) {
    ThreadStart.detached {
      let checker = embedded
      for kind in kinds() { _ = checker.validator(for: kind) }
    }
  }

  /// The compiled schema of `kind`, or nil when the checker has none.
  public func validator(for kind: DocumentKind) -> JSONSchemaValidator? {
    schemas.validator(for: kind)
  }

  /// Whether checking a document of `kind` can start at once: its schema is compiled, or it has
  /// none. False while another thread compiles it.
  public func isCompiled(_ kind: DocumentKind) -> Bool {
    schemas.isCompiled(kind)
  }

  /// The compiled schema of each kind.
  public var validators: [DocumentKind: JSONSchemaValidator] {
    var all: [DocumentKind: JSONSchemaValidator] = [:]
    for kind in DocumentKind.allCases { all[kind] = validator(for: kind) }
    return all
  }

  /// The schemas, each compiled once under a lock of its own: a reading thread that needs the
  /// control schema does not wait while another thread compiles the configuration's.
  private final class Schemas: Sendable {
    private let slots: [DocumentKind: Once<JSONSchemaValidator>]

    init(compiled: [DocumentKind: JSONSchemaValidator], sources: [DocumentKind: String]) {
      var slots: [DocumentKind: Once<JSONSchemaValidator>] = [:]
      for (kind, source) in sources {
        slots[kind] = Once {
          do {
            return try JSONSchemaValidator(json: source, writtenIntegers: true)
          } catch {
            preconditionFailure(
              "the embedded \(kind.rawValue) schema does not compile (\(error)); this is a bug in soclint")
          }
        }
      }
      for (kind, validator) in compiled { slots[kind] = Once(computed: validator) }
      self.slots = slots
    }

    func validator(for kind: DocumentKind) -> JSONSchemaValidator? { slots[kind]?.value }

    func isCompiled(_ kind: DocumentKind) -> Bool { slots[kind]?.isComputed ?? true }
  }

  /// The structure findings of a document checked as `kind`; with `keeping`, only those of
  /// the violations it accepts (a document without a `kind` is reported for that alone).
  public func check(
    _ root: Node, kind: DocumentKind, file: SourceFile, keeping: (SchemaViolation) -> Bool = { _ in true }
  ) -> [Finding] {
    guard let validator = validator(for: kind) else { return [] }
    let violations = validator.validate(root)
    if violations.isEmpty { return [] }

    // A typo of a required field is one unknown-field finding whose help names the field.
    var typoFixes: Set<String> = []  // "<pointer of object>\u{0}<field>"
    var findings: [Finding] = []
    var seenNodes: Set<NodeIdentity> = []
    // The missing fields of each mapping, gathered once: a document of many unknown keys must
    // not rescan every violation for each of them.
    var missingByObject: [String: [String]] = [:]
    for v in violations {
      if case .missingProperty(let m) = v.kind {
        missingByObject[JSONPointer.string(v.instancePath), default: []].append(m)
      }
    }
    if !missingByObject.isEmpty {
      for v in violations {
        guard case .unexpectedProperty(let name, _) = v.kind else { continue }
        let objectPointer = JSONPointer.string(Array(v.instancePath.dropLast()))
        guard let missing = missingByObject[objectPointer] else { continue }
        if let suggestion = Suggest.closest(to: name, in: missing) {
          typoFixes.insert(objectPointer + "\u{0}" + suggestion)
        }
      }
    }
    for v in violations {
      let identity =
        StructureChecker.keyNode(of: v).map { NodeIdentity.key(start: $0.start) }
        ?? .node(ObjectIdentifier(v.node))
      if case .missingProperty(let name) = v.kind {
        if typoFixes.contains(JSONPointer.string(v.instancePath) + "\u{0}" + name) { continue }
      } else {
        guard seenNodes.insert(identity).inserted else { continue }
      }
      guard keeping(v) else { continue }
      if let finding = finding(for: v, kind: kind, root: root, file: file, typoFixes: typoFixes) {
        findings.append(finding)
      }
    }
    return findings
  }

  private func finding(
    for v: SchemaViolation, kind: DocumentKind, root: Node, file: SourceFile, typoFixes: Set<String>
  ) -> Finding? {
    ViolationMessage(v, kind: kind, root: root, file: file, typoFixes: typoFixes).finding()
  }

  /// What a finding is about, so that one node gets one finding. A key is known by where it
  /// starts: most keys have no node of their own, and each read of one makes a new node.
  private enum NodeIdentity: Hashable {
    case node(ObjectIdentifier)
    case key(start: Mark)
  }

  static func keyNode(of v: SchemaViolation) -> Node? {
    switch v.kind {
    case .unexpectedProperty(_, let key), .propertyName(_, let key, _): return key
    default: return nil
    }
  }

  static func fieldName(_ path: [PathComponent]) -> String {
    guard let last = path.last else { return "the document" }
    switch last {
    case .key(let k):
      // Keys of a map of frameworks say which map they are in.
      if path.count >= 2, let parent = path[path.count - 2].key,
        parent == "criteria" || parent == "frameworks"
      {
        return "'\(k)' in '\(parent)'"
      }
      return "'\(k)'"
    case .index(let i):
      return "item \(i + 1) of \(fieldName(Array(path.dropLast())))"
    }
  }

  static func shown(_ node: Node) -> String {
    guard let s = node.scalar else { return node.typeDescription }
    return s.value == .null ? "empty" : "'\(s.text)'"
  }

  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }

  static func typeList(_ types: [String]) -> String {
    let words = types.map { t -> String in
      switch t {
      case "object": return "a mapping"
      case "array": return "a list"
      case "string": return "a string"
      case "boolean": return "a boolean (true or false)"
      case "integer": return "a whole number"
      case "number": return "a number"
      case "null": return "empty"
      default: return t
      }
    }
    return words.count <= 1
      ? (words.first ?? "something else") : words.dropLast().joined(separator: ", ") + " or " + words.last!
  }

  static let durationWords = [
    "continuous", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual", "on-event",
  ]

  static func explainPattern(_ pattern: String, field: String, value: String) -> (String, [String]) {
    if pattern.contains("continuous|") {
      var help: [String] = []
      if let s = Suggest.closest(to: value, in: durationWords) { help.append("did you mean '\(s)'?") }
      help.append(
        "a duration is one of \(durationWords.joined(separator: ", ")), or a number of days such as 45d")
      return ("a duration", help)
    }
    switch pattern {
    case "^[^\\u0000-\\u001F\\u007F]*$":
      return (
        "a path",
        [
          "a path may not hold a control character (a NUL, a tab, a line break): write the names of the files as they are"
        ]
      )
    case "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$":
      return (
        "a control id",
        ["a control id is upper-case letters and digits in parts joined by '-', such as AC-01 or CM-PR-2"]
      )
    case "^[a-z0-9][a-z0-9-]*$":
      return (
        "an evidence id", ["an evidence id is lower-case letters, digits and '-', such as review-ticket"]
      )
    case "^[a-z][a-z0-9._-]*$":
      return (
        "an owner id",
        [
          "an owner id starts with a lower-case letter, then lower-case letters, digits, '.', '_' or '-', such as alice or sec-team"
        ]
      )
    case "^[a-z][a-z0-9-]*$":
      return (
        "a lower-case name",
        ["write lower-case letters, digits and '-', starting with a letter, such as soc1"]
      )
    default:
      return ("in the expected form", ["the value must match the pattern \(pattern)"])
    }
  }

  static func node(at path: [PathComponent], in root: Node) -> Node? {
    var n: Node? = root
    for c in path {
      switch c {
      case .key(let k): n = n?[k]
      case .index(let i): n = n?.sequence.flatMap { i < $0.count ? $0[i] : nil }
      }
    }
    return n
  }
}
