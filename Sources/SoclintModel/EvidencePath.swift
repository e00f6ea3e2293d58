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
    var stack: [String] = [prefix]
    // Every folder is walked once, by its resolved path, whatever names lead to it.
    var walked = Set<String>()
    while let rel = stack.popLast() {
      let absolute = rel.isEmpty ? root : root + "/" + rel
      guard let real = FileSystem.realPath(absolute), walked.insert(real).inserted else { continue }
      for name in FileSystem.children(ofAbsolute: absolute) where name != ".git" {
        let childRel = rel.isEmpty ? name : rel + "/" + name
        let childAbsolute = root + "/" + childRel
        switch FileSystem.type(atAbsolute: childAbsolute) {
        case .directory:
          stack.append(childRel)
        case .file:
          if glob.matches(childRel) { count += 1 }
        case .link:
          guard glob.matches(childRel) else { continue }
          guard let target = FileSystem.realPath(childAbsolute) else { continue }
          if !FileSystem.isInside(target, root: root) {
            escapes = true
          } else if FileSystem.type(atAbsolute: target) == .file {
            count += 1
          }
        default:
          continue
        }
      }
    }
    if escapes { return .unsafe("it matches a link that leads outside the project root") }
    return count > 0 ? .matches(count) : .noMatch
  }
}
