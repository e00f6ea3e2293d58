import Foundation

/// A `pattern` or `patternProperties` regex: ECMA-262 syntax, unanchored, compiled once.
///
/// The common subset (classes, groups, alternation, quantifiers, anchors) runs on `SimpleRegex`,
/// which needs no Foundation bridging per match. Anything else runs on ICU (NSRegularExpression)
/// after rewriting the few constructs where ICU and ECMA-262 disagree: `\d`, `\w`, `\s` and
/// their negations are ASCII (or, for `\s`, ECMA's whitespace) sets, `$` matches only at the
/// very end, `.` stops only at line terminators, `[` inside a class is literal, `[^]` is any
/// character and `[]` nothing.
final class SchemaPattern: @unchecked Sendable {
  let source: String
  /// How it runs; exactly one is set. Three optionals rather than an enum of three cases: such
  /// an enum keeps its case in the spare bits of the reference it holds, where the leak checker
  /// of the fuzzing build cannot follow it, and it reported the schemas of a global as leaked.
  ///
  /// `prefix`: `^` and then letters, digits, `-` and `_` only, so whether the text starts with
  /// them. `^x-` guards every key of soclint's own schemas, and a prefix test costs far less
  /// than running the automaton. `simple`: the common subset. `icu`: anything else.
  ///
  /// `matches` reads the prefix's bytes and `simple` without counting a reference
  /// (`uncountedSimple`; `simple` keeps it alive). A pattern is compiled once for the process
  /// and matched by both reading threads: counting a reference on it at every match is an
  /// atomic write to a line the other core then fetches back (`@unchecked Sendable`: all is
  /// set in `init` and only read afterwards).
  private let prefix: UnsafeMutableBufferPointer<UInt8>?
  private let simple: SimpleRegex?
  private let icu: SharedRegex?
  private let uncountedSimple: Unmanaged<SimpleRegex>?

