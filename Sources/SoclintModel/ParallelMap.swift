import Dispatch
import Foundation

/// Maps over an array on up to `jobs` threads. Workers take the next chunk of indices from a
/// shared counter as they finish the last, so one slow file does not hold back a fixed share of
/// the others; the result's order is the input's, so output does not depend on `--jobs`.
package enum ParallelMap {
  package static func map<T: Sendable, R: Sendable>(
    _ items: [T], jobs: Int, _ body: @Sendable (T) -> R
  ) -> [R] {
    let workers = max(1, min(jobs, items.count))
    if workers == 1 { return items.map(body) }
    let next = ChunkCounter(total: items.count, workers: workers)
    // Each result is written once, in place, into the array's own storage: no optional slot to
    // fill and then copy out (a retain and a release of every field of every result).
    return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
      let slots = SharedSlots(buffer)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let range = next.take() {
          for i in range { (slots.buffer.baseAddress! + i).initialize(to: body(items[i])) }
        }
      }
      initialized = items.count
    }
  }
}

/// Hands out consecutive ranges of indices, each once. A range is an eighth of what is left
/// divided among the workers (guided scheduling): large while much is left, so the lock is
/// rarely taken, and small at the end, so the workers finish together instead of one waiting
/// for the other's last large chunk.
private final class ChunkCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var start = 0
  private let total: Int
  private let divisor: Int

  init(total: Int, workers: Int) {
    self.total = total
    self.divisor = workers * 8
  }

  func take() -> Range<Int>? {
    lock.lock()
    defer { lock.unlock() }
    guard start < total else { return nil }
    let chunk = max(1, (total - start) / divisor)
    let range = start..<min(total, start + chunk)
    start = range.upperBound
    return range
  }
}

/// The result buffer, written from several threads: each index by exactly one worker, and read
/// only after all of them have finished.
private struct SharedSlots<R>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<R>
  init(_ buffer: UnsafeMutableBufferPointer<R>) { self.buffer = buffer }
}
