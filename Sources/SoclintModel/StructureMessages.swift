import SoclintDiagnostics
import SoclintSchema
import SoclintYAML

/// One schema violation and what its message needs: the node at fault, its field's name and
/// the thing that holds it ("'type' of evidence 'ticket' of control AC-01"; a message about a
/// mapping names the mapping itself). Each kind of violation has its message below, written
/// for people.
struct ViolationMessage {
  let v: SchemaViolation
  let kind: DocumentKind
  let root: Node
  let file: SourceFile
  let typoFixes: Set<String>
  let parentPath: [PathComponent]
  let subject: String
  let pointer: String
  let field: String
  let node: Node
  let shown: String
  var isRoot: Bool { v.instancePath.isEmpty }

  init(_ v: SchemaViolation, kind: DocumentKind, root: Node, file: SourceFile, typoFixes: Set<String>) {
    self.v = v
    self.kind = kind
    self.root = root
    self.file = file
    self.typoFixes = typoFixes
    parentPath = Array(v.instancePath.dropLast())
    subject = Subject.describe(kind: kind, root: root, path: parentPath)
    pointer = JSONPointer.string(v.instancePath)
    field = StructureChecker.fieldName(v.instancePath)
    node = v.node
    shown = StructureChecker.shown(v.node)
  }

  func make(
    _ rule: RuleID, _ message: String, at n: Node? = nil, help: [String] = [], notes: [Note] = []
  ) -> Finding {
    Finding(
      rule: rule, message: message, range: file.range(of: n ?? node), pointer: pointer, notes: notes,
      help: help,
      subject: [subject, field, shown])
  }

  func finding() -> Finding? {
    switch v.kind {
    case .missingProperty(let name): return missingField(name)
    case .unexpectedProperty(let name, let key): return unknownField(name, key: key)
    case .wrongType(let expected): return wrongType(expected)
    case .notInEnum(let allowed): return notInEnum(allowed)
    case .notConst(let expected): return notConst(expected)
    case .patternMismatch(let pattern): return patternMismatch(pattern)
    case .invalidFormat(let format): return invalidFormat(format)
    case .tooShort(let min): return tooShort(min)
    case .tooLong(let max): return tooLong(max)
    case .tooFewItems(let min): return tooFewItems(min)
    case .tooManyItems(let max): return tooManyItems(max)
    case .duplicateItem(_, let firstIndex): return duplicateItem(firstIndex: firstIndex)
    case .tooFewProperties(let min): return tooFewProperties(min)
    case .belowMinimum(let min, _): return belowMinimum(min)
    case .aboveMaximum(let max, _): return aboveMaximum(max)
    case .propertyName(let name, let key, _): return propertyName(name, key: key)
    case .falseSchema where kind == .config && parentPath == [.key("audit")]: return auditField()
    default:
      return make(.invalidValue, "\(field) of \(subject) is \(shown), which is not allowed here")
    }
  }

  /// A field of the other type of audit: `date` is Type I's, `start` and `end` Type II's.
  func auditField() -> Finding {
    let name = v.instancePath.last?.key ?? ""
    if name == "date" {
      return make(
        .invalidValue, "'date' is for a type 1 audit; this audit is type 2, which has 'start' and 'end'",
        help: ["remove 'date', or write 'type: 1' for an examination as of one day"])
    }
    return make(
      .invalidValue, "'\(name)' is for a type 2 audit; this audit is type 1, which has 'date'",
      help: ["remove '\(name)', or write 'type: 2' for an examination over a period"])
  }

  func missingField(_ name: String) -> Finding {
    if isRoot && name == "kind" {
      return make(
        .missingField, "document has no 'kind'; soclint cannot tell what it declares",
        help: ["add 'kind: control', 'kind: owners', 'kind: catalog' or 'kind: policy' as its first line"])
    }
    let own = Subject.describe(kind: kind, root: root, path: v.instancePath)
    let where_ = isRoot || own != subject ? own : "\(field) of \(subject)"
    var help = ["add '\(name):' to this mapping"]
    if kind == .policy && isRoot && (name == "approver" || name == "approved_on") {
      help.append("a policy still being written needs no approval: mark it 'status: draft'")
    }
    return make(.missingField, "\(where_) is missing the required field '\(name)'", help: help)
  }

