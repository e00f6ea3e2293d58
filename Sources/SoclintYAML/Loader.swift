internal import CYAML

/// One YAML document of a file.
public struct YAMLDocument: Sendable {
  /// The document's root node; an empty document has a null scalar root.
  public let root: Node
  /// 0-based position of the document in its file.
  public let index: Int
  /// A document from its root and its position in its file.
  package init(root: Node, index: Int) {
    self.root = root
    self.index = index
  }

  /// Whether the document holds nothing but an empty (null) root.
  public var isEmpty: Bool {
    if case .scalar(let s) = root.content, case .null = s.value, s.text.isEmpty { return true }
    return false
  }
}

/// Something wrong with a file's bytes or YAML, at a mark.
public struct YAMLProblem: Sendable, Equatable {
  /// What sort of problem it is; every sort but a duplicate key stops the reading.
  public enum Kind: Sendable, Equatable {
    /// Not UTF-8, or holds a NUL byte. Fatal.
    case encoding
    /// A libyaml scanner or parser error, or an undefined alias. Fatal.
    case syntax
    /// Nesting or alias expansion beyond the limits. Fatal.
    case resourceLimit
    /// A key given twice in one mapping; `related` is the first. Not fatal.
    case duplicateKey(key: String)
  }

  /// What sort of problem it is, which decides whether it is fatal.
  public let kind: Kind
  /// What is wrong, as a sentence for people (libyaml's own words for a syntax error).
  public let message: String
  /// Where the problem is: the bad byte, where libyaml stopped, or the key or alias at fault.
  public let mark: Mark
  /// Where the problem's extent ends, when it has one (a repeated key, an alias at fault).
  public let end: Mark?
  /// Another place that explains the problem (a first key, the start of the construct).
  public let related: Mark?
  /// What to say at `related`, such as "'id' is first given here".
  public let relatedMessage: String?

  /// Whether reading stopped here; only a duplicate key lets it go on.
  public var isFatal: Bool {
    if case .duplicateKey = kind { return false }
    return true
  }
}

/// What reading one file gives: its documents (those completed before any fatal problem) and
/// its problems.
public struct YAMLFile: Sendable {
  /// A stretch of the text from `start` (inclusive) to `end` (exclusive).
  public struct Span: Sendable, Equatable {
    /// Where the stretch begins.
    public let start: Mark
    /// The position just after the stretch.
    public let end: Mark

    /// The stretch from `start` (inclusive) to `end` (exclusive).
    public init(start: Mark, end: Mark) {
      self.start = start
      self.end = end
    }

    /// The stretch of `node`'s text.
    public init(_ node: Node) {
      self.init(start: node.start, end: node.end)
    }
  }

  /// The documents completed before any fatal problem, in file order.
  public let documents: [YAMLDocument]
  /// Every problem, in the order found; reading stops at a fatal one, so it is the last.
  public let problems: [YAMLProblem]
  /// The scalars that span several lines, in order. libyaml drops comments, so soclint reads
  /// them from the text; these are the places where a `#` is part of a value instead.
  public var multilineScalars: [Span] = []
  /// A file's reading from its parts.
  package init(documents: [YAMLDocument], problems: [YAMLProblem], multilineScalars: [Span] = []) {
    self.documents = documents
    self.problems = problems
    self.multilineScalars = multilineScalars
  }

  /// The problem that stopped the reading, if one did.
  public var fatalProblem: YAMLProblem? { problems.first { $0.isFatal } }
}

/// Reads YAML through libyaml's event API into `Node` trees with exact marks.
public struct YAMLLoader: Sendable {
  /// Bounds that keep a hostile file from exhausting the stack or the memory (resource-limit).
  public struct Limits: Sendable {
    /// The most collections that may be open inside one another.
    public var maxDepth: Int
    /// The most nodes the aliases of one document may stand for in all, each use of an alias counted.
    public var maxAliasExpansion: Int

