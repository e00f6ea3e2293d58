import SoclintDiagnostics
import SoclintSchema
import SoclintYAML

/// Runs a kind's JSON Schema over a document and turns violations into the structure rules of
/// RULES.md (missing-field, unknown-field, wrong-type, invalid-value), one finding per node,
/// with messages written for people.
public struct StructureChecker: Sendable {
  public let validators: [DocumentKind: JSONSchemaValidator]

  public init(validators: [DocumentKind: JSONSchemaValidator]) {
    self.validators = validators
  }

  public func check(_ root: Node, kind: DocumentKind, file: SourceFile) -> [Finding] {
    guard let validator = validators[kind] else { return [] }
    let violations = validator.validate(root)
    if violations.isEmpty { return [] }

    // A typo of a required field is one unknown-field finding whose help names the field.
    var typoFixes: Set<String> = []  // "<pointer of object>\u{0}<field>"
    var findings: [Finding] = []
    var seenNodes: Set<ObjectIdentifier> = []
    // The missing fields of each mapping, gathered once: a document of many unknown keys must
    // not rescan every violation for each of them.
    var missingByObject: [String: [String]] = [:]
    for v in violations {
      if case .missingProperty(let m) = v.kind { missingByObject[JSONPointer.string(v.instancePath), default: []].append(m) }
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
      let identity = ObjectIdentifier(StructureChecker.keyNode(of: v) ?? v.node)
      if case .missingProperty(let name) = v.kind {
        if typoFixes.contains(JSONPointer.string(v.instancePath) + "\u{0}" + name) { continue }
      } else {
        guard seenNodes.insert(identity).inserted else { continue }
      }
      if let finding = finding(for: v, kind: kind, root: root, file: file, typoFixes: typoFixes) {
        findings.append(finding)
      }
    }
    return findings
  }

