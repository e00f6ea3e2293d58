#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Threads started with `pthread_create` itself.
package enum ThreadStart {
  /// Runs `body` on a new detached thread; on the calling thread when no thread can be made.
  ///
  /// Foundation's `Thread.detachNewThread` makes a `Thread` object and, the first time, sets up
  /// Foundation's threading and run loop state: about 0.3 ms on the one thread that starts every
  /// run, before the schemas it was to compile ahead had begun.
  package static func detached(_ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(Body(body)).toOpaque()
    #if canImport(Glibc)
      var thread = pthread_t()
    #else
      var thread: pthread_t?
    #endif
    let started = pthread_create(
      &thread, nil,
      { context in
        Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
        return nil
      }, context)
    guard started == 0 else {
      Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
      return
    }
    #if canImport(Glibc)
      pthread_detach(thread)
    #else
      if let thread { pthread_detach(thread) }
    #endif
  }

  private final class Body {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
  }
}
