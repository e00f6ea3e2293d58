import Foundation
import SoclintModel
import SoclintSchema
import SoclintYAML
import Testing

/// Python's `jsonschema` (an independent implementation) accepts Schemas/ as valid draft
/// 2020-12 schemas, and agrees with soclint on which documents of the fixtures and of the
/// example Controls/ are structurally valid.
@Suite(.enabled(if: Python.enabled, Python.reason)) struct PythonJSONSchemaAgreementTests {
  /// One document to judge: the schema it is checked against, as JSON, and soclint's verdict.
  struct Case {
    let label: String
    let schema: String
    let json: String
    let valid: Bool
  }

  static func cases() throws -> [Case] {
    let loader = try ProjectLoader.standard()
    var out: [Case] = []
    var yamlFiles: [URL] = []
    for base in [Support.fixtures, Support.packageRoot.appendingPathComponent("Controls")] {
      let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        if ["yaml", "yml"].contains(url.pathExtension) { yamlFiles.append(url) }
      }
    }
    for url in yamlFiles.sorted(by: { $0.path < $1.path }) {
      guard let data = FileManager.default.contents(atPath: url.path) else { continue }
      let file = YAMLLoader().load([UInt8](data))
      guard file.problems.isEmpty else { continue }
      for document in file.documents where !document.isEmpty {
        let kind: DocumentKind
        if url.lastPathComponent == ".soclint.yaml" {
          kind = .config
        } else if let k = document.root["kind"]?.string.flatMap(DocumentKind.init(rawValue:)), k != .config {
          kind = k
        } else {
          continue
        }
        let findings = loader.checker.check(
          document.root, kind: kind, file: SourceFile(path: url.path, text: ""))
        out.append(
          Case(
            label:
              "\(url.path.replacingOccurrences(of: Support.packageRoot.path + "/", with: ""))#\(document.index)",
            schema: kind.rawValue, json: json(document.root), valid: findings.isEmpty))
      }
    }
    return out
  }

  /// The document as JSON, as a JSON Schema validator sees YAML.
  static func json(_ node: Node) -> String {
    switch node.content {
    case .scalar(let s):
      switch s.value {
      case .null: return "null"
      case .bool(let b): return b ? "true" : "false"
      case .int(let i): return String(i)
      case .float(let d): return d.isFinite ? String(d) : "\"\(s.text)\""
      case .string(let text): return quote(text)
      }
    case .sequence(let items): return "[" + items.map(json).joined(separator: ",") + "]"
    case .mapping(let pairs):
      return "{" + pairs.map { quote($0.key.keyText ?? "") + ":" + json($0.value) }.joined(separator: ",")
        + "}"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  @Test func pythonAgreesWithSoclint() throws {
    let cases = try Self.cases()
    #expect(cases.count > 50)
    #expect(cases.contains { !$0.valid } && cases.contains { $0.valid })
    let dir = try Support.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let list =
      "[" + cases.map { "{\"schema\":\"\($0.schema)\",\"doc\":\($0.json)}" }.joined(separator: ",\n") + "]"
    try Data(list.utf8).write(to: dir.appendingPathComponent("cases.json"))
    let script = """
      import json, sys
      from jsonschema import Draft202012Validator, validators
      # soclint holds YAML integers to how they are written (10.0 is not an integer; see
      # JSONSchemaValidator.writtenIntegers): the same type check here.
      integers = Draft202012Validator.TYPE_CHECKER.redefine(
          "integer", lambda checker, x: isinstance(x, int) and not isinstance(x, bool))
      Strict = validators.extend(Draft202012Validator, type_checker=integers)
      schemas = {}
      for kind in ["control", "owners", "catalog", "policy", "config"]:
          schema = json.load(open(sys.argv[1] + "/Schemas/" + kind + ".schema.json"))
          Draft202012Validator.check_schema(schema)
          schemas[kind] = Strict(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
      for case in json.load(open(sys.argv[2])):
          print("valid" if schemas[case["schema"]].is_valid(case["doc"]) else "invalid")
      """
    try Data(script.utf8).write(to: dir.appendingPathComponent("check.py"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", dir.appendingPathComponent("check.py").path, Support.packageRoot.path,
      dir.appendingPathComponent("cases.json").path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 with jsonschema must run (pip install jsonschema)")
    let verdicts = output.split(separator: "\n").map { $0 == "valid" }
    #expect(verdicts.count == cases.count)
    for (c, python) in zip(cases, verdicts) {
      #expect(
        python == c.valid,
        "\(c.label): python says \(python ? "valid" : "invalid"), soclint \(c.valid ? "valid" : "invalid")")
    }
  }
}
