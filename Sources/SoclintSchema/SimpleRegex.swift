/// A matcher for the common subset of ECMA-262 regexes, without Foundation: literals, `.`,
/// classes, `\d \w \s` and their negations, groups, alternation, greedy and lazy quantifiers,
/// and the `^`/`$` anchors (start and end of the input, no multiline flag).
///
/// Only whether a pattern matches somewhere is asked, so it runs as a Thompson NFA: linear in
/// the input, no backtracking blow-up, and no allocation for short patterns. Patterns outside
/// the subset (lookaround, backreferences, `\b`, `\p{...}`...) give nil at init and are left to
/// ICU.
final class SimpleRegex: Sendable {
  enum Instruction: Sendable {
    /// Consume one scalar of the set at this index in `sets`.
    case scalar(Int)
    case split(Int, Int)
    case jump(Int)
    case atStart
    case atEnd
    case match
  }

  let program: [Instruction]
  let sets: [ScalarSet]
  /// The sets' ASCII members as bitmaps (low and high 64 code points): plain data, so the
  /// matching loop touches no reference counts for ASCII input.
  private let asciiSets: [(UInt64, UInt64)]
  /// The program starts with `^`: no need to try later start positions.
  let anchoredAtStart: Bool
  /// The same program as a DFA over ASCII input, when it has few enough states.
  private let automaton: ASCIIAutomaton?

  static let maxProgramSize = 2000

  init?(_ pattern: String) {
    var parser = SimpleRegexParser(pattern)
    guard let tree = parser.parse() else { return nil }
    var emitter = Emitter()
    emitter.emit(tree)
    emitter.program.append(.match)
    guard emitter.program.count <= SimpleRegex.maxProgramSize else { return nil }
    program = emitter.program
    sets = emitter.sets
    asciiSets = emitter.sets.map { set in
      var bits: (UInt64, UInt64) = (0, 0)
      for c in UInt32(0)..<128 where set.contains(c) {
        if c < 64 { bits.0 |= 1 << UInt64(c) } else { bits.1 |= 1 << UInt64(c - 64) }
      }
      return bits
    }
    if case .atStart = program[0] { anchoredAtStart = true } else { anchoredAtStart = false }
    automaton = ASCIIAutomaton(program: program, sets: sets, anchoredAtStart: anchoredAtStart)
  }

  /// Whether the DFA was built (for tests).
  var hasAutomaton: Bool { automaton != nil }
  /// The DFA's number of states, 0 without one (for tests).
  var automatonStates: Int { automaton?.stateCount ?? 0 }

  func matches(_ string: String) -> Bool {
    if let result = string.utf8.withContiguousStorageIfAvailable({ matches(utf8: $0) }) {
      return result
    }
    return Array(string.utf8).withUnsafeBufferPointer { matches(utf8: $0) }
  }

  /// Runs the DFA over valid UTF-8, or the NFA when the DFA was not built or the input is
  /// not ASCII.
  func matches(utf8 input: UnsafeBufferPointer<UInt8>) -> Bool {
    if let answer = automaton?.matches(input) { return answer }
    return simulate(utf8: input)
  }

  /// Runs the NFA over valid UTF-8, scalar by scalar.
  func simulate(utf8 input: UnsafeBufferPointer<UInt8>) -> Bool {
    program.withUnsafeBufferPointer { program in
      asciiSets.withUnsafeBufferPointer { ascii in
        run(input, program, ascii)
      }
    }
  }

