import SoclintYAML

/// Makes `Node.Pair`s for mappings built outside the YAML loader.
///
/// `Node.Pair` has no public initialiser, and unlike scalars (see `ScalarFactory`) a pair of
/// chosen nodes cannot be obtained from the loader. A pair is two references, `key` then
/// `value`; this mirror has the same stored properties in the same order, so the same layout
/// (`unsafeBitCast` traps if the sizes ever differ, and SchemaJSONReaderTests checks the
/// fields). Once SoclintYAML has a public `Node.Pair.init(key:value:)`, use that instead.
enum NodePairFactory {
  private struct PairLayout {
    let key: Node
    let value: Node
  }

  static func pair(key: Node, value: Node) -> Node.Pair {
    unsafeBitCast(PairLayout(key: key, value: value), to: Node.Pair.self)
  }
}
