import SoclintModel
import SoclintRules

/// `soclint export oscal`: an OSCAL component definition (the JSON model, OSCAL 1.2) for GRC
/// tools. One component stands for the service the controls protect; it has one
/// control-implementation per framework in scope, one implemented-requirement per requirement an
/// implemented control maps, and under each one statement per such control, whose description is
/// the control's, with props for the control id, owner, frequency, evidence and policies. Every UUID is
/// name-based (version 5) from ids, so it is the same on every run.
public struct OSCALExporter: HandoffExporter {
  /// The OSCAL version written, the newest that compliance-trestle loads.
  public static let oscalVersion = "1.2.1"
  /// The namespace of soclint's props.
  public static let propNamespace = "https://soclint.dev/ns/oscal"
  /// Where the AICPA publishes the Trust Services Criteria, as the source of `soc2`.
  public static let soc2Source =
    "https://www.aicpa-cima.com/resources/download/2017-trust-services-criteria-with-revised-points-of-focus-2022"

  /// The exporter, which has no settings.
  public init() {}

  /// The component definition as JSON.
  public func export(_ handoff: Handoff) -> [UInt8] {
    let title = Self.serviceTitle(handoff)
    let component: JSONValue = .object([
      ("uuid", .string(NameBasedUUID.uuid("component"))),
      ("type", .string("service")),
      ("title", .string(title)),
      (
        "description",
        .string(
          "The service whose controls are kept as code in this repository, as soclint read them on \(handoff.asOf)."
        )
      ),
      ("control-implementations", .array(implementations(handoff))),
    ])
    let root: JSONValue = .object([
      (
        "component-definition",
        .object([
          ("uuid", .string(NameBasedUUID.uuid("component-definition"))),
          (
            "metadata",
            .object([
              ("title", .string("Controls of \(title)")),
              ("last-modified", .string("\(handoff.asOf)T00:00:00Z")),
              ("version", .string("\(handoff.asOf)")),
              ("oscal-version", .string(Self.oscalVersion)),
            ])
          ),
          ("components", .array([component])),
        ])
      )
    ])
    return Array(root.rendered().utf8)
  }

  /// The first user catalog's title, which names the service in a SOC 1 programme; else a
  /// description of it.
  static func serviceTitle(_ handoff: Handoff) -> String {
    handoff.context.project.catalogs.first.map { line($0.title.value) }
      ?? "The service these controls protect"
  }

  func implementations(_ handoff: Handoff) -> [JSONValue] {
    var out: [JSONValue] = []
    for scope in handoff.context.configuration.scopes {
      guard let framework = handoff.context.frameworks[scope.framework.value] else { continue }
      let mappings = handoff.context.mappings(of: framework)
      var requirements: [JSONValue] = []
      for r in framework.requirements {
        let controls = (mappings[r.id]?.implemented ?? []).filter(handoff.includes)
        guard !controls.isEmpty else { continue }
        requirements.append(requirement(r, of: framework, controls: controls))
      }
      guard !requirements.isEmpty else { continue }
      let source = framework.catalog.map { $0.file.path } ?? Self.soc2Source
      out.append(
        .object([
          ("uuid", .string(NameBasedUUID.uuid("control-implementation/\(framework.id)"))),
          ("source", .string(source)),
          ("description", .string("How the controls meet \(Self.line(framework.title)).")),
          ("implemented-requirements", .array(requirements)),
        ]))
    }
    return out
  }

  func requirement(
    _ r: SoclintRules.Framework.Requirement, of framework: SoclintRules.Framework, controls: [Control]
  )
    -> JSONValue
  {
    let token = Self.token(r.id)
    var seen = Set<String>()
    let unique = controls.filter { seen.insert($0.id.value).inserted }.sorted {
      $0.id.value.utf8.lexicographicallyPrecedes($1.id.value.utf8)
    }
    let statements: [JSONValue] = unique.map { c in
      .object([
        ("statement-id", .string("\(token)_smt.\(Self.token(c.id.value))")),
        ("uuid", .string(NameBasedUUID.uuid("statement/\(framework.id)/\(r.id)/\(c.id.value)"))),
        ("description", .string(Handoff.text(c.description.value))),
        ("props", .array(props(of: c))),
      ])
    }
    let named = unique.map { "\($0.id.value) (\(Self.line($0.title.value)))" }.joined(separator: ", ")
    return .object([
      ("uuid", .string(NameBasedUUID.uuid("implemented-requirement/\(framework.id)/\(r.id)"))),
      ("control-id", .string(token)),
      ("description", .string("\(r.id) \(Self.line(r.title)): met by \(named).")),
      ("statements", .array(statements)),
    ])
  }

  func props(of c: Control) -> [JSONValue] {
    var pairs = [
      ("control-id", c.id.value), ("owner", c.owner.value), ("frequency", c.frequency.value.description),
    ]
    let evidence = c.evidence.map(\.id.value).joined(separator: " ")
    if !evidence.isEmpty { pairs.append(("evidence", evidence)) }
    let policies = c.policies.map(\.value).joined(separator: " ")
    if !policies.isEmpty { pairs.append(("policies", policies)) }
    return pairs.map { name, value in
      .object([("name", .string(name)), ("ns", .string(Self.propNamespace)), ("value", .string(value))])
    }
  }

  /// Text as an OSCAL markup line (no line break) or string (no whitespace at either end): runs
  /// of white space, line breaks included, become one space.
  static func line(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
  }

  /// An id as an OSCAL token (an XML NCName): characters other than letters, digits, `.`, `-`
  /// and `_` become `_`, and one that does not start with a letter or `_` gets a `_` in front.
  static func token(_ id: String) -> String {
    var out = String(
      id.unicodeScalars.map { s -> Character in
        s.properties.isAlphabetic || s.properties.numericType != nil || s == "." || s == "-" || s == "_"
          ? Character(s) : "_"
      })
    if let first = out.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") {
      out = "_" + out
    }
    return out.isEmpty ? "_" : out
  }
}
