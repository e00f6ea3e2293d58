extension LintRequest {
  /// The options `soclint lint` takes a value for, by long name.
  private static let valueOptions: Set<String> = [
    "config", "as-of", "jobs", "cache-dir", "format", "output", "baseline", "write-baseline", "color",
    "changed-since", "stdin-filename",
  ]
  /// Its flags, by long name.
  private static let flags: Set<String> = ["cache", "strict", "quiet"]

  /// The request of a `soclint lint` command line (the arguments after `lint`) in its common
  /// forms, read without the argument parser; nil for anything else, which the parser then reads.
  ///
  /// The parser finds a command's options by reflection, and the Swift runtime answers its
  /// first questions about types by scanning every protocol conformance of the binary (some
  /// 6,000 in a static build): about 14 million instructions, a third of a 200-control run's
  /// path before the first file is read. Pre-commit hooks and CI run `lint` every time.
  ///
  /// Only what is unambiguous is taken: known long options, as `--name value` or `--name=value`,
  /// each at most once; `-q`; paths that do not start with `-` (nor are `help`). A value the
  /// parser would refuse (a format it does not know, `--jobs 0`, a date that is not one) is left
  /// to the parser too, so that every error message stays the parser's. A test holds this
  /// reading to the parser's on many command lines.
  init?(fastArguments arguments: [String]) {
    self.init()
    var seen: Set<String> = []
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      index += 1
      guard argument.hasPrefix("-") else {
        if argument == "help" { return nil }
        paths.append(argument)
        continue
      }
      let (name, inline) = LintRequest.split(argument)
      guard let name, seen.insert(name).inserted else { return nil }
      if LintRequest.flags.contains(name) {
        guard inline == nil, set(flag: name) else { return nil }
        continue
      }
      guard LintRequest.valueOptions.contains(name) else { return nil }
      let value: String
      if let inline {
        value = inline
      } else {
        guard index < arguments.endIndex, !arguments[index].hasPrefix("-") else { return nil }
        value = arguments[index]
        index += 1
      }
      guard !value.isEmpty, set(option: name, to: value) else { return nil }
    }
    guard (try? project.validate()) != nil else { return nil }
  }

  /// The long name of an option argument and the value given after `=`; `-q` is `quiet`, and any
  /// other short form (or `--` alone) has no name here.
  private static func split(_ argument: String) -> (name: String?, inline: String?) {
    if argument == "-q" { return ("quiet", nil) }
    guard argument.hasPrefix("--"), argument.count > 2 else { return (nil, nil) }
    let body = argument.dropFirst(2)
    guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
    return (String(body[..<equals]), String(body[body.index(after: equals)...]))
  }

  private mutating func set(flag name: String) -> Bool {
    switch name {
    case "cache": project.cache = true
    case "strict": strict = true
    case "quiet": quiet = true
    default: return false
    }
    return true
  }

  private mutating func set(option name: String, to value: String) -> Bool {
    switch name {
    case "config": project.config = value
    case "as-of": project.asOf = value
    case "jobs":
      guard let jobs = Int(value) else { return false }
      project.jobs = jobs
    case "cache-dir": project.cacheDir = value
    case "format":
      guard let format = LintFormat(rawValue: value) else { return false }
      self.format = format
    case "output": output = value
    case "baseline": baseline = value
    case "write-baseline": writeBaseline = value
    case "color":
      guard let color = ColorChoice(rawValue: value) else { return false }
      self.color = color
    case "changed-since": changedSince = value
    case "stdin-filename": stdinFilename = value
    default: return false
    }
    return true
  }
}
