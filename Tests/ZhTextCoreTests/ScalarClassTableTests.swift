import Foundation
import Testing
@testable import ZhTextCore

@Suite struct ScalarClassTableTests {
    /// The table skips ICU where it knows the answer (Han blocks, planes 2 and 3 beyond Han,
    /// the unassigned planes): every scalar must still classify as ICU's properties plus the
    /// explicit tables say.
    @Test func everyScalarClassifiesAsICUAndTheExplicitTablesSay() {
        for (name, table) in [("shared", ScalarClassTable.shared), ("computed", ScalarClassTable.computedWithICU())] {
            var checked = 0
            for scalar in UInt32(0)..<0x110000 {
                let expected: UInt8
                if let explicit = ScalarClassTable.explicitClasses[scalar] {
                    expected = explicit
                } else if ScalarClassTable.hanRanges.contains(where: { $0.contains(scalar) }) {
                    expected = ScalarClass.han
                } else {
                    expected = ScalarClassTable.classifyWithICU(scalar)
                }
                if table.classOf(scalar) != expected {
                    Issue.record("\(name) U+\(String(scalar, radix: 16, uppercase: true)): \(table.classOf(scalar)), expected \(expected)")
                    break
                }
                if scalar < 0x10000 { #expect(table.bmp[Int(scalar)] == expected) }
                checked += 1
            }
            #expect(checked == 0x110000)
        }
    }

    /// The embedded table is what the system's ICU gives today, byte for byte: when ICU's
    /// properties change, run `Scripts/make-derived-tables` (which sets
    /// `ZHTEXT_WRITE_SCALAR_CLASSES` to the table's path so that this test writes it).
    @Test func theEmbeddedTableIsTheOneComputedFromICU() throws {
        let computed = ScalarClassTable.computedWithICU().serialized()
        if let path = ProcessInfo.processInfo.environment["ZHTEXT_WRITE_SCALAR_CLASSES"] {
            try Data(computed).write(to: URL(fileURLWithPath: path))
            return
        }
        let embedded = try #require(ScalarClassTable.embedded(), "the embedded table does not decode")
        #expect(embedded.serialized() == computed)
    }

    /// A table whose bytes are cut, whose header is wrong or whose block indices run past its
    /// blocks is not read (the shared table is then computed).
    @Test func damagedBytesAreNotATable() {
        let good = ScalarClassTable.computedWithICU().serialized()
        var damaged: [[UInt8]] = [[], Array(good.dropLast()), Array("ZSC2".utf8) + good.dropFirst(4)]
        var badIndex = good
        badIndex[16] = 0xFF
        badIndex[17] = 0xFF
        damaged.append(badIndex)
        for bytes in damaged {
            // A 16-byte-aligned copy, as the embedded bytes are.
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
            defer { raw.deallocate() }
            raw.copyBytes(from: bytes)
            #expect(ScalarClassTable.decoded(UnsafeRawBufferPointer(rebasing: raw[0..<bytes.count])) == nil)
        }
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: good.count, alignment: 16)
        defer { raw.deallocate() }
        raw.copyBytes(from: good)
        #expect(ScalarClassTable.decoded(UnsafeRawBufferPointer(raw))?.serialized() == good)
    }
}
