import SoclintDiagnostics
import SoclintModel

struct DuplicateID: Rule {
  static let description = RuleDescription(
    id: .duplicateID, category: .names,
    summary:
      "Two controls, policies, owners, catalogs, requirements of a catalog or evidence items of a control share an id",
    explanation: """
      Ids are how controls, owners and requirements refer to each other, and how auditors refer
      to a control in their workpapers: each must name exactly one thing. Control and owner ids
      are unique in the project, evidence ids within their control, requirement ids within their
      catalog, and a catalog's id is its framework (the id `soc2` is built in). Controls and
      policies share one namespace: a policy may not reuse a control's id. The finding points
      at the second declaration, with a note at the first. Rename one of them.
      """,
    failing: [
      Example(
        [
          ("Controls/a.yaml", Example.goodControl),
          (
            "Controls/b.yaml",
            Example.goodControl.replacingFirst("title: Quarterly", with: "title: Monthly")
              .replacingFirst("id: AC-01", with: "id: ↓AC-01")
          ),
        ], messages: ["control AC-01 is declared twice"]),
      Example.policy(
        replacing: "id: POL-ACCESS", with: "id: ↓AC-01",
        messages: [
          "policy AC-01 has the id of control AC-01; controls and policies share one namespace of ids"
        ]
      ).replacing("policies: [POL-ACCESS]\n", with: ""),
      // A control read after the policy in path order: the declarations are put in that order.
      Example(
        Example.policyFiles + [
          ("Controls/zz.yaml", Example.goodControl.replacingFirst("id: AC-01", with: "id: ↓POL-ACCESS"))
        ],
        messages: [
          "control POL-ACCESS has the id of policy POL-ACCESS; controls and policies share one namespace of ids"
        ]),
      Example.control(
        replacing: "last_reviewed: 2026-06-15",
        with: """
            - id: ↓review-ticket
              description: The same ticket, listed a second time by mistake
              type: ticket
              source: Jira project SEC
              frequency: quarterly
              last_collected: 2026-09-30
          last_reviewed: 2026-06-15
          """,
        messages: ["evidence 'review-ticket' of control AC-01 is declared twice"]),
    ],
    passing: [
      Example(control: Example.goodControl),
      Example.control(
        replacing: "last_reviewed: 2026-06-15",
        with: """
            - id: access-log
              description: The identity provider's log of the accounts removed
              type: log
              source: Okta
              frequency: quarterly
              last_collected: 2026-09-30
          last_reviewed: 2026-06-15
          """),
    ])

  static let eachControl: ControlSelection? = .all

  /// Evidence ids are unique within their control. A control's few items are compared
  /// pairwise, by their ids' texts: a located id read whole is a copy that counts its file and
  /// texts in and out, and a dictionary for each of thousands of controls costs more.
  func check(_ control: Control, in context: LintContext, report: inout [Finding]) {
    let evidence = control.evidence
    guard evidence.count > 1 else { return }
    guard evidence.count <= 16 else {
      duplicates(evidence.lazy.map { $0.id }, &report) { "evidence '\($0)' of control \(control.id.value)" }
      return
    }
    for i in 1..<evidence.count {
      let value = evidence[i].id.value
      guard let j = (0..<i).first(where: { evidence[$0].id.value == value }) else { continue }
      let what = "evidence '\(value)' of control \(control.id.value)"
      report.append(
        finding(
          "\(what) is declared twice", at: evidence[i].id,
          notes: [Note("\(what) is first declared here", at: evidence[j].id.range)],
          help: ["give each one its own id"], subject: [value]))
    }
  }

  func check(_ context: LintContext, report: inout [Finding]) {
    controlsAndPolicies(context, report: &report)
    duplicates(context.project.owners.lazy.map { $0.id }, &report) { "owner '\($0)'" }
    for catalog in context.project.catalogs {
      if let builtIn = BuiltInFramework.named(catalog.framework.value) {
        report.append(
          finding(
            "catalog \(builtIn.id) clashes with the built-in \(builtIn.displayName) criteria",
            at: catalog.framework,
            help: [
              "\(builtIn.id) is built in; give your own catalog another framework id, such as \(builtIn.id)-extra"
            ],
            subject: [builtIn.id]))
      }
      duplicates(catalog.requirements.lazy.map { $0.id }, &report) {
        "requirement '\($0)' of catalog \(catalog.framework.value)"
      }
    }
    duplicates(context.project.catalogs.lazy.map { $0.framework }, &report) { "catalog \($0)" }
  }

