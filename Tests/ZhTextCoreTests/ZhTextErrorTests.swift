import Foundation
import Testing
import ZhTextCore

/// Errors are values with a kind and context, read well through `localizedDescription`, and
/// can gain kinds without breaking a switch over them.
@Suite struct ZhTextErrorTests {
    @Test func localizedDescriptionIsTheMessage() {
        let error: any Error = ZhTextError.invalidUTF8(byteOffset: 7)
        #expect(error.localizedDescription == "invalid UTF-8 at byte offset 7")
        let unknown = ZhTextError.unknownConfiguration(name: "s2x", validNames: ["s2t", "t2s"])
        #expect((unknown as any Error).localizedDescription == "unknown configuration 's2x'; valid names: s2t, t2s")
        #expect(unknown.kind == .unknownConfiguration && unknown.name == "s2x" && unknown.validNames == ["s2t", "t2s"])
    }

    @Test func contextIsReadable() {
        let entry = ZhTextError.invalidDictionaryEntry(line: 12, reason: "empty term")
        #expect(entry.kind == .invalidDictionaryEntry && entry.line == 12 && entry.reason == "empty term")
        #expect("\(entry)" == "dictionary line 12: empty term")
        let bytes = ZhTextError.undecodableBytes(charset: "GB18030", byteOffsets: [2, 5])
        #expect(bytes.byteOffset == 2 && bytes.byteOffsets == [2, 5] && bytes.name == "GB18030")
        #expect(ZhTextError.invalidKey(index: 3, reason: "empty key").index == 3)
        #expect("\(ZhTextError.inputTooLarge(byteCount: 10, limit: 5))" == "input of 10 bytes exceeds the limit of 5 bytes")
        #expect("\(ZhTextError.icuFailure(operation: "ucnv_open", code: 1, name: "U_ILLEGAL_ARGUMENT_ERROR"))"
                == "ICU ucnv_open failed: U_ILLEGAL_ARGUMENT_ERROR (1)")
    }

    /// A kind this version does not know (a later one's) still prints and compares.
    @Test func kindsAreOpen() {
        let future = ZhTextError.Kind(rawValue: "something-new")
        #expect(future != .invalidUTF8)
        #expect("\(future)" == "something-new")
        #expect(ZhTextError.Kind.invalidUTF8.rawValue == "invalid-utf8")
    }
}
