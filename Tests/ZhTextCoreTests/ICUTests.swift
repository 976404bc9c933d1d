import Testing
@testable import ZhTextCore
import ZhTextTestSupport

@Suite struct ICUTests {
    @Test func reportsItsVersion() {
        let version = ICU.version
        #expect(version.split(separator: ".").count >= 2)
        #expect(Int(version.split(separator: ".")[0]) ?? 0 >= 60)
    }

    @Test func nfkcFoldsFullWidthForms() throws {
        #expect(try ICU.normalize("（２０２３）ＧＤＰ增长", to: .nfkc) == "(2023)GDP增长")
        #expect(try ICU.isNormalized("全区生态环境", in: .nfc))
        #expect(try !ICU.isNormalized("ＧＤＰ", in: .nfkc))
        #expect(try ICU.normalize("", to: .nfc) == "")
        #expect(try ICU.normalize("e\u{301}", to: .nfc) == "\u{e9}")
    }

    @Test func decodesAndEncodesChineseCharsets() throws {
        #expect(try ICU.decode([0xB7, 0xA2, 0xD5, 0xB9], from: .gbk).text == "发展")
        #expect(try ICU.decode([0xB5, 0x6F, 0xAE, 0x69], from: .big5).text == "發展")
        #expect(try ICU.encode("发展", to: .gb18030).bytes == [0xB7, 0xA2, 0xD5, 0xB9])
        #expect(try ICU.encode("發展", to: .big5HKSCS).bytes == [0xB5, 0x6F, 0xAE, 0x69])
        // The classic mojibake: UTF-8 bytes of 发展 read as GBK.
        let utf8 = Array("发展".utf8)
        #expect(try ICU.decode(utf8, from: .gb18030, mode: .substitute).text == "鍙戝睍")
        // …and as windows-1252 / Latin-1.
        #expect(try ICU.decode(Array("基础".utf8), from: .iso8859_1).text.unicodeScalars.count == 6)
        #expect(try ICU.decode([0x93, 0x80, 0x94], from: .windows1252).text == "“€”")
        for charset in ICU.Charset.allCases { #expect(ICU.hasCharset(named: charset.icuName)) }
        #expect(!ICU.hasCharset(named: "no-such-charset"))
    }

    @Test func reportsEachUndecodableByteRange() throws {
        // 0xFF is no GB 18030 byte, 0x81 0x20 is a lead byte with a bad trail, 0xA1 is cut off.
        let bytes: [UInt8] = [0xB7, 0xA2, 0xFF, 0xD5, 0xB9, 0x81, 0x20, 0xA1]
        #expect(throws: ZhTextError.undecodableBytes(charset: "GB18030", byteOffsets: [2, 5, 7])) {
            try ICU.decode(bytes, from: .gb18030)
        }
        let lossy = try ICU.decode(bytes, from: .gb18030, mode: .substitute)
        #expect(lossy.text == "发\u{FFFD}展\u{FFFD} \u{FFFD}")
        #expect(lossy.invalidByteRanges == [2..<3, 5..<6, 7..<8])
        // GBK (code page 936) maps 0x80 to € and 0xFF to a private-use character: nothing is invalid.
        #expect(try ICU.decode([0x80], from: .gbk).text == "€")
        #expect(try ICU.decode([UInt8](), from: .big5).text == "")
    }

    @Test func reportsUnencodableCharacters() throws {
        #expect(throws: ZhTextError.unencodableCharacters(charset: "GBK", byteOffsets: [6])) {
            try ICU.encode("发展😀", to: .gbk)
        }
        let lossy = try ICU.encode("a😀b", to: .big5, mode: .substitute)
        #expect(lossy.unencodableOffsets == [1])
        #expect(lossy.bytes.first == 0x61 && lossy.bytes.last == 0x62)
    }

    @Test func transliteratesWithICUTransforms() throws {
        #expect(try ICU.transliterate("中国", transform: "Han-Latin") == "zhōng guó")
        #expect(try ICU.transliterate("zhōng guó", transform: "Latin-ASCII") == "zhong guo")
        #expect(throws: ZhTextError.self) { try ICU.transliterate("中国", transform: "No-Such-Transform") }
    }

    @Test func iteratesBreaksOverUTF8() throws {
        let text = "他说：“好。”然后走了。"
        let sentences = try ICU.boundaries(in: text, kind: .sentence)
        #expect(sentences.last == text.utf8.count)
        #expect(sentences.allSatisfy { text.utf8.index(text.utf8.startIndex, offsetBy: $0).samePosition(in: text.unicodeScalars) != nil })
        let words = try ICU.boundaries(in: "生态环境保护大会", kind: .word)
        #expect(words.count >= 2 && words.count < 8)
        #expect(try ICU.boundaries(in: "", kind: .word).isEmpty)
    }

    /// The scalar form of decoding, which the mojibake tables are built with, is the text form's
    /// scalars: every charset, on seeded random bytes (valid pairs, invalid ones, ASCII, empty).
    @Test(arguments: ICU.Charset.allCases)
    func decodedScalarsAreTheDecodedTextsScalars(charset: ICU.Charset) throws {
        var generator = SplitMix64(seed: 42)
        for round in 0..<200 {
            let count = round == 0 ? 0 : Int.random(in: 1...64, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = try ICU.decode(bytes, from: charset, mode: .substitute).text
            #expect(ICU.decodeScalars(bytes, from: charset) == text.unicodeScalars.map(\.value), "\(bytes)")
        }
    }
}