    /// Limits of `maxDepth` levels of nesting and `maxAliasExpansion` nodes, by default 256 and 100,000.
    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 100_000) {
      self.maxDepth = maxDepth
      self.maxAliasExpansion = maxAliasExpansion
    }
  }

  /// The bounds every file this loader reads is held to.
  public var limits: Limits

  /// A loader that holds files to `limits`.
  public init(limits: Limits = Limits()) {
    self.limits = limits
  }

  /// Reads a file's bytes; a leading byte order mark is skipped (see
  /// `Encoding.droppingByteOrderMark`), so marks count from the first character after it.
  public func load(_ input: [UInt8]) -> YAMLFile {
    let bytes = Encoding.droppingByteOrderMark(input)
    if let bad = Encoding.firstProblem(in: bytes) {
      let problem = YAMLProblem(
        kind: .encoding, message: bad.message, mark: Encoding.mark(atByte: bad.offset, in: bytes),
        end: nil, related: nil, relatedMessage: nil)
      return YAMLFile(documents: [], problems: [problem])
    }
    var builder = TreeBuilder(limits: limits)
    bytes.withUnsafeBufferPointer { buffer in
      builder.run(buffer)
    }
    return YAMLFile(
      documents: builder.documents, problems: builder.problems, multilineScalars: builder.multilineScalars)
  }

  /// Reads a file given as text, through its UTF-8 bytes.
  public func load(_ text: String) -> YAMLFile {
    load(Array(text.utf8))
  }
}

private struct TreeBuilder {
  /// A collection being built. A class, so that adding a child mutates it in place on the
  /// stack. Its children so far are the end of `items` or `pairs`, from `first` on.
  final class Frame {
    let isMapping: Bool
    let start: Mark
    let tag: String?
    let anchor: String?
    /// Where the collection's children begin in `items` (a sequence) or `pairs` (a mapping).
    let first: Int
    /// The key read, until its value comes.
    var key: PendingKey? = nil
    /// Keys seen so far, for duplicate detection; a dictionary only once the mapping is big.
    /// Keys are the same when their Unicode scalars are, as `Node.pair(_:)` and the schema
    /// compare them: "é" written precomposed and decomposed are two keys, not one given twice.
    var seenIndex: [ExactString: Mark]? = nil
    var merges: [Node] = []
    var size = 1

    init(isMapping: Bool, start: Mark, tag: String?, anchor: String?, first: Int) {
      self.isMapping = isMapping
      self.start = start
      self.tag = tag
      self.anchor = anchor
      self.first = first
    }

    /// Mappings of fewer than 16 keys, nearly all, never touch `seenIndex`: reading a class's
    /// variable is checked for exclusive access at run time, 60 instructions each time.
    func firstMark(ofKey text: String, in pairs: ChildStack<Node.Pair>) -> Mark? {
      if pairs.count - first >= 16, let seenIndex { return seenIndex[ExactString(text)] }
      // Each pair holds its key's text, so looking for a repeated key reads strings, not nodes.
      return pairs.withElements(from: first) { buffer in
        Node.Pair.firstIndex(ofKey: text, in: buffer).map { buffer[$0].keyStart }
      }
    }

    func remember(_ text: String, at start: Mark, in pairs: ChildStack<Node.Pair>) {
      guard pairs.count - first >= 16 else { return }
      if seenIndex == nil {
        var index: [ExactString: Mark] = [:]
        pairs.withElements(from: first) { buffer in
          for pair in buffer {
            if let t = pair.keyText, index[ExactString(t)] == nil { index[ExactString(t)] = pair.keyStart }
          }
        }
        seenIndex = index
      }
      if seenIndex![ExactString(text)] == nil { seenIndex![ExactString(text)] = start }
    }
  }

  /// A mapping's key waiting for its value: a node, or only the parts of a key that is a string
  /// scalar without tag or anchor (almost every key), which gets no node of its own (see
  /// `Node.Pair.key`).
  enum PendingKey {
    case node(Node)
    case text(String, style: ScalarStyle, start: Mark, end: Mark)
  }

  let limits: YAMLLoader.Limits
  var documents: [YAMLDocument] = []
  var problems: [YAMLProblem] = []
  var stack: [Frame] = []
  /// The children of every open sequence and mapping, innermost last.
  let items = ChildStack<Node>()
  let pairs = ChildStack<Node.Pair>()
  var anchors: [String: (node: Node, size: Int)] = [:]
  var expansion = 0
  var root: Node?
  var fatal = false
  var multilineScalars: [YAMLFile.Span] = []

