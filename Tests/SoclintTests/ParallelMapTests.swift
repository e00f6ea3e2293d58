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
}
