import Foundation
import SoclintDiagnostics

/// A baseline: the fingerprints of the findings a team accepted when it adopted soclint, so
/// that only new findings fail (`--write-baseline`, `--baseline`).
public struct Baseline: Sendable, Equatable {
  /// The fingerprints of the accepted findings.
  public let fingerprints: Set<String>

  /// The baseline that accepts exactly these findings.
  public init(_ findings: [Finding]) {
    fingerprints = Set(findings.map(\.fingerprint))
  }

  /// Why a file is not a baseline soclint can use.
  public struct ReadError: Error, CustomStringConvertible {
    /// What is wrong, naming the file.
    public let description: String
  }

  /// Reads a baseline file's JSON.
  public init(json data: Data, path: String) throws(ReadError) {
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let list = object["fingerprints"] as? [String]
    else {
      throw ReadError(description: "\(path) is not a soclint baseline (a JSON object with 'fingerprints')")
    }
    fingerprints = Set(list)
  }

  /// Whether the baseline accepts the finding, by its fingerprint.
  public func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint) }

  /// The file's text: sorted fingerprints, so the same findings give the same bytes.
  public var json: String {
    let items = fingerprints.sorted().map { "    \"\($0)\"" }.joined(separator: ",\n")
    return "{\n  \"version\": 1,\n  \"fingerprints\": [\n\(items)\n  ]\n}\n"
  }
}
