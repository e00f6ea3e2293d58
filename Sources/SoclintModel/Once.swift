import Foundation
import Synchronization

/// A value computed once, on the thread that first asks for it; threads that ask meanwhile wait
/// for it.
package final class Once<Value: Sendable>: @unchecked Sendable {
  // @unchecked: `computed` is read and written under `lock`.
  private let lock = NSLock()
  private var computed: Value?
  private let compute: @Sendable () -> Value
  /// Set once `computed` is, so that `isComputed` never takes the lock.
  private let known = Atomic<Bool>(false)

  package init(_ compute: @escaping @Sendable () -> Value) {
    self.compute = compute
  }

  /// A value known already.
  package init(computed value: Value) {
    computed = value
    compute = { value }
    known.store(true, ordering: .releasing)
  }

  /// Whether the value is known: false before it is asked for and while it is being computed.
  /// Never waits.
  package var isComputed: Bool {
    known.load(ordering: .acquiring)
  }

  package var value: Value {
    lock.lock()
    defer { lock.unlock() }
    if let computed { return computed }
    let made = compute()
    computed = made
    known.store(true, ordering: .releasing)
    return made
  }
}
