import Testing
@testable import ZhTextCore

@Suite struct ScalarClassTableTests {
    /// The table skips ICU where it knows the answer (Han blocks, planes 2 and 3 beyond Han,
    /// the unassigned planes): every scalar must still classify as ICU's properties plus the
    /// explicit tables say.
    @Test func everyScalarClassifiesAsICUAndTheExplicitTablesSay() {
        let table = ScalarClassTable.shared
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
                Issue.record("U+\(String(scalar, radix: 16, uppercase: true)): \(table.classOf(scalar)), expected \(expected)")
                break
            }
            if scalar < 0x10000 { #expect(table.bmp[Int(scalar)] == expected) }
            checked += 1
        }
        #expect(checked == 0x110000)
    }
}
