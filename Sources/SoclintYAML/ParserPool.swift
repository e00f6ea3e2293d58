internal import CYAML
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libyaml parsers kept between files, so that each file does not make and free a parser.
///
/// `yaml_parser_initialize` allocates seven blocks, among them a 16 KiB raw input buffer and a
/// 48 KiB decoded one, and `yaml_parser_delete` frees them: for a file of about a kilobyte,
/// the two large blocks went through jemalloc's arena (they are beyond its thread cache) every
/// time. A parser handed back is reset to what `yaml_parser_initialize` makes, keeping the
/// blocks it already has (see `reset`).
///
/// Every field reset is declared in libyaml's public header (`yaml.h`); the reset frees what
/// `yaml_parser_delete` would free beyond those blocks (tokens left in the queue, `%TAG`
/// directives), so a parser that stopped on an error is reset as well as one that finished.
final class ParserPool: Sendable {
  /// The pool every reading of the process shares.
  static let shared = ParserPool()

  /// A parser allocated once and kept for the life of the process.
  private struct Kept: @unchecked Sendable {
    let parser: UnsafeMutablePointer<yaml_parser_t>
  }

  /// More threads than this never read at once; a parser beyond them is freed when handed back.
  private static let capacity = 16

  /// A parser whose token queue and stacks grew past this many bytes (a deeply nested file) is
  /// freed when handed back rather than kept: a language server runs for days, and one such
  /// file must not hold its memory for the rest of them.
  static let keptGrowthLimit = 64 * 1024

  private let idle = Mutex<[Kept]>([])

  /// How many parsers wait to be taken.
  var idleCount: Int { idle.withLock { $0.count } }

  /// Runs `body` with a parser ready for `yaml_parser_set_input_string`, then resets it and
  /// keeps it for the next file; nil when libyaml cannot be initialised.
  func withParser<R>(_ body: (UnsafeMutablePointer<yaml_parser_t>) -> R) -> R? {
    let taken = idle.withLock { $0.popLast() } ?? ParserPool.make()
    guard let taken else { return nil }
    let result = body(taken.parser)
    ParserPool.reset(taken.parser)
    let kept = idle.withLock { list -> Bool in
      guard list.count < ParserPool.capacity,
        ParserPool.grownBytes(taken.parser) <= ParserPool.keptGrowthLimit
      else { return false }
      list.append(taken)
      return true
    }
    if !kept {
      yaml_parser_delete(taken.parser)
      taken.parser.deallocate()
    }
    return result
  }

  /// The bytes a parser's token queue and stacks hold (its two input buffers never grow).
  static func grownBytes(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> Int {
    func bytes<T>(_ start: UnsafeMutablePointer<T>?, _ end: UnsafeMutablePointer<T>?) -> Int {
      guard let start, let end else { return 0 }
      return (end - start) * MemoryLayout<T>.stride
    }
    let p = parser.pointee
    return bytes(p.tokens.start, p.tokens.end) + bytes(p.indents.start, p.indents.end)
      + bytes(p.simple_keys.start, p.simple_keys.end) + bytes(p.states.start, p.states.end)
      + bytes(p.marks.start, p.marks.end) + bytes(p.tag_directives.start, p.tag_directives.end)
  }

  private static func make() -> Kept? {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    parser.initialize(to: yaml_parser_t())
    guard yaml_parser_initialize(parser) == 1 else {
      parser.deallocate()
      return nil
    }
    return Kept(parser: parser)
  }

  /// Brings `parser` back to the state `yaml_parser_initialize` leaves it in, keeping its
  /// buffers, queue and stacks (as large as they grew) instead of freeing and allocating them.
  static func reset(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
    // What yaml_parser_delete frees inside the queue and stacks: tokens not yet taken (a parse
    // that stopped early) and the handles and prefixes of %TAG directives.
    var p = parser.pointee
    while p.tokens.head != p.tokens.tail {
      yaml_token_delete(p.tokens.head)
      p.tokens.head += 1
    }
    while p.tag_directives.top != p.tag_directives.start {
      p.tag_directives.top -= 1
      free(p.tag_directives.top.pointee.handle)
      free(p.tag_directives.top.pointee.prefix)
    }
    var fresh = yaml_parser_t()
    fresh.raw_buffer.start = p.raw_buffer.start
    fresh.raw_buffer.end = p.raw_buffer.end
    fresh.raw_buffer.pointer = p.raw_buffer.start
    fresh.raw_buffer.last = p.raw_buffer.start
    fresh.buffer.start = p.buffer.start
    fresh.buffer.end = p.buffer.end
    fresh.buffer.pointer = p.buffer.start
    fresh.buffer.last = p.buffer.start
    fresh.tokens.start = p.tokens.start
    fresh.tokens.end = p.tokens.end
    fresh.tokens.head = p.tokens.start
    fresh.tokens.tail = p.tokens.start
    fresh.indents.start = p.indents.start
    fresh.indents.end = p.indents.end
    fresh.indents.top = p.indents.start
    fresh.simple_keys.start = p.simple_keys.start
    fresh.simple_keys.end = p.simple_keys.end
    fresh.simple_keys.top = p.simple_keys.start
    fresh.states.start = p.states.start
    fresh.states.end = p.states.end
    fresh.states.top = p.states.start
    fresh.marks.start = p.marks.start
    fresh.marks.end = p.marks.end
    fresh.marks.top = p.marks.start
    fresh.tag_directives.start = p.tag_directives.start
    fresh.tag_directives.end = p.tag_directives.end
    fresh.tag_directives.top = p.tag_directives.start
    parser.pointee = fresh
  }
}