  /// Every id of `ids` written again after its first, pointing back at the first.
  private func duplicates<C: RandomAccessCollection>(
    _ ids: C, _ report: inout [Finding], _ describe: (String) -> String
  ) where C.Element == Located<String> {
    func declaredTwice(_ id: Located<String>, after earlier: Located<String>) {
      report.append(
        finding(
          "\(describe(id.value)) is declared twice", at: id,
          notes: [Note("\(describe(id.value)) is first declared here", at: earlier.range)],
          help: ["give each one its own id"], subject: [id.value]))
    }
    guard ids.count > 1 else { return }
    // A control's few evidence items are compared pairwise: a dictionary for each of
    // thousands of controls costs more than the comparisons.
    guard ids.count > 16 else {
      // By index: each element read is a fresh copy of a located id (three references counted
      // in and out), so only the ids' texts are compared.
      for i in ids.indices where i != ids.startIndex {
        let value = ids[i].value
        if let j = ids[ids.startIndex..<i].indices.first(where: { ids[$0].value == value }) {
          declaredTwice(ids[i], after: ids[j])
        }
      }
      return
    }
    var first: [String: Located<String>] = [:]
    for id in ids {
      if let earlier = first[id.value] { declaredTwice(id, after: earlier) } else { first[id.value] = id }
    }
  }

  /// Controls and policies share one namespace, in reading order (path, then document).
  func controlsAndPolicies(_ context: LintContext, report: inout [Finding]) {
    // Declarations by number, controls first, then policies; their ids are read only where they
    // are compared or reported. A list of the declarations themselves copied a located id at
    // every step of the order check and of the loop (a generic copy, 265 instructions each).
    let controls = context.project.controls
    let policies = context.project.policies
    func id(_ n: Int) -> Located<String> {
      n < controls.count ? controls[n].id : policies[n - controls.count].id
    }
    func idText(_ n: Int) -> String {
      n < controls.count ? controls[n].id.value : policies[n - controls.count].id.value
    }
    func path(_ n: Int) -> String {
      n < controls.count ? controls[n].file.path : policies[n - controls.count].file.path
    }
    func document(_ n: Int) -> Int {
      n < controls.count ? controls[n].document : policies[n - controls.count].documentIndex
    }
    func what(_ n: Int) -> String { n < controls.count ? "control" : "policy" }
    func precedes(_ a: Int, _ b: Int) -> Bool {
      let (x, y) = (path(a), path(b))
      return x != y ? x.precedesInBytes(y) : document(a) < document(b)
    }
    var ordered = Array(0..<(controls.count + policies.count))
    // The loader gives controls and policies in path order, and policies usually sit after
    // controls: checking that costs one comparison a declaration, sorting ten thousand of
    // them several.
    if !zip(ordered, ordered.dropFirst()).allSatisfy({ !precedes($1, $0) }) { ordered.sort(by: precedes) }
    // Room for every id at once, and positions instead of declarations: a dictionary that grows
    // hashes every key again at each doubling.
    var first: [String: Int] = [:]
    first.reserveCapacity(ordered.count)
    for item in ordered {
      let text = idText(item)
      guard let earlierItem = first[text] else {
        first[text] = item
        continue
      }
      let itemID = id(item)
      let earlierID = id(earlierItem)
      let name = "\(what(item)) \(itemID.value)"
      let earlierName = "\(what(earlierItem)) \(earlierID.value)"
      let message =
        what(earlierItem) == what(item)
        ? "\(name) is declared twice"
        : "\(name) has the id of \(earlierName); controls and policies share one namespace of ids"
      report.append(
        finding(
          message, at: itemID, notes: [Note("\(earlierName) is first declared here", at: earlierID.range)],
          help: ["give each one its own id"], subject: [itemID.value]))
    }
  }
}
