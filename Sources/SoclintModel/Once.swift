import Foundation

/// A value computed once, on the thread that first asks for it; threads that ask meanwhile wait
/// for it.
package final class Once<Value: Sendable>: @unchecked Sendable {
  // @unchecked: `computed` is read and written under `lock`.
  private let lock = NSLock()
  private var computed: Value?
  private let compute: @Sendable () -> Value

  package init(_ compute: @escaping @Sendable () -> Value) {
    self.compute = compute
  }

  /// A value known already.
  package init(computed value: Value) {
    computed = value
    compute = { value }
  }

  package var value: Value {
    lock.lock()
    defer { lock.unlock() }
    if let computed { return computed }
    let made = compute()
    computed = made
    return made
  }
}
