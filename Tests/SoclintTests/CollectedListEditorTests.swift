import SoclintModel
import Testing

/// `history --write`'s edits: dates land where the list stays sorted, and no other byte changes.
@Suite struct CollectedListEditorTests {
  let key = EvidenceKey(control: "AC-01", evidence: "review-ticket")

  func control(evidenceLines: String, newline: String = "\n") -> String {
    """
    kind: control
    id: AC-01   # the quarterly review
    title: Quarterly user access review
    description: Security reviews every production account against the HR roster.
    owner: alice
    frequency: quarterly
    evidence:
      - id: review-ticket
        description: "Signed-off ticket"
        type: ticket
        source: 'Jira project SEC'
        frequency: quarterly
    \(evidenceLines)
    last_reviewed: 2026-06-15

    """.replacingOccurrences(of: "\n", with: newline)
  }

  func add(_ dates: [String], to text: String) -> (String, CollectedListEditor.Outcome?) {
    let result = CollectedListEditor.adding([key: dates.map { Day($0)! }], to: Array(text.utf8))
    return (String(decoding: result.bytes, as: UTF8.self), result.outcomes[key])
  }

  @Test func aNewBlockListGoesAfterLastCollected() {
    let before = control(evidenceLines: "    last_collected: 2026-07-08  # Q3\n    owner: bob")
    let (after, outcome) = add(["2026-07-08", "2026-01-14", "2026-04-09"], to: before)
    #expect(
      after
        == control(
          evidenceLines:
            "    last_collected: 2026-07-08  # Q3\n    collected:\n      - 2026-01-14\n      - 2026-04-09\n      - 2026-07-08\n    owner: bob"
        ))
    #expect(outcome == .added([Day("2026-01-14")!, Day("2026-04-09")!, Day("2026-07-08")!]))
  }

  @Test func aBlockListIsExtendedInOrderKeepingItsEntries() {
    let before = control(
      evidenceLines:
        "    collected:\n      - 2026-01-14   # late, see SEC-1300\n      - date: 2026-07-08\n        ref: SEC-1533\n    owner: bob"
    )
    let (after, outcome) = add(["2026-01-14", "2026-04-09", "2026-10-06"], to: before)
    #expect(
      after
        == control(
          evidenceLines:
            "    collected:\n      - 2026-01-14   # late, see SEC-1300\n      - 2026-04-09\n      - date: 2026-07-08\n        ref: SEC-1533\n      - 2026-10-06\n    owner: bob"
        ))
    #expect(outcome == .added([Day("2026-04-09")!, Day("2026-10-06")!]))
  }

  @Test func aFlowListIsExtendedInPlace() {
    let before = control(evidenceLines: "    collected: [2026-04-09, {date: 2026-10-06, ref: SEC-1}]  # kept")
    let (after, _) = add(["2026-01-14", "2026-07-08", "2026-11-02", "2026-04-09"], to: before)
    #expect(
      after
        == control(
          evidenceLines:
            "    collected: [2026-01-14, 2026-04-09, 2026-07-08, {date: 2026-10-06, ref: SEC-1}, 2026-11-02]  # kept"
        ))
    let (empty, _) = add(["2026-04-09", "2026-01-14"], to: control(evidenceLines: "    collected: []"))
    #expect(empty == control(evidenceLines: "    collected: [2026-01-14, 2026-04-09]"))
  }

  @Test func crlfStaysCRLF() {
    let before = control(evidenceLines: "    last_collected: 2026-07-08", newline: "\r\n")
    let (after, _) = add(["2026-04-09"], to: before)
    #expect(
      after
        == control(
          evidenceLines: "    last_collected: 2026-07-08\n    collected:\n      - 2026-04-09", newline: "\r\n"
        ))
  }

  @Test func nothingNewChangesNothing() {
    let before = control(evidenceLines: "    collected: [2026-04-09]")
    let (after, outcome) = add(["2026-04-09"], to: before)
    #expect(after == before)
    #expect(outcome == .added([]))
  }

  @Test func anAliasedListIsLeftAlone() {
    let text = """
      kind: control
      id: AC-01
      x-dates: &dates [2026-01-14]
      evidence:
        - id: review-ticket
          collected: *dates

      """
    let (after, outcome) = add(["2026-04-09"], to: text)
    #expect(after == text)
    #expect(outcome == .skipped("its 'collected' is an alias"))
  }

  @Test func anItemEndingInABlockScalarGetsTheListAfterIt() {
    let before = """
      kind: control
      id: AC-01
      evidence:
        - id: review-ticket
          description: |
            Signed-off ticket,
            with the accounts removed.
      last_reviewed: 2026-06-15

      """
    let (after, _) = add(["2026-04-09"], to: before)
    #expect(
      after == """
        kind: control
        id: AC-01
        evidence:
          - id: review-ticket
            description: |
              Signed-off ticket,
              with the accounts removed.
            collected:
              - 2026-04-09
        last_reviewed: 2026-06-15

        """)
  }

  @Test func aFileWithoutAFinalLineBreakGetsOneBeforeTheList() {
    let (after, _) = add(
      ["2026-04-09"],
      to: "kind: control\nid: AC-01\nevidence:\n  - id: review-ticket\n    last_collected: 2026-04-09")
    #expect(
      after
        == "kind: control\nid: AC-01\nevidence:\n  - id: review-ticket\n    last_collected: 2026-04-09\n    collected:\n      - 2026-04-09\n"
    )
  }
}
