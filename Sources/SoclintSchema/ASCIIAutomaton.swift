/// A deterministic automaton for one `SimpleRegex` program over ASCII input, built once by
/// subset construction.
///
/// The NFA simulation recomputes its thread lists at every scalar: about 40 instructions a
/// byte for `^[^\u0000-\u001F\u007F]*$`, which every title and description of every control
/// is checked against. Here a byte costs one table lookup. The automaton answers only for
/// ASCII input; the first byte of 0x80 or above sends the whole input back to the NFA, which
/// keeps the full Unicode semantics in one place.
///
/// A state is the set of NFA instructions waiting for the next byte (the kernel), and whether
/// it is the start, where `^` holds. Bytes that every set of the program treats alike share one
/// column of the table, so building costs states x classes closures, not states x 128.
struct ASCIIAutomaton: Sendable {
  /// `next[state * classCount + byteClass[byte]]`.
  private let next: [UInt16]
  private let byteClass: [UInt8]
  private let classCount: Int
  /// The state's closure reaches `match` before the end: the input matches, whatever follows.
  private let acceptsNow: [Bool]
  /// The state's closure reaches `match` at the end of the input (`$` holds there).
  private let acceptsAtEnd: [Bool]
  /// No thread is left: no later byte can lead to a match.
  private let dead: [Bool]

  /// More states than this and the automaton is not built: subset construction can grow
  /// exponentially, and the NFA is linear anyway.
  static let maxStates = 256

  /// The automaton of `program`, or nil when it would have more than `maxStates` states.
  init?(program: [SimpleRegex.Instruction], sets: [ScalarSet], anchoredAtStart: Bool) {
    let (byteClass, representatives) = ASCIIAutomaton.byteClasses(sets)
    // Each set's classes as a bitmap: at most 128 classes, one bit each.
    let members = sets.map { set in
      representatives.enumerated().reduce(into: ClassBits()) { bits, item in
        if set.contains(UInt32(item.element)) { bits.insert(item.offset) }
      }
    }
    var builder = Builder(program: program)
    var next: [UInt16] = []
    var acceptsNow: [Bool] = []
    var acceptsAtEnd: [Bool] = []
    var dead: [Bool] = []
    // States are numbered as they are found; the start is 0.
    _ = builder.state(Kernel(isStart: true, pcs: [0]))
    // Where a byte that no waiting instruction takes leads: only a restart, if any.
    let nowhere = UInt16(builder.state(Kernel(isStart: false, pcs: anchoredAtStart ? [] : [0])))
    var state = 0
    while state < builder.kernels.count {
      guard builder.kernels.count <= ASCIIAutomaton.maxStates else { return nil }
      let kernel = builder.kernels[state]
      let waiting = builder.closure(kernel, atEnd: false)
      acceptsNow.append(waiting.match)
      acceptsAtEnd.append(builder.closure(kernel, atEnd: true).match)
      dead.append(kernel.pcs.isEmpty)
      let taking = waiting.pcs.map { pc -> (pc: Int, classes: ClassBits) in
        guard case .scalar(let set) = program[pc] else { return (pc, ClassBits()) }
        return (pc, members[set])
      }
      let taken = taking.reduce(into: ClassBits()) { $0.formUnion($1.classes) }
      for byteClass in representatives.indices {
        guard taken.contains(byteClass) else {
          next.append(nowhere)
          continue
        }
        var target = anchoredAtStart ? [] : [0]
        for item in taking where item.classes.contains(byteClass) { target.append(item.pc + 1) }
        target.sort()
        next.append(UInt16(builder.state(Kernel(isStart: false, pcs: target))))
      }
      state += 1
    }
    guard builder.kernels.count <= ASCIIAutomaton.maxStates else { return nil }
    self.next = next
    self.byteClass = byteClass
    self.classCount = representatives.count
    self.acceptsNow = acceptsNow
    self.acceptsAtEnd = acceptsAtEnd
    self.dead = dead
  }

  /// How many states it has (for tests).
  var stateCount: Int { dead.count }

