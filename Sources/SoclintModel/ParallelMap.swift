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
    // Small chunks balance the load; not so small that the lock is taken for every item.
    let chunk = max(1, items.count / (workers * 16))
    let next = ChunkCounter(total: items.count, chunk: chunk)
    var results = [R?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
      let slots = SharedSlots(buffer)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let range = next.take() {
          for i in range { slots.buffer[i] = body(items[i]) }
        }
      }
    }
    return results.map { $0! }
  }
}

/// Hands out consecutive ranges of indices, each once.
private final class ChunkCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var start = 0
  private let total: Int
  private let chunk: Int

  init(total: Int, chunk: Int) {
    self.total = total
    self.chunk = chunk
  }

  func take() -> Range<Int>? {
    lock.lock()
    defer { lock.unlock() }
    guard start < total else { return nil }
    let range = start..<min(total, start + chunk)
    start = range.upperBound
    return range
  }
}

/// The result buffer, written from several threads: each index by exactly one worker, and read
/// only after all of them have finished.
private struct SharedSlots<R>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<R?>
  init(_ buffer: UnsafeMutableBufferPointer<R?>) { self.buffer = buffer }
}
