/// What an evidence `path` glob resolves to, found by the loader while it reads the files (the
/// rules never touch the disk). Nothing outside the project root is ever read:
/// absolute paths and `..` are refused before the disk is touched, and links are resolved and
/// checked before they are counted.
public enum EvidencePathStatus: Sendable, Equatable {
  /// The glob matches this many files inside the project, at least one.
  case matches(Int)
  /// The glob matches no file.
  case noMatch
  /// The path is refused, for the reason given ("it is absolute").
  case unsafe(String)

  /// What `pattern` matches under `root`, the absolute, resolved project root.
  package static func resolve(_ pattern: String, root: String) -> EvidencePathStatus {
    if pattern.hasPrefix("/") || pattern.hasPrefix("\\") || pattern.contains(":\\") {
      return .unsafe("it is absolute")
    }
    // The schema refuses these first; a NUL would cut the path short in C and make the walk
    // below endless, so the check is repeated where the disk is touched.
    if pattern.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      return .unsafe("it holds a control character")
    }
    let segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
    if segments.contains(where: { $0 == ".." }) { return .unsafe("it has a '..' segment") }
    let glob = Glob(pattern)
    let prefix = glob.literalPrefix.joined(separator: "/")
    let start = prefix.isEmpty ? root : root + "/" + prefix
    // The folder the walk starts from may itself be, or pass through, a link.
    if let resolved = FileSystem.realPath(start), !FileSystem.isInside(resolved, root: root) {
      return .unsafe("it leads outside the project root through a link")
    }
    var count = 0
    var escapes = false
    FileSystem.walk(root: root, from: [prefix]) { rel, type in
      switch type {
      case .directory:
        return true
      case .file:
        if glob.matches(rel) { count += 1 }
      case .link:
        guard glob.matches(rel), let target = FileSystem.realPath(FileSystem.join(root, rel)) else {
          return false
        }
        if !FileSystem.isInside(target, root: root) {
          escapes = true
        } else if FileSystem.type(atAbsolute: target) == .file {
          count += 1
        }
      default:
        break
      }
      return false
    }
    if escapes { return .unsafe("it matches a link that leads outside the project root") }
    return count > 0 ? .matches(count) : .noMatch
  }
}
