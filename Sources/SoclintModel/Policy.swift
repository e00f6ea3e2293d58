import SoclintDiagnostics
import SoclintYAML

/// Where a policy stands: only approved policies are reviewed, orphaned or compared with git.
public enum PolicyStatus: String, Sendable {
  /// `approved`: in force (the default); `draft`: being written; `retired`: no longer in force.
  case approved, draft, retired
}

/// A reference type, as `Control` is: rules and the coverage report pass policies around.
public final class Policy: Sendable {
  /// The file that holds it.
  public let file: SourceFile
  /// The 0-based position of its document in the file.
  public let documentIndex: Int
  /// The document's root mapping.
  public let node: Node
  /// The policy id, such as POL-ACCESS, meant to be unique among controls and policies.
  public let id: Located<String>
  /// The policy's name.
  public let title: Located<String>
  /// The owner id of who writes and maintains it.
  public let owner: Located<String>
  /// The owner id of who approved the text in force; nil for a draft that names none.
  public let approver: Located<String>?
  /// The path of the policy text, relative to the project root.
  public let document: Located<String>
  /// What `document` is on disk, resolved while the files are read; nil for a retired policy
  /// (checked for structure only).
  public let documentStatus: DocumentPathStatus?
  /// Where it stands; approved unless written otherwise.
  public let status: PolicyStatus
  /// The status value as written, for a note pointing at it.
  public let statusNode: Node?
  /// The version of its text, when given.
  public let version: String?
  /// The day its text was approved; nil for a draft that names none.
  public let approvedOn: Located<Day>?
  /// How often it must be reviewed, when it says; else the configuration's interval applies.
  public let reviewInterval: Located<Duration>?

  /// A policy from its parts.
  public init(
    file: SourceFile, documentIndex: Int, node: Node, id: Located<String>, title: Located<String>,
    owner: Located<String>, approver: Located<String>?, document: Located<String>,
    documentStatus: DocumentPathStatus?, status: PolicyStatus, statusNode: Node?, version: String?,
    approvedOn: Located<Day>?, reviewInterval: Located<Duration>?
  ) {
    self.file = file
    self.documentIndex = documentIndex
    self.node = node
    self.id = id
    self.title = title
    self.owner = owner
    self.approver = approver
    self.document = document
    self.documentStatus = documentStatus
    self.status = status
    self.statusNode = statusNode
    self.version = version
    self.approvedOn = approvedOn
    self.reviewInterval = reviewInterval
  }

  /// Whether the policy is in force, and so reviewed and compared with git.
  public var isApproved: Bool { status == .approved }
}

/// What a policy's `document` path is on disk. Like an evidence path it is refused before the
/// disk is touched when absolute or with `..`, and a link is followed only inside the project;
/// unlike one it is a plain path, not a glob (`[draft].md` names that file).
public enum DocumentPathStatus: Sendable, Equatable {
  /// A regular file inside the project (possibly through a link that stays inside).
  case file
  /// Nothing at that path.
  case missing
  /// Something that is not a regular file, such as a folder.
  case notAFile
  /// The path is refused, for the reason given ("it is absolute").
  case unsafe(String)

  /// What `path` names under `root`, the absolute, resolved project root.
  package static func resolve(_ path: String, root: String) -> DocumentPathStatus {
    if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains(":\\") {
      return .unsafe("it is absolute")
    }
    if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      return .unsafe("it holds a control character")
    }
    if path.split(separator: "/").contains(where: { $0 == ".." }) { return .unsafe("it has a '..' segment") }
    let absolute = root + "/" + path
    // Every folder on the way may be a link; resolving the whole path checks them all.
    guard let real = FileSystem.realPath(absolute) else {
      let parent = String(absolute[..<(absolute.lastIndex(of: "/") ?? absolute.endIndex)])
      if let realParent = FileSystem.realPath(parent), !FileSystem.isInside(realParent, root: root) {
        return .unsafe("it leads outside the project root through a link")
      }
      return .missing
    }
    guard FileSystem.isInside(real, root: root) else {
      return .unsafe("it leads outside the project root through a link")
    }
    return FileSystem.type(atAbsolute: real) == .file ? .file : .notAFile
  }
}
