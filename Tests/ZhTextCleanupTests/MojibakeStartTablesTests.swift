import Foundation
import Testing
@testable import ZhTextCleanup

@Suite struct MojibakeStartTablesTests {
    /// The embedded tables are what the builders make with the system's ICU today: when they
    /// differ, run `Scripts/make-derived-tables` (which sets `ZHTEXT_WRITE_MOJIBAKE_START_TABLES`
    /// to the tables' path so that this test writes them).
    @Test func theEmbeddedTablesAreTheOnesBuiltFromICU() throws {
        let computed = MojibakeStartTables.computed()
        if let path = ProcessInfo.processInfo.environment["ZHTEXT_WRITE_MOJIBAKE_START_TABLES"] {
            try Data(computed.serialized()).write(to: URL(fileURLWithPath: path))
            return
        }
        let embedded = try #require(MojibakeStartTables.embedded(), "the embedded tables do not decode")
        #expect(embedded == computed)
        #expect(MojibakeRepairer.startTables == computed)
        #expect(MojibakeRepairer.crossStart == MojibakeRepairer.computedCrossStart)
    }

    /// Bytes of another size or header are not tables (the builders then run).
    @Test func damagedBytesAreNotTables() {
        let good = MojibakeStartTables.computed().serialized()
        #expect(good.count == MojibakeStartTables.byteCount)
        for bytes in [[], Array(good.dropLast()), Array("ZMS2".utf8) + good.dropFirst(4), good + [0]] {
            #expect(bytes.withUnsafeBytes { MojibakeStartTables.decoded($0) } == nil)
        }
        #expect(good.withUnsafeBytes { MojibakeStartTables.decoded($0) } == MojibakeStartTables.computed())
    }
}
