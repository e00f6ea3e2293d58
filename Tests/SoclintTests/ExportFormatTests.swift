import Foundation
import Testing

@testable import SoclintReporters

/// The encodings the exports rest on, against their RFCs and reference values.
@Suite struct ExportFormatTests {
  @Test func csvQuotesOnlyWhatItMust() {
    #expect(CSV.field("plain text") == Array("plain text".utf8))
    #expect(CSV.field("a, b") == Array("\"a, b\"".utf8))
    #expect(CSV.field("say \"hi\"") == Array("\"say \"\"hi\"\"\"".utf8))
    #expect(CSV.field("two\nlines") == Array("\"two\nlines\"".utf8))
    #expect(CSV.field("cr\r") == Array("\"cr\r\"".utf8))
    var csv = CSV(header: ["a", "b"])
    csv.append(["é", ""])
    #expect(csv.bytes == [0xEF, 0xBB, 0xBF] + Array("a,b\r\né,\r\n".utf8))
  }

  @Test func icalendarFoldsAt75OctetsWithoutSplittingACharacter() {
    var cal = ICalendar()
    let long = "SUMMARY:" + String(repeating: "é", count: 60) + String(repeating: "x", count: 40)
    cal.line(long)
    let lines = cal.bytes.split(separator: 10, omittingEmptySubsequences: false).dropLast().map { Array($0) }
    for line in lines {
      #expect(line.last == 13)
      #expect(line.count - 1 <= 75)
      #expect(String(validating: line.dropLast(), as: UTF8.self) != nil, "a line ends inside a character")
    }
    // Unfolded (CRLF followed by a space removed), the line is whole again.
    let unfolded = String(decoding: cal.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
    #expect(unfolded == long + "\r\n")
  }

  @Test func icalendarEscapesText() {
    #expect(ICalendar.text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne")
    #expect(ICalendar.parameter("Chen, Alice") == "\"Chen, Alice\"")
    #expect(ICalendar.parameter("Alice \"Al\" Chen") == "Alice 'Al' Chen")
  }

  /// Reference values from Python's hashlib and uuid.uuid5.
  @Test func nameBasedUUIDsAreRFC4122Version5() {
    let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
    #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(
      hex(SHA1.digest(Array(repeating: 0x61, count: 1000))) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    #expect(NameBasedUUID.text(NameBasedUUID.namespace) == "d2b20367-a021-54e7-887c-e8d7e844007c")
    #expect(NameBasedUUID.uuid("component") == "bc63ea37-aa81-523b-ac27-43755f5a2804")
  }

  @Test func oscalLinesHoldNoLineBreak() {
    #expect(OSCALExporter.line("Acme payroll\nservices  \n") == "Acme payroll services")
  }

  @Test func oscalTokens() {
    #expect(OSCALExporter.token("CC6.1") == "CC6.1")
    #expect(OSCALExporter.token("CO-1") == "CO-1")
    #expect(OSCALExporter.token("1.2 a/b") == "_1.2_a_b")
  }
}