  private func finding(
    for v: SchemaViolation, kind: DocumentKind, root: Node, file: SourceFile, typoFixes: Set<String>
  ) -> Finding? {
    // Messages about a value name the thing that holds it ("'type' of evidence 'ticket' of
    // control AC-01"); messages about a mapping name the mapping itself.
    let parentPath = Array(v.instancePath.dropLast())
    let subject = Subject.describe(kind: kind, root: root, path: parentPath)
    let pointer = JSONPointer.string(v.instancePath)
    let field = StructureChecker.fieldName(v.instancePath)
    let node = v.node
    let shown = StructureChecker.shown(node)
    func make(
      _ rule: RuleID, _ message: String, at n: Node? = nil, help: [String] = [], notes: [Note] = []
    )
      -> Finding
    {
      Finding(
        rule: rule, message: message, range: file.range(of: n ?? node), pointer: pointer,
        notes: notes, help: help, subject: [subject, field, shown])
    }
    let isRoot = v.instancePath.isEmpty
    switch v.kind {
    case .missingProperty(let name):
      if isRoot && name == "kind" {
        return make(.missingField, "document has no 'kind'; soclint cannot tell what it declares",
          help: ["add 'kind: control', 'kind: owners' or 'kind: catalog' as its first line"])
      }
      let own = Subject.describe(kind: kind, root: root, path: v.instancePath)
      let where_ = isRoot || own != subject ? own : "\(field) of \(subject)"
      return make(.missingField, "\(where_) is missing the required field '\(name)'",
        help: ["add '\(name):' to this mapping"])
    case .unexpectedProperty(let name, let key):
      if name == "<<", let k = key.scalar, k.style == .plain {
        // The loader merges only a mapping or a list of mappings; anything else stays a key.
        return make(.wrongType,
          "the merge key '<<' in \(subject) must be a mapping or a list of mappings to merge, but it is \(node.typeDescription)",
          help: ["merge an anchored mapping, such as <<: *defaults, or remove the key"])
      }
      var help: [String] = []
      let objectPath = Array(v.instancePath.dropLast())
      let known = v.knownProperties.filter { $0 != name }
      if let s = Suggest.closest(to: name, in: known) {
        if typoFixes.contains(JSONPointer.string(objectPath) + "\u{0}" + s) {
          help.append("did you mean '\(s)'? it is a required field, and it is missing")
        } else {
          help.append("did you mean '\(s)'?")
        }
      } else if !known.isEmpty {
        help.append(
          "known fields here: \(known.joined(separator: ", ")); keys starting with 'x-' are extensions")
      }
      return Finding(
        rule: .unknownField, severity: .error,
        message: "unknown field '\(name)' in \(Subject.describe(kind: kind, root: root, path: objectPath))",
        range: file.range(of: key), pointer: pointer, help: help, subject: [subject, name])
    case .wrongType(let expected):
      let want = StructureChecker.typeList(expected)
      var help: [String] = []
      if expected.contains("boolean"), let s = node.scalar, s.style == .plain,
        ["yes", "no", "on", "off", "y", "n"].contains(s.text.lowercased())
      {
        help.append(
          "write \(["yes", "on", "y"].contains(s.text.lowercased()) ? "true" : "false"): YAML 1.2 reads '\(s.text)' as a string, and only true and false are booleans"
        )
      } else if expected == ["string"],
        ["last_collected", "last_reviewed", "as_of"].contains(v.instancePath.last?.key)
      {
        help.append("write the date as YYYY-MM-DD, such as 2026-09-30")
      } else if expected == ["string"], ["frequency", "review_interval"].contains(v.instancePath.last?.key),
        let s = node.scalar, case .int(let days) = s.value
      {
        // Quoting `30` would fail as a duration too: the help gives the form that passes.
        help.append(
          days >= 1
            ? "a number of days is written with a 'd': \(days)d"
            : "a duration is one of \(StructureChecker.durationWords.joined(separator: ", ")), or a number of days such as 45d"
        )
      } else if expected == ["string"], let s = node.scalar, s.style == .plain, s.value != .null {
        help.append("write it in quotes to make it a string: \"\(s.text)\"")
      } else if expected == ["integer"], let s = node.scalar, case .float(let d) = s.value, d.isFinite,
        d == d.rounded(), abs(d) < 1e15
      {
        help.append("write it as a whole number: \(Int(d))")
      } else if expected.contains("object") && node.scalar?.value == .null {
        help.append("write {} for an empty mapping")
      }
      if isRoot {
        return make(.wrongType, "a document must be a mapping with a 'kind', but this one is \(node.typeDescription)",
          help: help)
      }
      let found =
        node.scalar.map { s -> String in
          s.value == .null ? "empty" : "\(node.typeDescription) ('\(s.text)')"
        } ?? node.typeDescription
      return make(.wrongType, "\(field) of \(subject) must be \(want), but it is \(found)", help: help)
    case .notInEnum(let allowed):
      let names = allowed.compactMap { $0.scalar?.text }
      var help: [String] = []
      if let t = node.scalar?.text, let s = Suggest.closest(to: t, in: names) {
        help.append("did you mean '\(s)'?")
      }
      help.append("allowed values: \(names.joined(separator: ", "))")
      if kind != .config, v.instancePath == [.key("kind")] {
        return make(.invalidValue, "unknown kind '\(node.scalar?.text ?? "")'; expected control, owners or catalog",
          help: help)
      }
      return make(.invalidValue,
        "\(field) of \(subject) is \(shown), expected one of \(names.joined(separator: ", "))", help: help)
    case .notConst(let expected):
      let want = expected.scalar?.text ?? "a fixed value"
      if v.instancePath == [.key("kind")] {
        let names = DocumentKind.declarable.map(\.rawValue)
        var help: [String] = []
        if let t = node.scalar?.text, let s = Suggest.closest(to: t, in: names) {
          help.append("did you mean '\(s)'?")
        }
        return make(.invalidValue, "unknown kind \(shown); expected control, owners or catalog", help: help)
      }
      return make(.invalidValue, "\(field) of \(subject) must be \(want), not \(shown)")
    case .patternMismatch(let pattern):
      let (what, help) = StructureChecker.explainPattern(
        pattern, field: field, value: node.scalar?.text ?? "")
      return make(.invalidValue, "\(field) of \(subject) is \(shown), which is not \(what)", help: help)
    case .invalidFormat(let format):
      if format == "date" {
        return make(.invalidValue, "\(field) of \(subject) is \(shown), which is not a calendar date",
          help: ["write a real day as YYYY-MM-DD, such as 2026-09-30"])
      }
      if format == "email" {
        return make(.invalidValue, "\(field) of \(subject) is \(shown), which is not an email address",
          help: ["write an address such as alice@example.com"])
      }
      return make(.invalidValue, "\(field) of \(subject) is \(shown), which is not a valid \(format)")
    case .tooShort(let min):
      let length = node.scalar?.text.unicodeScalars.count ?? 0
      if length == 0 {
        return make(.invalidValue, "\(field) of \(subject) is empty",
          help: ["write at least \(min) character\(min == 1 ? "" : "s")"])
      }
      return make(.invalidValue,
        "\(field) of \(subject) is \(length) character\(length == 1 ? "" : "s") long, expected at least \(min)"
      )
    case .tooLong(let max):
      let length = node.scalar?.text.unicodeScalars.count ?? 0
      return make(.invalidValue, "\(field) of \(subject) is \(length) characters long, expected at most \(max)")
    case .tooFewItems(let min):
      let count = node.sequence?.count ?? 0
      if count == 0 {
        let help =
          v.instancePath == [.key("include")]
          ? "list the globs of the files to read, such as \"Controls/**/*.yaml\", or leave 'include' out for that default"
          : "list at least \(min) item\(min == 1 ? "" : "s")"
        return make(.invalidValue, "\(field) of \(subject) is an empty list", help: [help])
      }
      return make(.invalidValue, "\(field) of \(subject) has \(count) items, expected at least \(min)")
    case .tooManyItems(let max):
      return make(.invalidValue,
        "\(field) of \(subject) has \(node.sequence?.count ?? 0) items, expected at most \(max)")
    case .duplicateItem(_, let firstIndex):
      let first = StructureChecker.node(at: parentPath + [.index(firstIndex)], in: root)
      let holder = Subject.describe(kind: kind, root: root, path: Array(parentPath.dropLast()))
      return make(.invalidValue,
        "\(shown) is listed twice in \(StructureChecker.fieldName(parentPath)) of \(holder)",
        notes: first.map { [Note("first listed here", at: file.range(of: $0))] } ?? [])
    case .tooFewProperties(let min):
      let what = v.instancePath == [.key("frameworks")] ? "framework" : "entry"
      return make(.invalidValue,
        "\(field) of \(subject) is empty; it needs at least \(min) \(what)\(min == 1 ? "" : "s")",
        help: v.instancePath == [.key("frameworks")]
          ? ["name the frameworks in scope, such as soc2: {categories: [security]}"] : [])
    case .belowMinimum(let min, _):
      return make(.invalidValue,
        "\(field) of \(subject) is \(shown), expected at least \(StructureChecker.number(min))")
    case .aboveMaximum(let max, _):
      return make(.invalidValue,
        "\(field) of \(subject) is \(shown), expected at most \(StructureChecker.number(max))")
    case .propertyName(let name, let key, _):
      var help: [String] = []
      if name.lowercased() != name { help.append("did you mean '\(name.lowercased())'?") }
      let what: String
      switch parentPath.last?.key {
      case "frameworks", "criteria":
        what = "a framework id"
        help.append("framework ids are lower-case letters, digits and '-', such as soc2 or soc1")
      default: what = "a valid key"
      }
      let holder = Subject.describe(kind: kind, root: root, path: Array(parentPath.dropLast()))
      return Finding(
        rule: .invalidValue, severity: .error,
        message: "'\(name)' in \(StructureChecker.fieldName(parentPath)) of \(holder) is not \(what)",
        range: file.range(of: key), pointer: pointer, help: help,
        subject: [holder, name])
    default:
      return make(.invalidValue, "\(field) of \(subject) is \(shown), which is not allowed here")
    }
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