  /// Whether the program matches somewhere in `input`; nil when the input holds a byte beyond
  /// ASCII before the answer is known.
  func matches(_ input: UnsafeBufferPointer<UInt8>) -> Bool? {
    var state = 0
    for byte in input {
      if acceptsNow[state] { return true }
      guard byte < 0x80 else { return nil }
      state = Int(next[state &* classCount &+ Int(byteClass[Int(byte)])])
      if dead[state] { return false }
    }
    return acceptsAtEnd[state]
  }

  /// Each ASCII byte's class, and one byte of each class: two bytes are in one class when every
  /// set of the program contains both or neither. Found by splitting the classes set by set.
  static func byteClasses(_ sets: [ScalarSet]) -> (byteClass: [UInt8], representatives: [UInt8]) {
    var byteClass = [Int](repeating: 0, count: 0x80)
    var count = 1
    var split = [Int](repeating: -1, count: 0x100)
    for set in sets {
      // A class whose bytes the set divides gets a new number for its members.
      for i in 0..<count { split[i] = -1 }
      for byte in 0..<0x80 where set.contains(UInt32(byte)) {
        let old = byteClass[byte]
        if split[old] < 0 {
          split[old] = count
          count += 1
        }
        byteClass[byte] = split[old]
      }
      // Renumber densely in order of first appearance, so that no number goes unused.
      var renumbered = [Int](repeating: -1, count: count)
      var next = 0
      for byte in 0..<0x80 where renumbered[byteClass[byte]] < 0 {
        renumbered[byteClass[byte]] = next
        next += 1
      }
      for byte in 0..<0x80 { byteClass[byte] = renumbered[byteClass[byte]] }
      count = next
    }
    var representatives = [UInt8](repeating: 0, count: count)
    for byte in (0..<0x80).reversed() { representatives[byteClass[byte]] = UInt8(byte) }
    return (byteClass.map { UInt8($0) }, representatives)
  }

  struct Kernel: Hashable {
    let isStart: Bool
    /// Sorted, without repeats.
    let pcs: [Int]
  }

  /// A set of byte classes.
  struct ClassBits {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    func contains(_ c: Int) -> Bool {
      c < 64 ? low & (1 << UInt64(c)) != 0 : high & (1 << UInt64(c - 64)) != 0
    }

    mutating func insert(_ c: Int) {
      if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
    }

    mutating func formUnion(_ other: ClassBits) {
      low |= other.low
      high |= other.high
    }
  }

  /// The NFA's moves without input, and the states found so far.
  private struct Builder {
    let program: [SimpleRegex.Instruction]
    var kernels: [Kernel] = []
    var numbers: [Kernel: Int] = [:]
    /// The closure in progress marks what it has seen with its own number, so that no closure
    /// allocates or clears a list of its own.
    private var seen: [Int]
    private var closures = 0
    private var stack: [Int] = []

    init(program: [SimpleRegex.Instruction]) {
      self.program = program
      seen = [Int](repeating: 0, count: program.count)
    }

    mutating func state(_ kernel: Kernel) -> Int {
      if let known = numbers[kernel] { return known }
      numbers[kernel] = kernels.count
      kernels.append(kernel)
      return kernels.count - 1
    }

    /// The instructions reachable from the kernel without input: those waiting for a scalar,
    /// and whether `match` is among them.
    mutating func closure(_ kernel: Kernel, atEnd: Bool) -> (pcs: [Int], match: Bool) {
      closures += 1
      stack.removeAll(keepingCapacity: true)
      stack.append(contentsOf: kernel.pcs)
      var waiting: [Int] = []
      var match = false
      while let pc = stack.popLast() {
        if seen[pc] == closures { continue }
        seen[pc] = closures
        switch program[pc] {
        case .match: match = true
        case .scalar: waiting.append(pc)
        case .jump(let target): stack.append(target)
        case .split(let first, let second):
          stack.append(second)
          stack.append(first)
        case .atStart: if kernel.isStart { stack.append(pc + 1) }
        case .atEnd: if atEnd { stack.append(pc + 1) }
        }
      }
      return (waiting, match)
    }
  }
}