  init(limits: YAMLLoader.Limits) {
    self.limits = limits
  }

  mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
    let ran: Void? = withYAMLParser(reading: buffer) { parser in
      var event = yaml_event_t()
      while !fatal {
        guard yaml_parser_parse(&parser, &event) == 1 else {
          reportParserError(parser, buffer)
          return
        }
        let done = event.type == YAML_STREAM_END_EVENT
        handle(&event)
        yaml_event_delete(&event)
        if done { return }
      }
    }
    if ran == nil { fail(.syntax, "libyaml could not be initialised", at: .start) }
  }

  private static func mark(_ m: yaml_mark_t) -> Mark {
    Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
  }

  private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let p else { return nil }
    return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
  }

  mutating func fail(_ kind: YAMLProblem.Kind, _ message: String, at mark: Mark, end: Mark? = nil) {
    problems.append(
      YAMLProblem(kind: kind, message: message, mark: mark, end: end, related: nil, relatedMessage: nil))
    fatal = true
  }

  mutating func reportParserError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) {
    let problem =
      TreeBuilder.string(
        UnsafeMutablePointer(mutating: parser.problem).map {
          UnsafeMutableRawPointer($0).assumingMemoryBound(to: yaml_char_t.self)
        }
      ) ?? "unknown YAML error"
    let context = TreeBuilder.string(
      UnsafeMutablePointer(mutating: parser.context).map {
        UnsafeMutableRawPointer($0).assumingMemoryBound(to: yaml_char_t.self)
      })
    var mark = TreeBuilder.mark(parser.problem_mark)
    if parser.error == YAML_READER_ERROR {
      mark = Encoding.mark(atByte: Int(parser.problem_offset), in: Array(buffer))
    }
    var message = problem
    var related: Mark? = nil
    var relatedMessage: String? = nil
    if let context {
      message += " " + context
      let contextMark = TreeBuilder.mark(parser.context_mark)
      if contextMark != mark {
        related = contextMark
        var what = context
        for prefix in ["while parsing ", "while scanning "] where what.hasPrefix(prefix) {
          what.removeFirst(prefix.count)
        }
        relatedMessage = "\(what) started here"
      }
    }
    problems.append(
      YAMLProblem(
        kind: .syntax, message: message, mark: mark, end: nil, related: related,
        relatedMessage: relatedMessage))
    fatal = true
  }

  mutating func handle(_ event: inout yaml_event_t) {
    let start = TreeBuilder.mark(event.start_mark)
    let end = TreeBuilder.mark(event.end_mark)
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      anchors = [:]
      expansion = 0
      root = nil
    case YAML_DOCUMENT_END_EVENT:
      if let root {
        documents.append(YAMLDocument(root: root, index: documents.count))
      }
    case YAML_SCALAR_EVENT:
      if let frame = stack.last, frame.isMapping, frame.key == nil,
        let (text, style) = TreeBuilder.plainKey(event)
      {
        frame.size = frame.size &+ 1
        frame.key = .text(text, style: style, start: start, end: end)
      } else {
        add(TreeBuilder.scalar(event, start: start, end: end), size: 1)
      }
      if end.line > start.line { multilineScalars.append(YAMLFile.Span(start: start, end: end)) }
    case YAML_ALIAS_EVENT:
      let name = TreeBuilder.string(event.data.alias.anchor) ?? ""
      guard let target = anchors[name] else {
        fail(.syntax, "found undefined alias '\(name)'", at: start, end: end)
        return
      }
      expansion = expansion &+ target.size
      if expansion > limits.maxAliasExpansion || expansion < 0 {
        fail(
          .resourceLimit,
          "aliases in this document expand to more than \(limits.maxAliasExpansion) nodes",
          at: start, end: end)
        return
      }
      add(target.node, size: target.size, isAlias: true)
    case YAML_SEQUENCE_START_EVENT:
      let s = event.data.sequence_start
      guard push(at: start) else { return }
      stack.append(
        Frame(
          isMapping: false, start: start, tag: TreeBuilder.string(s.tag),
          anchor: TreeBuilder.string(s.anchor),
          first: items.count))
    case YAML_MAPPING_START_EVENT:
      let m = event.data.mapping_start
      guard push(at: start) else { return }
      stack.append(
        Frame(
          isMapping: true, start: start, tag: TreeBuilder.string(m.tag), anchor: TreeBuilder.string(m.anchor),
          first: pairs.count))
    case YAML_SEQUENCE_END_EVENT:
      guard let frame = stack.popLast(), !frame.isMapping else { return }
      add(
        Node(
          content: .sequence(items.popArray(from: frame.first)), start: frame.start, end: end, tag: frame.tag,
          anchor: frame.anchor),
        size: frame.size)
    case YAML_MAPPING_END_EVENT:
      guard let frame = stack.popLast(), frame.isMapping else { return }
      add(
        Node(
          content: .mapping(TreeBuilder.merged(pairs.popArray(from: frame.first), frame.merges)),
          start: frame.start, end: end, tag: frame.tag,
          anchor: frame.anchor),
        size: frame.size)
    default:
      break
    }
  }

  /// The text and style of a scalar event that is a string without tag or anchor, which a key
  /// can keep without a node; nil for any other scalar.
  static func plainKey(_ event: yaml_event_t) -> (String, ScalarStyle)? {
    let s = event.data.scalar
    let style = TreeBuilder.style(s.style)
    guard s.tag == nil, s.anchor == nil,
      CoreSchema.isTextItself(style: style, firstByte: s.length > 0 ? s.value[0] : nil)
    else { return nil }
    return (String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self), style)
  }

  static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
    ScalarStyle(style)
  }

  /// A scalar event as a node, its value resolved by the YAML 1.2 core schema.
  static func scalar(_ event: yaml_event_t, start: Mark, end: Mark) -> Node {
    let s = event.data.scalar
    let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
    let style = TreeBuilder.style(s.style)
    let tag = TreeBuilder.string(s.tag)
    let scalar = Node.Scalar(
      reading: text, style: style, tag: tag, firstByte: s.length > 0 ? s.value[0] : nil)
    return Node(
      content: .scalar(scalar), start: start, end: end, tag: tag, anchor: TreeBuilder.string(s.anchor))
  }

  /// A mapping's pairs with its merge keys (`<<`, YAML 1.1) applied: keys given explicitly win,
  /// then earlier sources. The keys taken are kept in a set, so a merge of many keys stays
  /// linear.
  static func merged(_ written: [Node.Pair], _ merges: [Node]) -> [Node.Pair] {
    var pairs = written
    guard !merges.isEmpty else { return pairs }
    var taken = Set(pairs.compactMap { $0.keyText })
    for source in merges {
      let mappings = source.mapping != nil ? [source] : (source.sequence ?? [])
      for mapping in mappings {
        for pair in mapping.mapping ?? [] {
          guard let key = pair.keyText, taken.insert(key).inserted else { continue }
          pairs.append(pair)
        }
      }
    }
    return pairs
  }

  /// Checks the depth limit before a collection opens.
  mutating func push(at start: Mark) -> Bool {
    if stack.count >= limits.maxDepth {
      fail(.resourceLimit, "nesting is deeper than \(limits.maxDepth) levels", at: start)
      return false
    }
    return true
  }

  mutating func add(_ node: Node, size: Int, isAlias: Bool = false) {
    if !isAlias, let anchor = node.anchor {
      anchors[anchor] = (node, size)
    }
    guard let frame = stack.last else {
      root = node
      return
    }
    frame.size = frame.size &+ size
    guard frame.isMapping else {
      items.push(node)
      return
    }
    guard let key = frame.key else {
      frame.key = .node(node)
      return
    }
    frame.key = nil
    switch key {
    case .text(let text, let style, let start, let end):
      if text.utf8.count == 2, text == "<<", style == .plain, TreeBuilder.canMerge(node) {
        frame.merges.append(node)
      } else if isNew(text, start: start, end: end, in: frame) {
        pairs.push(Node.Pair(keyText: text, style: style, start: start, end: end, value: node))
      }
    case .node(let key):
      let keyText = key.keyText
      // The length first: reading the key's scalar copies it, and nearly no key is `<<`.
      let isMergeKey =
        keyText?.utf8.count == 2 && keyText == "<<" && key.scalar?.style == .plain
        && (key.tag == nil || key.tag == "tag:yaml.org,2002:merge") && TreeBuilder.canMerge(node)
      if isMergeKey {
        frame.merges.append(node)
      } else if let text = keyText {
        if isNew(text, start: key.start, end: key.end, in: frame) {
          pairs.push(Node.Pair(key: key, value: node, keyText: text))
        }
      } else {
        pairs.push(Node.Pair(key: key, value: node, keyText: nil))
      }
    }
  }

  /// Whether a merge key (`<<`) can take `value` in: a mapping, or a list of mappings.
  static func canMerge(_ value: Node) -> Bool {
    value.mapping != nil
      || (value.sequence.map { !$0.isEmpty && $0.allSatisfy { $0.mapping != nil } } ?? false)
  }

  /// Whether the key `text` is new in the mapping; a repeated key is reported, and its pair is
  /// left out.
  mutating func isNew(_ text: String, start: Mark, end: Mark, in frame: Frame) -> Bool {
    if let first = frame.firstMark(ofKey: text, in: pairs) {
      problems.append(
        YAMLProblem(
          kind: .duplicateKey(key: text), message: "key '\(text)' is given twice in this mapping",
          mark: start, end: end, related: first, relatedMessage: "'\(text)' is first given here"))
      return false
    }
    frame.remember(text, at: start, in: pairs)
    return true
  }
}

