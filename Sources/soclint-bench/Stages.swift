// soclint-bench --stages: each stage of reading a file, timed on one thread over every file,
// so that a change to one stage shows in its own figure (perf tells where inside a stage).

import CYAML
import Dispatch
import Foundation
import SoclintModel
import SoclintSchema
import SoclintYAML

/// How many events libyaml's parser gives for `bytes`, and nothing else: the baseline.
func eventCount(_ bytes: [UInt8]) -> Int {
  var parser = yaml_parser_t()
  yaml_parser_initialize(&parser)
  defer { yaml_parser_delete(&parser) }
  var n = 0
  bytes.withUnsafeBufferPointer { buffer in
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    var event = yaml_event_t()
    while yaml_parser_parse(&parser, &event) == 1 {
      let done = event.type == YAML_STREAM_END_EVENT
      yaml_event_delete(&event)
      n += 1
      if done { break }
    }
  }
  return n
}

/// Times reading, libyaml's events, the tree, the schema check and the whole file, one thread.
func stageTimings(root: String, paths: [String]) throws {
  func seconds(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
  }
  var contents: [[UInt8]] = []
  let read = seconds { contents = paths.map { FileSystem.read(atAbsolute: root + "/" + $0) ?? [] } }
  let events = seconds { for bytes in contents { _ = eventCount(bytes) } }
  let loader = YAMLLoader()
  var trees: [YAMLFile] = []
  let tree = seconds { trees = contents.map { loader.load($0) } }
  let compile = seconds {
    for kind in DocumentKind.allCases {
      _ = try? JSONSchemaValidator(json: EmbeddedSchemas.all[kind.rawValue]!, writtenIntegers: true)
    }
  }
  let validators = try ProjectLoader.standard().checker.validators
  let control = validators[.control]!
  var valid = 0
  let schema = seconds {
    valid = 0
    for file in trees { for document in file.documents where control.isValid(document.root) { valid += 1 } }
  }
  // Files of plain controls are read flat (`FlatYAML`), and their documents checked there.
  var flats: [FlatYAML] = []
  let flat = seconds { flats = contents.compactMap { FlatYAML.read($0) } }
  var validFlat = 0
  let flatSchema = seconds {
    validFlat = 0
    for file in flats { for root in file.roots where control.isValid(file, at: root) { validFlat += 1 } }
  }
  let whole = seconds {
    var options = ProjectLoader.Options(configPath: root + "/.soclint.yaml")
    options.jobs = 1
    _ = try? ProjectLoader.standard().load(options)
  }
  print("one thread, \(paths.count) files (best of 3):")
  for (name, s) in [
    ("compile the schemas", compile), ("read the bytes", read), ("libyaml events", events),
    ("YAML tree (events included)", tree),
    ("control schema, isValid (\(valid) valid)", schema),
    ("flat reading (\(flats.count) files, events included)", flat),
    ("control schema on the flat form (\(validFlat) valid)", flatSchema), ("whole load, jobs 1", whole),
  ] {
    print("  " + name.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%.3f s", s))
  }
}
