import Foundation
import SoclintModel

/// Where output goes: standard output, or a file written atomically.
enum Output {
  static func write(_ text: String, to path: String?) throws {
    guard let path else {
      // From the text's own storage: the findings of a large project are hundreds of kilobytes,
      // and an array and then a `Data` of them were two copies into fresh pages, on the one
      // thread that runs after the rules.
      var text = text
      text.withUTF8 { utf8 in
        guard let base = utf8.baseAddress, utf8.count > 0 else { return }
        FileHandle.standardOutput.write(
          Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: utf8.count, deallocator: .none))
      }
      return
    }
    try write(bytes: Array(text.utf8), to: path)
  }

  static func write(bytes: [UInt8], to path: String?) throws {
    guard let path else {
      FileHandle.standardOutput.write(Data(bytes))
      return
    }
    do {
      try FileSystem.writeAtomically(bytes, to: path)
    } catch {
      throw Failure(error.description)
    }
  }

  /// Appends to a file another program also writes (a CI job summary); a failure is the
  /// user's to fix (status 2), not a bug.
  static func append(_ text: String, to path: String) throws {
    do {
      try FileSystem.append(Array(text.utf8), to: path)
    } catch {
      throw Failure(error.description)
    }
  }

  static func standard(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Whether colour is wanted, as CLI.md's `--color auto` defines it.
  static func useColor(_ choice: String, toTerminal: Bool) -> Bool {
    switch choice {
    case "always": return true
    case "never": return false
    default:
      let env = ProcessInfo.processInfo.environment
      return toTerminal && isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
    }
  }
}
