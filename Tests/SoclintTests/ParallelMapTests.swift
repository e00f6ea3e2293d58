import Foundation
import Synchronization
import Testing

@testable import SoclintModel

/// `ParallelMap` gives the input's order whatever the number of jobs, and calls the body once
/// for each item: its results are written in place, so an index taken twice or never would
/// show here.
@Suite struct ParallelMapTests {
  @Test(arguments: [0, 1, 2, 3, 7, 16, 100, 1_001, 10_007])
  func resultsInInputOrderEachOnce(count: Int) {
    let items = Array(0..<count)
    for jobs in [1, 2, 3, 8] {
      let calls = Mutex([Int](repeating: 0, count: count))
      let results = ParallelMap.map(items, jobs: jobs) { i -> String in
        calls.withLock { $0[i] += 1 }
        return "item \(i) of many, long enough to be allocated"
      }
      #expect(results == items.map { "item \($0) of many, long enough to be allocated" }, "jobs \(jobs)")
      #expect(calls.withLock { $0.allSatisfy { $0 == 1 } }, "jobs \(jobs)")
    }
  }

  /// Items mapped while they are still being fed come back sorted, each with its own result,
  /// each mapped once: fed in a shuffled order, across the feed's blocks, with pauses that let
  /// the workers run out of items and wait for more.
  @Test(arguments: [0, 1, 15, 16, 17, 1_023, 1_024, 1_025, 5_000])
  func fedItemsComeBackSortedEachOnce(count: Int) {
    var generator = SystemRandomNumberGenerator()
    let shuffled = Array(0..<count).shuffled(using: &generator)
    for jobs in [1, 2, 3, 8] {
      let calls = Mutex([Int](repeating: 0, count: count))
      let (items, results) = ParallelMap.map(
        jobs: jobs,
        feeding: { feed in
          for (n, i) in shuffled.enumerated() {
            if n % 700 == 0 { usleep(200) }
            feed(i)
          }
        }, sortedBy: { $0 < $1 },
        { i -> String in
          calls.withLock { $0[i] += 1 }
          return "item \(i) of many, long enough to be allocated"
        })
      #expect(items == Array(0..<count), "jobs \(jobs)")
      #expect(results == items.map { "item \($0) of many, long enough to be allocated" }, "jobs \(jobs)")
      #expect(calls.withLock { $0.allSatisfy { $0 == 1 } }, "jobs \(jobs)")
    }
  }

  /// The calling thread, out of items, waits for the ranges a worker is still mapping: here a
  /// worker takes the first items and maps each slowly, while the calling thread maps all the
  /// others at once. Returning without waiting would hand back results not yet written.
  @Test func rangesStillBeingMappedAreWaitedFor() {
    let caller = pthread_self()
    let (items, results) = ParallelMap.map(
      jobs: 2,
      feeding: { feed in
        for i in 0..<64 { feed(i) }
        usleep(20_000)
        for i in 64..<2_000 { feed(i) }
      }, sortedBy: { $0 < $1 },
      { i -> String in
        if pthread_equal(pthread_self(), caller) == 0 { usleep(2_000) }
        return "item \(i) of many, long enough to be allocated"
      })
    #expect(items == Array(0..<2_000))
    #expect(results == items.map { "item \($0) of many, long enough to be allocated" })
  }

  /// With the global queue's threads busy, the workers start late or not at all: the calling
  /// thread maps what is left itself and returns without waiting for them, and a worker that
  /// starts afterwards finds nothing to take (it must not touch the freed blocks).
  @Test func aBusyQueueDelaysNothing() {
    let blockers = ProcessInfo.processInfo.activeProcessorCount * 2
    let release = DispatchSemaphore(value: 0)
    for _ in 0..<blockers {
      DispatchQueue.global().async { _ = release.wait(timeout: .now() + 10) }
    }
    let (items, results) = ParallelMap.map(
      jobs: 3, feeding: { feed in for i in (0..<2_000).reversed() { feed(i) } }, sortedBy: { $0 < $1 },
      { i -> Int in i * 2 })
    for _ in 0..<blockers { release.signal() }
    #expect(items == Array(0..<2_000))
    #expect(results == items.map { $0 * 2 })
    // The late workers get their turn while this test still runs.
    usleep(50_000)
  }

  /// A detached body runs once, on a thread of its own, and may outlive the call that started it.
  @Test func aDetachedBodyRunsOnceOnItsOwnThread() {
    let caller = pthread_self()
    let done = DispatchSemaphore(value: 0)
    let runs = Mutex<[Bool]>([])
    for _ in 0..<4 {
      ThreadStart.detached {
        runs.withLock { $0.append(pthread_equal(pthread_self(), caller) == 0) }
        done.signal()
      }
    }
    for _ in 0..<4 { #expect(done.wait(timeout: .now() + 10) == .success) }
    #expect(runs.withLock { $0 } == [true, true, true, true])
  }
}
