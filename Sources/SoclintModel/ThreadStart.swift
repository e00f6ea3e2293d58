#if canImport(Glibc)
  import Glibc
#else
  import Foundation
#endif

/// Threads started with `pthread_create` itself.
package enum ThreadStart {
  /// Runs `body` on a new detached thread; on the calling thread when no thread can be made.
  ///
  /// Foundation's `Thread.detachNewThread` makes a `Thread` object and, the first time, sets up
  /// Foundation's threading state, on the one thread that starts every run: an empty project
  /// took 6.6 ms with it and 5.8 ms without, its system time 3.5 and 2.1 ms.
  package static func detached(_ body: @escaping @Sendable () -> Void) {
    #if canImport(Glibc)
      guard let thread = joinable(body) else { return body() }
      pthread_detach(thread)
    #else
      Thread.detachNewThread(body)
    #endif
  }

  #if canImport(Glibc)
    /// Runs `body` on a new thread, to be joined with `pthread_join` (or detached); nil, and
    /// `body` not run, when no thread can be made.
    package static func joinable(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
      let context = Unmanaged.passRetained(Body(body)).toOpaque()
      var thread = pthread_t()
      let started = pthread_create(
        &thread, nil,
        { context in
          Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
          return nil
        }, context)
      guard started == 0 else {
        Unmanaged<Body>.fromOpaque(context).release()
        return nil
      }
      return thread
    }

    private final class Body {
      let run: @Sendable () -> Void
      init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
  #endif
}
