import SoclintDiagnostics
import SoclintModel

// The reading and structure rules are found while files are read (SoclintModel), before the
// typed model exists; these are their descriptions and examples, with no checker. They cannot be
// turned off, re-graded or silenced.

extension RuleDescription {
  static let invalidFile = RuleDescription(
    id: .invalidFile, category: .structure,
    summary:
      "A file is not readable UTF-8 text: a link out of the project, not a regular file, not UTF-8, a NUL byte, or over 8 MiB",
    explanation: """
      soclint reads only regular UTF-8 text files of at most 8 MiB inside the project root. A link
      that leads outside the root is never followed (soclint reads untrusted pull requests), and
      the finding for bad bytes points at the first one. Save the file as UTF-8, or exclude it.
      """,
    failing: [
      Example(
        [("Controls/example.yaml", "kind: control↓\u{0}\n")],
        messages: ["file holds a NUL byte; it is not a text file"])
    ],
    passing: [Example(control: Example.goodControl)])

  static let yamlSyntax = RuleDescription(
    id: .yamlSyntax, category: .structure,
    summary: "libyaml cannot parse the file",
    explanation: """
      The file is not valid YAML; the message is libyaml's, at the place it stopped, with a note
      where the construct it was reading began. The rest of the file is not read. Common causes:
      a tab used for indentation, a missing space after a colon, an unclosed quote or bracket.
      """,
    failing: [
      Example(
        [("Controls/example.yaml", "kind: control\nid: AC-01\n  title↓: indented too far\n")],
        messages: ["mapping values are not allowed in this context"])
    ],
    passing: [Example(control: Example.goodControl)])

  static let resourceLimit = RuleDescription(
    id: .resourceLimit, category: .structure,
    summary: "Nesting deeper than 256 levels, or aliases expanding beyond 100,000 nodes",
    explanation: """
      A controls file is small and shallow. Deep nesting and alias bombs (a few lines of anchors
      and aliases that expand to billions of nodes) are how untrusted YAML exhausts a CI runner,
      so soclint stops reading the file at the alias or node past the limit.
      """,
    failing: [
      Example(
        [
          (
            "Controls/example.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, ↓*d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
          )
        ], messages: ["aliases in this document expand to more than 100000 nodes"])
    ],
    passing: [Example(control: Example.goodControl)])

  static let duplicateKey = RuleDescription(
    id: .duplicateKey, category: .structure,
    summary: "A mapping holds the same key twice",
    explanation: """
      YAML forbids a key twice in one mapping, but libyaml, like most parsers, silently keeps
      one of them, so half of what was written is ignored. The finding points at the second key,
      with a note at the first. Remove or merge one of them.
      """,
    failing: [
      Example.control(
        replacing: "owner: alice\n", with: "owner: alice\n↓owner: bob\n",
        messages: ["key 'owner' is given twice in this mapping"])
    ],
    passing: [Example(control: Example.goodControl)])

  static let missingField = RuleDescription(
    id: .missingField, category: .structure,
    summary: "A required field is absent (a missing kind too)",
    explanation: """
      Each kind has required fields (see `soclint schema KIND`): a control needs `id`, `title`,
      `description`, `owner` and `frequency`; an evidence item its `id`, `description`, `type`,
      `source` and `frequency`. The finding points at the start of the mapping that lacks it.
      """,
    failing: [
      Example.control(
        replacing: "frequency: quarterly\ncriteria", with: "criteria",
        messages: ["control AC-01 is missing the required field 'frequency'"]
      ).replacing("kind: control", with: "↓kind: control")
    ],
    passing: [Example(control: Example.goodControl)])

  static let unknownField = RuleDescription(
    id: .unknownField, category: .structure,
    summary: "A key the schema does not know; keys starting with x- are always allowed",
    explanation: """
      An unknown key is usually a typo, and a typo of a required field is reported once, here,
      with the field it was meant to be. Keys starting with `x-` are extensions: allowed anywhere,
      never checked.
      """,
    failing: [
      Example.control(
        replacing: "frequency: quarterly\ncriteria", with: "↓frequncy: quarterly\ncriteria",
        messages: ["unknown field 'frequncy' in control AC-01"])
    ],
    passing: [Example.control(replacing: "kind: control\n", with: "kind: control\nx-jira-epic: SEC-100\n")])

  static let wrongType = RuleDescription(
    id: .wrongType, category: .structure,
    summary: "A value of the wrong YAML type",
    explanation: """
      Each field has a type: a string, a list, a mapping, a boolean. soclint reads YAML 1.2, where
      only `true` and `false` are booleans: `yes`, `no`, `on` and `off` are strings.
      """,
    failing: [
      Example.control(
        replacing: "criteria:\n  soc1: [CO-1]\n", with: "criteria: ↓[CO-1]\n",
        messages: ["'criteria' of control AC-01 must be a mapping, but it is a list"])
    ],
    passing: [Example(control: Example.goodControl)])

  static let invalidValue = RuleDescription(
    id: .invalidValue, category: .structure,
    summary: "A value outside its allowed values, pattern or format, too short or too long, or an empty list",
    explanation: """
      Enumerations list their allowed values in the help; ids, dates (a real calendar day,
      YYYY-MM-DD), emails and durations (continuous, daily, weekly, monthly, quarterly,
      semiannual, annual, on-event, or `Nd` days) have fixed forms.
      """,
    failing: [
      Example.control(
        replacing: "last_collected: 2026-09-30", with: "last_collected: ↓2026-09-31",
        messages: [
          "'last_collected' of evidence 'review-ticket' of control AC-01 is '2026-09-31', which is not a calendar date"
        ])
    ],
    passing: [Example(control: Example.goodControl)])

  static let emptyFile = RuleDescription(
    id: .emptyFile, category: .structure,
    summary: "A file holds no YAML document, or only empty ones",
    explanation: """
      An empty file under `include` is usually a control that was started and forgotten. Write
      the document, delete the file, or exclude it in the configuration.
      """,
    failing: [
      Example(
        [("Controls/example.yaml", "↓# nothing here yet\n")],
        messages: ["Controls/example.yaml holds no YAML document"])
    ],
    passing: [Example(control: Example.goodControl)])

  /// The structure rules, in the rules reference's order.
  static let structure: [RuleDescription] = [
    invalidFile, yamlSyntax, resourceLimit, duplicateKey, missingField, unknownField, wrongType, invalidValue,
    emptyFile,
  ]
}