  init?(_ source: String) {
    self.source = source
    if let literal = SchemaPattern.literalPrefix(source) {
      let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: literal.count)
      _ = bytes.initialize(from: literal)
      (prefix, simple, icu, uncountedSimple) = (bytes, nil, nil, nil)
      return
    }
    if let simple = SimpleRegex(source) {
      (prefix, self.simple, icu, uncountedSimple) = (nil, simple, nil, Unmanaged.passUnretained(simple))
      return
    }
    guard let translated = SchemaPattern.icuPattern(source),
      let regex = try? NSRegularExpression(pattern: translated)
    else { return nil }
    (prefix, simple, icu, uncountedSimple) = (nil, nil, SharedRegex(regex: regex), nil)
  }

  deinit {
    prefix?.deallocate()
  }

  /// Whether ICU runs this pattern (for tests).
  var usesICU: Bool { icu != nil }

  /// The pattern of `source`, compiled once for the whole process: soclint's schemas write the
  /// same dozen patterns some twenty times, and compiling one (its automaton above all) costs
  /// as much as checking a few controls. Patterns never change once compiled, so any schema
  /// may share one. Nil when the source does not compile, as `init` says.
  static func shared(_ source: String) -> SchemaPattern? {
    compiledLock.lock()
    let known = compiled[source]
    compiledLock.unlock()
    if let known { return known }
    // Compiled outside the lock, so that threads compiling two schemas do not wait on each
    // other; if two compile the same pattern at once, the first kept is used by both.
    guard let pattern = SchemaPattern(source) else { return nil }
    compiledLock.lock()
    defer { compiledLock.unlock() }
    if let first = compiled[source] { return first }
    compiled[source] = pattern
    return pattern
  }

  private static let compiledLock = NSLock()
  // Guarded by `compiledLock`.
  nonisolated(unsafe) private static var compiled: [String: SchemaPattern] = [:]

  /// The bytes after `^` when the pattern is `^` and then nothing but letters, digits, `-` and
  /// `_` (characters that mean themselves in ECMA-262, unescaped); nil for any other pattern.
  static func literalPrefix(_ source: String) -> [UInt8]? {
    let bytes = Array(source.utf8)
    guard bytes.count > 1, bytes[0] == UInt8(ascii: "^") else { return nil }
    let rest = bytes.dropFirst()
    let literal = rest.allSatisfy { c in
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95
    }
    return literal ? Array(rest) : nil
  }

  func matches(_ string: String) -> Bool {
    guard prefix != nil || uncountedSimple != nil else { return SchemaPattern.icuMatches(icu!.regex, string) }
    var string = string
    return string.withUTF8 { matches(utf8: $0) }
  }

  /// `matches` of the text whose UTF-8 bytes are `bytes` (valid UTF-8), without making a string
  /// of it unless the pattern needs ICU.
  func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if let prefix {
      return prefix.isEmpty
        || (bytes.count >= prefix.count && memcmp(bytes.baseAddress!, prefix.baseAddress!, prefix.count) == 0)
    }
    if let uncountedSimple { return uncountedSimple._withUnsafeGuaranteedRef { $0.matches(utf8: bytes) } }
    return SchemaPattern.icuMatches(icu!.regex, String(decoding: bytes, as: UTF8.self))
  }

  static func icuMatches(_ regex: NSRegularExpression, _ string: String) -> Bool {
    regex.firstMatch(in: string, options: [], range: NSRange(location: 0, length: string.utf16.count)) != nil
  }

  private static let digit = "0-9"
  private static let word = "a-zA-Z0-9_"
  private static let space =
    "\\t\\n\\x{0B}\\f\\r\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
    + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"

  /// The ICU spelling of an ECMA-262 pattern, or nil if it is malformed in a way the rewrite
  /// notices (a trailing backslash, an unclosed class).
  static func icuPattern(_ source: String) -> String? {
    var result = ""
    var inClass = false
    var scalars = Array(source.unicodeScalars)
    scalars.append("\0")  // a sentinel, so that lookahead needs no bounds checks
    var i = 0
    while i < scalars.count - 1 {
      let c = scalars[i]
      switch c {
      case "\\":
        i += 1
        guard i < scalars.count - 1 else { return nil }
        let e = scalars[i]
        let set: (String, negated: Bool)?
        switch e {
        case "d": set = (digit, false)
        case "D": set = (digit, true)
        case "w": set = (word, false)
        case "W": set = (word, true)
        case "s": set = (space, false)
        case "S": set = (space, true)
        default: set = nil
        }
        if let set {
          // Inside a class, ICU takes a nested set as a union.
          if inClass && !set.negated {
            result += set.0
          } else {
            result += set.negated ? "[^\(set.0)]" : "[\(set.0)]"
          }
        } else if e == "u" && scalars[i + 1] == "{" {
          result += "\\x"
        } else {
          result += "\\"
          result.unicodeScalars.append(e)
        }
      case "[" where inClass:
        result += "\\["
      case "&" where inClass:
        result += "\\&"
      case "[":
        if scalars[i + 1] == "^" && scalars[i + 2] == "]" {
          result += "[\\s\\S]"
          i += 2
        } else if scalars[i + 1] == "]" {
          result += "(?!)"
          i += 1
        } else {
          inClass = true
          result += "["
          if scalars[i + 1] == "^" {
            result += "^"
            i += 1
          }
          // A "]" first in an ECMA class closes it, as in ICU: nothing to do.
        }
      case "]" where inClass:
        inClass = false
        result += "]"
      case "$" where !inClass:
        result += "\\z"
      case "." where !inClass:
        // ICU's "." also stops at U+000B, U+000C and U+0085; ECMA-262's only at line terminators.
        result += "[^\\n\\r\\x{2028}\\x{2029}]"
      default:
        result.unicodeScalars.append(c)
      }
      i += 1
    }
    return inClass ? nil : result
  }
}

/// NSRegularExpression is immutable once made and documented as safe to use from many threads.
private final class SharedRegex: @unchecked Sendable {
  let regex: NSRegularExpression
  init(regex: NSRegularExpression) { self.regex = regex }
}
