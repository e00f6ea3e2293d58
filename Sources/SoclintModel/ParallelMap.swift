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
    self.divisor = ChunkCounter.divisor(workers: workers)
  }

  /// What guided scheduling divides what is left by: an eighth of it for each worker.
  static func divisor(workers: Int) -> Int { workers * 8 }

  /// The next chunk's size when `left` items are left.
  static func chunk(left: Int, divisor: Int) -> Int { max(1, left / divisor) }

  func take() -> Range<Int>? {
    lock.lock()
    defer { lock.unlock() }
    guard start < total else { return nil }
    let chunk = ChunkCounter.chunk(left: total - start, divisor: divisor)
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

extension ParallelMap {
  /// Maps items while they are still being found, so the mapping does not wait for the finding.
  /// `produce` runs on the calling thread and hands each item to `feed`; `jobs` - 1 workers map
  /// the items fed meanwhile, and the calling thread joins them once `produce` returns. The items
  /// and their results come back sorted by `areInIncreasingOrder`, whatever order they were found
  /// and mapped in, so output does not depend on `--jobs` or on the order a folder lists files.
  ///
  /// Discovery walks the project's folders on one thread: 5 ms of a run over 10,000 files, in
  /// which the reading waited and the other core had nothing to do.
  ///
  /// The other workers are tasks on the global queue, started before `produce` so that their
  /// threads are ready when the first items come. The calling thread never waits for a worker
  /// to start, only for the ranges workers have taken: when the queue's threads are all busy (in
  /// an editor's session, say), a worker can start a second or more late, and by then the
  /// calling thread has mapped everything and returned; the late worker finds nothing to take.
  /// So `body` must be escaping, and a worker holds the feed, not the caller's memory.
  package static func map<T: Sendable, R: Sendable>(
    jobs: Int, feeding produce: (_ feed: (T) -> Void) -> Void,
    sortedBy areInIncreasingOrder: (T, T) -> Bool, _ body: @escaping @Sendable (T) -> R
  ) -> (items: [T], results: [R]) {
    let feed = Feed<T, R>(workers: max(1, jobs))
    for _ in 1..<max(1, jobs) {
      DispatchQueue.global().async { feed.work(body) }
    }
    produce { feed.append($0) }
    feed.close()
    feed.work(body)
    feed.waitForTakenRanges()
    return feed.sorted(by: areInIncreasingOrder)
  }
}

/// The items of `ParallelMap.map(jobs:feeding:sortedBy:_:)` and their results, in blocks that
/// never move: a worker reads an item and writes its result through a pointer while the
/// producer adds more. Every field but `pending` is guarded by `condition`; `pending` is the
/// producer's alone.
private final class Feed<T, R>: @unchecked Sendable {
  private static var blockSize: Int { 1024 }
  /// Items are published to the workers this many at a time: a lock for each of ten thousand
  /// paths would be taken mostly for nothing.
  private static var batchSize: Int { 16 }

  private let condition = NSCondition()
  private var itemBlocks: [UnsafeMutablePointer<T>] = []
  private var resultBlocks: [UnsafeMutablePointer<R>] = []
  private var published = 0
  private var handedOut = 0
  private var closed = false
  /// Ranges taken and not yet mapped.
  private var inFlight = 0
  private let divisor: Int
  private var pending: [T] = []

  init(workers: Int) {
    divisor = ChunkCounter.divisor(workers: workers)
  }

  /// Adds an item; called by the producer only.
  func append(_ item: T) {
    pending.append(item)
    if pending.count >= Feed.batchSize { publish() }
  }

  /// Publishes the last items; no more come.
  func close() {
    publish()
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  private func publish() {
    guard !pending.isEmpty else { return }
    condition.lock()
    for item in pending {
      if published % Feed.blockSize == 0 {
        itemBlocks.append(.allocate(capacity: Feed.blockSize))
        resultBlocks.append(.allocate(capacity: Feed.blockSize))
      }
      (itemBlocks[published / Feed.blockSize] + published % Feed.blockSize).initialize(to: item)
      published += 1
    }
    condition.broadcast()
    condition.unlock()
    pending.removeAll(keepingCapacity: true)
  }

  /// Maps items until every item is handed out and no more will come.
  func work(_ body: (T) -> R) {
    while let (range, items, results) = take() {
      for i in range { (results + i).initialize(to: body(items[i])) }
      condition.lock()
      inFlight -= 1
      if inFlight == 0 { condition.broadcast() }
      condition.unlock()
    }
  }

  /// Waits until every range taken is mapped; called after `work` returned, when nothing is
  /// left to take.
  func waitForTakenRanges() {
    condition.lock()
    while inFlight > 0 { condition.wait() }
    condition.unlock()
  }

  /// The next range of one block to map, with the block's items and results; nil when there
  /// is nothing left and no more will come. While items are still coming, a worker takes what
  /// there is; once they are all known, an eighth of what is left divided among the workers
  /// (see `ChunkCounter`).
  private func take() -> (Range<Int>, UnsafeMutablePointer<T>, UnsafeMutablePointer<R>)? {
    condition.lock()
    defer { condition.unlock() }
    while handedOut == published && !closed { condition.wait() }
    guard handedOut < published else { return nil }
    let available = published - handedOut
    let chunk = closed ? ChunkCounter.chunk(left: available, divisor: divisor) : available
    let block = handedOut / Feed.blockSize
    let offset = handedOut % Feed.blockSize
    let count = min(chunk, Feed.blockSize - offset)
    handedOut += count
    inFlight += 1
    return (offset..<offset + count, itemBlocks[block], resultBlocks[block])
  }

  /// Every item and its result, sorted; the blocks are freed. Called when every item is mapped:
  /// a worker that starts later takes nothing and reads no block.
  func sorted(by areInIncreasingOrder: (T, T) -> Bool) -> (items: [T], results: [R]) {
    condition.lock()
    defer { condition.unlock() }
    let n = published
    let size = Feed.blockSize
    let order = (0..<n).sorted {
      areInIncreasingOrder(itemBlocks[$0 / size][$0 % size], itemBlocks[$1 / size][$1 % size])
    }
    // Moved, not copied: a copy of each result would count every one of its references in and
    // out, on one thread.
    let items = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      for (k, i) in order.enumerated() {
        (buffer.baseAddress! + k).moveInitialize(from: itemBlocks[i / size] + i % size, count: 1)
      }
      initialized = n
    }
    let results = [R](unsafeUninitializedCapacity: n) { buffer, initialized in
      for (k, i) in order.enumerated() {
        (buffer.baseAddress! + k).moveInitialize(from: resultBlocks[i / size] + i % size, count: 1)
      }
      initialized = n
    }
    for block in itemBlocks { block.deallocate() }
    for block in resultBlocks { block.deallocate() }
    itemBlocks = []
    resultBlocks = []
    return (items, results)
  }
}
