import ArgumentParser
import Foundation
import SoclintModel

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a starting controls repository that lints clean; never overwrites a file.")

  @Argument(help: ArgumentHelp("The folder to write into.", valueName: "DIR"))
  var directory: String = "."

  func run() throws {
    let cwd = FileManager.default.currentDirectoryPath
    let root = Session.absolute(directory, cwd: cwd)
    let files = StarterRepository.files
    let existing = files.map(\.path).filter { FileSystem.type(atAbsolute: root + "/" + $0) != .missing }
    guard existing.isEmpty else {
      throw Failure(
        "not overwriting \(existing.joined(separator: ", ")) in \(directory); nothing was written")
    }
    for file in files {
      let path = root + "/" + file.path
      do {
        try FileManager.default.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      } catch {
        throw Failure("cannot create the folder for \(file.path): \(error.localizedDescription)")
      }
      try Output.write(file.text, to: path)
      print("wrote \(directory == "." ? file.path : directory + "/" + file.path)")
    }
    print("next: soclint lint   (soclint explain RULE tells what a finding means)")
  }
}

/// The files `soclint init` writes. A test checks that they lint with exit status 0.
enum StarterRepository {
  static let files: [(path: String, text: String)] = [
    (
      ".soclint.yaml",
      """
      # soclint configuration: https://github.com/soclint/soclint
      version: 1
      include: ["Controls/**/*.yaml", "Controls/**/*.yml"]
      frameworks:
        soc2:
          # Security (CC1-CC9) is always in scope; add availability, confidentiality,
          # processing-integrity or privacy as your examination covers them.
          categories: [security]
      staleness:
        grace_days: 0
        due_soon_days: 14
      # The examination you are preparing for. A Type I looks at the design of your controls on
      # one day; a Type II tests that they operated through a period of 3 to 12 months, so every
      # evidence item must then be collected in every window of its frequency (keep each
      # collection under the evidence's `collected:`; `soclint history --from-git --write`
      # recovers them from git). Uncomment one:
      # audit:
      #   type: 1
      #   date: 2027-03-31
      # audit:
      #   type: 2
      #   start: 2027-01-01
      #   end: 2027-06-30
      rules:
        # While you are writing your first controls, criteria nobody covers yet are warnings,
        # a to-do list. Remove this line before your readiness assessment.
        uncovered-requirement: warning

      """
    ),
    (
      "Controls/owners.yaml",
      """
      kind: owners
      owners:
        - id: security-lead
          name: Security Lead
          email: security@example.com
          role: Head of Security
          backup: it-lead
        - id: it-lead
          name: IT Lead
          email: it@example.com
          role: IT Manager

      """
    ),
    (
      "Controls/access/AC-01.yaml",
      """
      kind: control
      id: AC-01
      title: Quarterly user access review
      description: >
        Every quarter the IT Lead exports all accounts of the production cloud console and the
        identity provider, and the Security Lead compares them with the HR roster; access that is
        no longer needed is removed within five working days and recorded in the review ticket.
      owner: security-lead
      policies: [POL-ACCESS]
      type: detective
      automation: manual
      frequency: quarterly
      criteria:
        soc2: [CC6.1, CC6.2, CC6.3]
      evidence:
        - id: review-ticket
          description: Signed-off review ticket listing the accounts reviewed and removed
          type: ticket
          source: The ticketing system
          frequency: quarterly
          owner: it-lead
          # Set to the day you collect it:
          # last_collected: YYYY-MM-DD
      # last_reviewed: YYYY-MM-DD

      """
    ),
    (
      "Controls/policies/access-control.yaml",
      """
      kind: policy
      id: POL-ACCESS
      title: Access Control Policy
      owner: security-lead
      document: Controls/policies/access-control.md
      version: "0.1"
      # A draft until someone other than its owner approves it. Approve it in the pull request
      # that changes the text, and in that same commit remove 'status: draft' and set:
      #   approver: it-lead
      #   approved_on: YYYY-MM-DD
      status: draft
      review_interval: annual

      """
    ),
    (
      "Controls/policies/access-control.md",
      """
      # Access Control Policy

      Access to company systems is granted to a named person, for their role, for as long as
      the role needs it.

      1. Everyone signs in through the identity provider with multi-factor authentication;
         shared accounts are not allowed.
      2. Access is granted on a ticket approved by the system's owner, and removed by the end of
         a leaver's last working day.
      3. Nobody holds standing administrator rights in production; elevated access is
         time-bound and approved by a second person.
      4. System owners review every account each quarter and remove what is no longer needed.

      The Security Lead owns this policy.

      """
    ),
  ]
}