/// The children of the collections being built, one stack for all of them: a collection's
/// children are the stack's end while it is open, and move out into an array of exactly their
/// number when it closes. Each collection used to grow an array of its own (1, 2, 4, 8...
/// elements, each growth a copy): 2 % of a run without a cache.
private final class ChildStack<Element> {
  private var storage: UnsafeMutablePointer<Element>
  private var capacity: Int
  /// How many children of all the open collections there are.
  private(set) var count = 0

  init() {
    // 1 KiB at first, enough for most files' open collections: glibc serves a request of up to
    // 1,032 bytes from its per-thread cache, and a larger one, made twice for every file, went
    // through the heap's bins (about 500 instructions a file more).
    capacity = Swift.max(8, 1024 / MemoryLayout<Element>.stride)
    storage = .allocate(capacity: capacity)
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  func push(_ element: Element) {
    if count == capacity {
      let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
      larger.moveInitialize(from: storage, count: count)
      storage.deallocate()
      storage = larger
      capacity *= 2
    }
    (storage + count).initialize(to: element)
    count += 1
  }

  /// The elements from `first` on, moved out of the stack into an array of their number.
  func popArray(from first: Int) -> [Element] {
    let moved = count - first
    let array = [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
      if moved > 0 { buffer.baseAddress!.moveInitialize(from: storage + first, count: moved) }
      initialized = moved
    }
    count = first
    return array
  }

  /// Reads the elements from `first` on in place.
  func withElements<R>(from first: Int, _ body: (UnsafeBufferPointer<Element>) -> R) -> R {
    body(UnsafeBufferPointer(start: storage + first, count: count - first))
  }
}

extension ScalarStyle {
  /// The style of a libyaml scalar event.
  init(_ style: yaml_scalar_style_t) {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: self = .literal
    case YAML_FOLDED_SCALAR_STYLE: self = .folded
    default: self = .plain
    }
  }
}

/// Runs `body` with a libyaml parser reading `buffer` as UTF-8; nil when libyaml cannot be
/// initialised. The parser comes from `ParserPool` and goes back to it after.
func withYAMLParser<R>(reading buffer: UnsafeBufferPointer<UInt8>, _ body: (inout yaml_parser_t) -> R) -> R? {
  ParserPool.shared.withParser { parser in
    var empty: UInt8 = 0
    return withUnsafeMutablePointer(to: &empty) { empty in
      if let base = buffer.baseAddress, buffer.count > 0 {
        yaml_parser_set_input_string(parser, base, buffer.count)
      } else {
        // libyaml wants an address even for no bytes, and reads none of it.
        yaml_parser_set_input_string(parser, empty, 0)
      }
      yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
      return body(&parser.pointee)
    }
  }
}
