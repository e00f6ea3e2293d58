import SoclintSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The JSON Pointers of the fields of a control's first evidence items, written out as literals.
///
/// A string literal lives in the binary: taking one allocates nothing, and counting its
/// references costs nothing on either thread. The pointers of evidence fields are 16 to 26
/// bytes, too long to be kept inside a string value, so each one built was an allocation: 14 %
/// of the heap of a run on 10,000 controls, and 7 % of its wall time. Nearly every control has
/// fewer than eight evidence items; the pointers of the others are built. A test holds every
/// literal to the pointer built the ordinary way.
enum EvidencePointer {
  /// A field of an evidence item that the model locates.
  enum Field: Int, CaseIterable {
    case id, description, source, frequency, path, lastCollected, owner, collected

    /// The field's key in the YAML.
    var key: String {
      switch self {
      case .id: return "id"
      case .description: return "description"
      case .source: return "source"
      case .frequency: return "frequency"
      case .path: return "path"
      case .lastCollected: return "last_collected"
      case .owner: return "owner"
      case .collected: return "collected"
      }
    }
  }

  /// How many items have literal pointers.
  static let literalItems = 8

  /// The pointer of `field` in evidence item `index` (0-based): `/evidence/<index>/<key>`.
  static func of(_ field: Field, item index: Int) -> String {
    if index >= 0 && index < literalItems {
      return literals[index &* Field.allCases.count &+ field.rawValue]
    }
    return JSONPointer.appending(field.key, to: JSONPointer.appending(index: index, to: "/evidence"))
  }

  /// Item by item, field by field in the order of `Field`.
  private static let literals: [String] = [
    // Item 0.
    "/evidence/0/id", "/evidence/0/description", "/evidence/0/source", "/evidence/0/frequency",
    "/evidence/0/path", "/evidence/0/last_collected", "/evidence/0/owner", "/evidence/0/collected",
    // Item 1.
    "/evidence/1/id", "/evidence/1/description", "/evidence/1/source", "/evidence/1/frequency",
    "/evidence/1/path", "/evidence/1/last_collected", "/evidence/1/owner", "/evidence/1/collected",
    // Item 2.
    "/evidence/2/id", "/evidence/2/description", "/evidence/2/source", "/evidence/2/frequency",
    "/evidence/2/path", "/evidence/2/last_collected", "/evidence/2/owner", "/evidence/2/collected",
    // Item 3.
    "/evidence/3/id", "/evidence/3/description", "/evidence/3/source", "/evidence/3/frequency",
    "/evidence/3/path", "/evidence/3/last_collected", "/evidence/3/owner", "/evidence/3/collected",
    // Item 4.
    "/evidence/4/id", "/evidence/4/description", "/evidence/4/source", "/evidence/4/frequency",
    "/evidence/4/path", "/evidence/4/last_collected", "/evidence/4/owner", "/evidence/4/collected",
    // Item 5.
    "/evidence/5/id", "/evidence/5/description", "/evidence/5/source", "/evidence/5/frequency",
    "/evidence/5/path", "/evidence/5/last_collected", "/evidence/5/owner", "/evidence/5/collected",
    // Item 6.
    "/evidence/6/id", "/evidence/6/description", "/evidence/6/source", "/evidence/6/frequency",
    "/evidence/6/path", "/evidence/6/last_collected", "/evidence/6/owner", "/evidence/6/collected",
    // Item 7.
    "/evidence/7/id", "/evidence/7/description", "/evidence/7/source", "/evidence/7/frequency",
    "/evidence/7/path", "/evidence/7/last_collected", "/evidence/7/owner", "/evidence/7/collected",
  ]
}

/// The JSON Pointers of a control's first SOC 2 criteria (`/criteria/soc2/<index>`), as
/// literals for the reason `EvidencePointer` gives: at 16 bytes each, one byte too long to be
/// kept inside a string value. Other frameworks' names are the company's own, so their
/// pointers are built.
enum CriterionPointer {
  /// How many items of the SOC 2 list have literal pointers.
  static let literalItems = 8

  /// The pointer of item `index` (0-based) of the list of `framework`, whose pointer is
  /// `frameworkPointer` (`/criteria/<escaped framework>`).
  static func of(item index: Int, framework: String, frameworkPointer: String) -> String {
    if index >= 0 && index < literalItems && framework.utf8.count == 4 && framework == "soc2" {
      return soc2[index]
    }
    return JSONPointer.appending(index: index, to: frameworkPointer)
  }

  private static let soc2: [String] = [
    "/criteria/soc2/0", "/criteria/soc2/1", "/criteria/soc2/2", "/criteria/soc2/3", "/criteria/soc2/4",
    "/criteria/soc2/5", "/criteria/soc2/6", "/criteria/soc2/7",
  ]
}

/// The pointers the model takes as literals, found by their bytes: the model cache reads a
/// kept model's pointers back as these literals instead of decoding each into a string of its
/// own (an allocation for every field of every control, kept for the whole run).
enum LiteralPointers {
  /// The pointers of a control's root fields, written as literals where the model is built.
  static let rootFields = [
    "/id", "/title", "/description", "/owner", "/frequency", "/last_reviewed", "/review_interval",
    "/implemented_on",
  ]

  /// Every literal pointer, in an open-addressed table of 256 slots by the hash of its bytes:
  /// a lookup is a hash, a load and a comparison, less than decoding the string it saves.
  private static let slots: [(hash: UInt64, pointer: String)?] = {
    var all = rootFields
    for item in 0..<EvidencePointer.literalItems {
      for field in EvidencePointer.Field.allCases { all.append(EvidencePointer.of(field, item: item)) }
    }
    for item in 0..<CriterionPointer.literalItems {
      all.append(CriterionPointer.of(item: item, framework: "soc2", frameworkPointer: "/criteria/soc2"))
    }
    var table = [(hash: UInt64, pointer: String)?](repeating: nil, count: 256)
    for pointer in all {
      var bytes = pointer
      let h = bytes.withUTF8(hash)
      var slot = Int(h & 255)
      while table[slot] != nil { slot = (slot + 1) & 255 }
      table[slot] = (h, pointer)
    }
    return table
  }()

  /// FNV-1a over the bytes.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }

  /// The literal whose bytes are `bytes`, if there is one. Only pointers longer than 15 bytes
  /// are looked up: a shorter string is kept inside its value, and decoding it allocates nothing.
  static func literal(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard bytes.count > 15, bytes.count <= 32, bytes[0] == UInt8(ascii: "/") else { return nil }
    let h = hash(bytes)
    return slots.withUnsafeBufferPointer { table -> String? in
      var slot = Int(h & 255)
      while let entry = table[slot] {
        if entry.hash == h {
          var text = entry.pointer
          let same = text.withUTF8 {
            $0.count == bytes.count && memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0
          }
          if same { return entry.pointer }
        }
        slot = (slot + 1) & 255
      }
      return nil
    }
  }
}