  private func run(
    _ input: UnsafeBufferPointer<UInt8>, _ program: UnsafeBufferPointer<Instruction>,
    _ ascii: UnsafeBufferPointer<(UInt64, UInt64)>
  ) -> Bool {
    let count = program.count
    // Two thread lists (dense + sparse index each) and a stack for following epsilon moves:
    // every instruction entering a list pushes at most two more, so 2 * count is enough.
    return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * 6) { memory in
      memory.initialize(repeating: -1)
      let base = memory.baseAddress!
      var current = ThreadList(dense: base, sparse: base + count)
      var next = ThreadList(dense: base + 2 * count, sparse: base + 3 * count)
      let stack = base + 4 * count
      let end = input.count

      if addThread(0, program, to: &current, at: 0, end: end, stack: stack) { return true }
      var position = 0
      while position < end {
        if current.count == 0 && anchoredAtStart { return false }
        let (scalar, length) = SimpleRegex.decode(input, at: position)
        position += length
        next.count = 0
        for k in 0..<current.count {
          let pc = Int(current.dense[k])
          guard case .scalar(let set) = program[pc] else { continue }
          let member: Bool
          if scalar < 64 {
            member = ascii[set].0 & (1 << UInt64(scalar)) != 0
          } else if scalar < 128 {
            member = ascii[set].1 & (1 << UInt64(scalar - 64)) != 0
          } else {
            member = sets[set].contains(scalar)
          }
          if member && addThread(pc + 1, program, to: &next, at: position, end: end, stack: stack) {
            return true
          }
        }
        if !anchoredAtStart {
          if addThread(0, program, to: &next, at: position, end: end, stack: stack) { return true }
        }
        swap(&current, &next)
      }
      return false
    }
  }

  private struct ThreadList {
    let dense: UnsafeMutablePointer<Int32>
    let sparse: UnsafeMutablePointer<Int32>
    var count = 0

    func contains(_ pc: Int) -> Bool {
      let i = Int(sparse[pc])
      return i >= 0 && i < count && Int(dense[i]) == pc
    }

    mutating func insert(_ pc: Int) {
      sparse[pc] = Int32(count)
      dense[count] = Int32(pc)
      count += 1
    }
  }

  /// Adds `pc` and everything reachable from it without consuming input; true if that reaches
  /// `match`.
  private func addThread(
    _ start: Int, _ program: UnsafeBufferPointer<Instruction>, to list: inout ThreadList,
    at position: Int, end: Int, stack: UnsafeMutablePointer<Int32>
  ) -> Bool {
    var top = 0
    stack[top] = Int32(start)
    top += 1
    while top > 0 {
      top -= 1
      let pc = Int(stack[top])
      if list.contains(pc) { continue }
      list.insert(pc)
      switch program[pc] {
      case .match: return true
      case .scalar: break
      case .jump(let target): push(target, &top, stack, list)
      case .split(let first, let second):
        push(second, &top, stack, list)
        push(first, &top, stack, list)
      case .atStart: if position == 0 { push(pc + 1, &top, stack, list) }
      case .atEnd: if position == end { push(pc + 1, &top, stack, list) }
      }
    }
    return false
  }

  @inline(__always)
  private func push(
    _ pc: Int, _ top: inout Int, _ stack: UnsafeMutablePointer<Int32>, _ list: ThreadList
  ) {
    if list.contains(pc) { return }
    stack[top] = Int32(pc)
    top += 1
  }

  @inline(__always)
  private static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let c = UInt32(b[i])
    if c < 0x80 { return (c, 1) }
    if c < 0xE0 { return ((c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
    if c < 0xF0 {
      return ((c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
    }
    return (
      (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
        | UInt32(b[i + 3] & 0x3F), 4
    )
  }

  /// Turns the parsed tree into NFA instructions.
  private struct Emitter {
    var program: [Instruction] = []
    var sets: [ScalarSet] = []

    mutating func emit(_ node: SimpleRegexParser.Node) {
      // Stop growing once too big; init refuses the result.
      guard program.count <= SimpleRegex.maxProgramSize else { return }
      switch node {
      case .set(let set):
        sets.append(set)
        program.append(.scalar(sets.count - 1))
      case .atStart: program.append(.atStart)
      case .atEnd: program.append(.atEnd)
      case .sequence(let items):
        for item in items { emit(item) }
      case .alternation(let branches):
        var jumps: [Int] = []
        for branch in branches.dropLast() {
          let split = program.count
          program.append(.split(split + 1, -1))
          emit(branch)
          jumps.append(program.count)
          program.append(.jump(-1))
          program[split] = .split(split + 1, program.count)
        }
        emit(branches.last!)
        for jump in jumps { program[jump] = .jump(program.count) }
      case .repetition(let item, let min, let max):
        for _ in 0..<min { emit(item) }
        if let max {
          var exits: [Int] = []
          for _ in min..<max {
            exits.append(program.count)
            program.append(.split(program.count + 1, -1))
            emit(item)
            guard program.count <= SimpleRegex.maxProgramSize else { return }
          }
          for exit in exits { program[exit] = .split(exit + 1, program.count) }
        } else {
          let loop = program.count
          program.append(.split(loop + 1, -1))
          emit(item)
          program.append(.jump(loop))
          program[loop] = .split(loop + 1, program.count)
        }
      }
    }
  }
}
