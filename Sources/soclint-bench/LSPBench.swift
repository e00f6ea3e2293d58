import Dispatch
import Foundation
import SoclintLSP
import SoclintModel

/// `soclint-bench N --lsp`: the language server's latency on the generated repository, in
/// process: from an edit of one control (`didChange`) to its diagnostics being published, with
/// the default debounce. Each edit makes the owner unknown or declared again, so every edit
/// changes the file's diagnostics and is published.
func lspLatency(root: String, jobs: Int, edits: Int) throws {
  let inbox = PublishedDiagnostics()
  var settings = LanguageServer.Settings()
  settings.jobs = jobs
  let server = try LanguageServer(settings: settings, send: { inbox.receive($0) }, exit: { _ in })
  func send(_ json: String) { server.receive(Data(json.utf8)) }
  send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
  send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
  let path = root + "/Controls/generated/GEN-00000.yaml"
  let uri = URL(fileURLWithPath: path).absoluteString
  let original = try String(contentsOfFile: path, encoding: .utf8)
  func text(_ version: Int) -> String {
    version % 2 == 0
      ? original : original.replacingOccurrences(of: "owner: owner-0\n", with: "owner: ghost-\(version)\n")
  }
  func escaped(_ s: String) -> String {
    String(decoding: try! JSONEncoder().encode(s), as: UTF8.self)
  }
  let coldStart = DispatchTime.now().uptimeNanoseconds
  send(
    #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\#(uri)","languageId":"yaml","version":0,"text":\#(escaped(original))}}}"#
  )
  // A hover judges a project with a change pending before it answers: the cold judgement.
  send(
    #"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(uri)"},"position":{"line":0,"character":0}}}"#
  )
  server.drain()
  let cold = Double(DispatchTime.now().uptimeNanoseconds - coldStart) / 1e6
  var latencies: [Double] = []
  for version in 1...edits {
    Thread.sleep(forTimeInterval: 0.2)  // a pause between edits, as a person types in bursts
    let start = DispatchTime.now().uptimeNanoseconds
    send(
      #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"\#(uri)","version":\#(version)},"contentChanges":[{"text":\#(escaped(text(version)))}]}}"#
    )
    let published = inbox.wait(uri: uri, version: version)
    latencies.append(Double(published - start) / 1e6)
  }
  latencies.sort()
  print(String(format: "lsp: first judgement (cold, every file parsed): %.0f ms", cold))
  print(
    String(
      format:
        "lsp: edit to diagnostics over %d edits: median %.0f ms, worst %.0f ms (debounce %.0f ms included)",
      edits, latencies[latencies.count / 2], latencies.last!, settings.debounce * 1000))
}

/// The times publishDiagnostics arrived, by URI and version.
final class PublishedDiagnostics: @unchecked Sendable {
  // @unchecked: `arrivals` is guarded by `condition`.
  private let condition = NSCondition()
  private var arrivals: [String: UInt64] = [:]

  func receive(_ body: Data) {
    let now = DispatchTime.now().uptimeNanoseconds
    guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
      object["method"] as? String == "textDocument/publishDiagnostics",
      let params = object["params"] as? [String: Any], let uri = params["uri"] as? String
    else { return }
    let version = params["version"] as? Int ?? -1
    condition.lock()
    arrivals["\(uri)#\(version)"] = now
    condition.broadcast()
    condition.unlock()
  }

  func wait(uri: String, version: Int) -> UInt64 {
    condition.lock()
    defer { condition.unlock() }
    while arrivals["\(uri)#\(version)"] == nil { condition.wait() }
    return arrivals["\(uri)#\(version)"]!
  }
}