  func unknownField(_ name: String, key: Node) -> Finding {
    if name == "<<", let k = key.scalar, k.style == .plain {
      // The loader merges only a mapping or a list of mappings; anything else stays a key.
      return make(
        .wrongType,
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
  }

  func wrongType(_ expected: [String]) -> Finding {
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
      return make(
        .wrongType, "a document must be a mapping with a 'kind', but this one is \(node.typeDescription)",
        help: help)
    }
    let found =
      node.scalar.map { s -> String in
        s.value == .null ? "empty" : "\(node.typeDescription) ('\(s.text)')"
      } ?? node.typeDescription
    return make(.wrongType, "\(field) of \(subject) must be \(want), but it is \(found)", help: help)
  }

  func notInEnum(_ allowed: [Node]) -> Finding {
    let names = allowed.compactMap { $0.scalar?.text }
    var help: [String] = []
    if let t = node.scalar?.text, let s = Suggest.closest(to: t, in: names) {
      help.append("did you mean '\(s)'?")
    }
    help.append("allowed values: \(names.joined(separator: ", "))")
    if kind != .config, v.instancePath == [.key("kind")] {
      return make(
        .invalidValue,
        "unknown kind '\(node.scalar?.text ?? "")'; expected control, owners, catalog or policy",
        help: help)
    }
    return make(
      .invalidValue,
      "\(field) of \(subject) is \(shown), expected one of \(names.joined(separator: ", "))", help: help)
  }

  func notConst(_ expected: Node) -> Finding {
    let want = expected.scalar?.text ?? "a fixed value"
    if v.instancePath == [.key("kind")] {
      let names = DocumentKind.declarable.map(\.rawValue)
      var help: [String] = []
      if let t = node.scalar?.text, let s = Suggest.closest(to: t, in: names) {
        help.append("did you mean '\(s)'?")
      }
      return make(
        .invalidValue, "unknown kind \(shown); expected control, owners, catalog or policy", help: help)
    }
    return make(.invalidValue, "\(field) of \(subject) must be \(want), not \(shown)")
  }

  func patternMismatch(_ pattern: String) -> Finding {
    var (what, help) = StructureChecker.explainPattern(
      pattern, field: field, value: node.scalar?.text ?? "")
    if what == "a control id" && (kind == .policy || v.instancePath.first == .key("policies")) {
      // Policies share the control ids' form (and namespace), not their name.
      what = "a policy id"
      help = ["a policy id is upper-case letters and digits in parts joined by '-', such as POL-ACCESS"]
    }
    return make(.invalidValue, "\(field) of \(subject) is \(shown), which is not \(what)", help: help)
  }

  func invalidFormat(_ format: String) -> Finding {
    if format == "date" {
      return make(
        .invalidValue, "\(field) of \(subject) is \(shown), which is not a calendar date",
        help: ["write a real day as YYYY-MM-DD, such as 2026-09-30"])
    }
    if format == "email" {
      return make(
        .invalidValue, "\(field) of \(subject) is \(shown), which is not an email address",
        help: ["write an address such as alice@example.com"])
    }
    return make(.invalidValue, "\(field) of \(subject) is \(shown), which is not a valid \(format)")
  }

  func tooShort(_ min: Int) -> Finding {
    let length = node.scalar?.text.unicodeScalars.count ?? 0
    if length == 0 {
      return make(
        .invalidValue, "\(field) of \(subject) is empty",
        help: ["write at least \(min) character\(min == 1 ? "" : "s")"])
    }
    return make(
      .invalidValue,
      "\(field) of \(subject) is \(length) character\(length == 1 ? "" : "s") long, expected at least \(min)"
    )
  }

  func tooLong(_ max: Int) -> Finding {
    let length = node.scalar?.text.unicodeScalars.count ?? 0
    return make(.invalidValue, "\(field) of \(subject) is \(length) characters long, expected at most \(max)")
  }

  func tooFewItems(_ min: Int) -> Finding {
    let count = node.sequence?.count ?? 0
    if count == 0 {
      let help =
        v.instancePath == [.key("include")]
        ? "list the globs of the files to read, such as \"Controls/**/*.yaml\", or leave 'include' out for that default"
        : "list at least \(min) item\(min == 1 ? "" : "s")"
      return make(.invalidValue, "\(field) of \(subject) is an empty list", help: [help])
    }
    return make(.invalidValue, "\(field) of \(subject) has \(count) items, expected at least \(min)")
  }

  func tooManyItems(_ max: Int) -> Finding {
    return make(
      .invalidValue,
      "\(field) of \(subject) has \(node.sequence?.count ?? 0) items, expected at most \(max)")
  }

  func duplicateItem(firstIndex: Int) -> Finding {
    let first = StructureChecker.node(at: parentPath + [.index(firstIndex)], in: root)
    let holder = Subject.describe(kind: kind, root: root, path: Array(parentPath.dropLast()))
    return make(
      .invalidValue,
      "\(shown) is listed twice in \(StructureChecker.fieldName(parentPath)) of \(holder)",
      notes: first.map { [Note("first listed here", at: file.range(of: $0))] } ?? [])
  }

  func tooFewProperties(_ min: Int) -> Finding {
    let what = v.instancePath == [.key("frameworks")] ? "framework" : "entry"
    return make(
      .invalidValue,
      "\(field) of \(subject) is empty; it needs at least \(min) \(what)\(min == 1 ? "" : "s")",
      help: v.instancePath == [.key("frameworks")]
        ? ["name the frameworks in scope, such as soc2: {categories: [security]}"] : [])
  }

  func belowMinimum(_ min: Double) -> Finding {
    return make(
      .invalidValue,
      "\(field) of \(subject) is \(shown), expected at least \(StructureChecker.number(min))")
  }

  func aboveMaximum(_ max: Double) -> Finding {
    return make(
      .invalidValue,
      "\(field) of \(subject) is \(shown), expected at most \(StructureChecker.number(max))")
  }

  func propertyName(_ name: String, key: Node) -> Finding {
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
  }
}
