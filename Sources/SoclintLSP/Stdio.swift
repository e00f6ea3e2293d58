import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a language server over standard input and output, as editors start it.
public enum StdioServer {
  /// Serves until the client sends `exit` (or closes standard input) and returns the status to
  /// exit with: 0 after `shutdown`, 1 without.
  public static func run(settings: LanguageServer.Settings = LanguageServer.Settings()) throws -> Int32 {
    // Standard output carries the protocol and nothing else: the server writes to a copy of
    // it, and file descriptor 1 becomes standard error, so a stray print cannot corrupt it.
    let protocolDescriptor = dup(1)
    dup2(2, 1)
    // A client that goes away must not kill the server with SIGPIPE before it can exit.
    signal(SIGPIPE, SIG_IGN)
    let out = FileHandle(fileDescriptor: protocolDescriptor, closeOnDealloc: false)
    let status = StatusBox()
    let server = try LanguageServer(
      settings: settings,
      send: { body in try? out.write(contentsOf: Framing.frame(body)) },
      exit: { code in status.finish(code) })
    Thread.detachNewThread { read(into: server) }
    return status.wait()
  }

  /// Reads standard input, cutting it into messages for the server.
  static func read(into server: LanguageServer) {
    var buffer = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      buffer.append(contentsOf: chunk[0..<count])
      while let item = Framing.next(from: &buffer) {
        switch item {
        case .message(let body): server.receive(body)
        case .badHeader(let header): server.receiveBadHeader(header)
        }
      }
    }
    server.receiveEndOfInput()
  }
}

/// The exit status, set once by the server and waited for by the main thread.
final class StatusBox: @unchecked Sendable {
  // @unchecked: `status` is written before `semaphore` is signalled and read after the wait.
  private let semaphore = DispatchSemaphore(value: 0)
  private var status: Int32 = 0

  func finish(_ code: Int32) {
    status = code
    semaphore.signal()
  }

  func wait() -> Int32 {
    semaphore.wait()
    return status
  }
}
