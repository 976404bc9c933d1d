import Foundation
import Testing
import ZhTextCore
@testable import ZhTextConversion

@Suite struct ScriptConverterTests {
    @Test func passesOpenCCsOwnTestSuite() throws {
        let cases = try openCCCases()
        var converters: [String: ScriptConverter] = [:]
        var checked = 0
        for testCase in cases {
            for (name, expected) in testCase.expected.sorted(by: { $0.key < $1.key }) {
                if converters[name] == nil { converters[name] = try ScriptConverter(configurationNamed: name) }
                let actual = converters[name]!.convert(testCase.input)
                #expect(actual == expected, "\(testCase.id) \(name): \(testCase.input)")
                checked += 1
            }
        }
        #expect(checked >= 500)
        #expect(Set(converters.keys) == Set(ScriptConverter.Configuration.allCases.map(\.rawValue)))
    }
}

@Suite struct ConversionBehaviourTests {
    @Test func regionalPhrasesAndOpenCCQuirks() throws {
        let s2twp = try ScriptConverter(.s2twp)
        #expect(s2twp.convert("低级别产品") == "低級別產品")  // segmented as 低级 + 别, not 低階別
        #expect(s2twp.convert("鼠标和U盘") == "滑鼠和隨身碟")
        #expect(try ScriptConverter(.s2t).convert("发展基础设施") == "發展基礎設施")
        #expect(try ScriptConverter(.t2s).convert("環境保護會議") == "环境保护会议")
        #expect(try ScriptConverter(.tw2sp).convert("滑鼠和隨身碟") == "鼠标和U盘")
    }

    @Test func descriptionSequencesAreCopiedWhole() throws {
        let s2t = try ScriptConverter(.s2t)
        #expect(s2t.convert("⿰木发发展") == "⿰木发發展")   // ⿰木发 is one described character
        #expect(s2t.convert("⿰发") == "⿰發")               // incomplete: not a sequence
        #expect(s2t.convert("⿲发发发发展") == "⿲发发发發展")
        #expect(s2t.convert("⿰a发") == "⿰a发")             // any character is an operand
        // Sixteen nested description characters are too deep; the search resumes one later.
        let deep = String(repeating: "⿰", count: 16) + String(repeating: "发", count: 18)
        #expect(s2t.convert(deep).filter { $0 == "發" }.count == 2)
        #expect(try ScriptConverter(.s2twp).convert("⿰木鼠标鼠标") == "⿰木鼠標滑鼠")
    }

    @Test func unknownCharactersAndNonHanTextPassThrough() throws {
        let text = "GDP增长5.2%，Émile说：“👍🏽 ok”\n\t(2023)𠀀𪚥〇"
        for configuration in ScriptConverter.Configuration.allCases {
            let converted = try ScriptConverter(configuration).convert(text)
            #expect(converted.unicodeScalars.count == text.unicodeScalars.count, "\(configuration)")
            let nonHan = { (s: String) in s.unicodeScalars.filter { Tokenizer.kind(of: $0) != .han } }
            #expect(String(String.UnicodeScalarView(nonHan(converted))) == String(String.UnicodeScalarView(nonHan(text))),
                    "\(configuration)")
        }
        #expect(try ScriptConverter(.s2t).convert("") == "")
    }

    @Test func seedsRoundTripThroughTheirScripts() throws {
        // The Traditional seeds convert to Simplified and back without losing a character count.
        let t2s = try ScriptConverter(.t2s), s2t = try ScriptConverter(.s2t)
        let seed = try fixtureText("seeds/004_c85ba3acf2c804d7.txt")
        let simplified = t2s.convert(seed)
        #expect(simplified.unicodeScalars.count == seed.unicodeScalars.count)
        #expect(ScriptDetector().detect(simplified).script == .simplified)
        #expect(ScriptDetector().detect(s2t.convert(simplified)).script == .traditional)
    }

    @Test func offsetsMapOutputRangesBackToTheInput() throws {
        let converter = try ScriptConverter(.s2twp)
        let input = "用U盘拷贝文件，鼠标在桌上。"
        let result = converter.convertWithOffsets(input)
        #expect(result.text == converter.convert(input))
        #expect(result.offsets.sourceLength == input.utf8.count)
        #expect(result.offsets.targetLength == result.text.utf8.count)
        let out = Array(result.text.utf8), inp = Array(input.utf8)
        func outputRange(of piece: String) -> Range<Int> {
            let bytes = Array(piece.utf8)
            let start = (0...(out.count - bytes.count)).first { Array(out[$0..<($0 + bytes.count)]) == bytes }!
            return start..<(start + bytes.count)
        }
        let source = result.offsets.sourceRange(forTargetRange: outputRange(of: "隨身碟"))
        #expect(String(decoding: inp[source], as: UTF8.self) == "U盘")
        let mouse = result.offsets.sourceRange(forTargetRange: outputRange(of: "滑鼠"))
        #expect(String(decoding: inp[mouse], as: UTF8.self) == "鼠标")
        // Inside an unchanged or character-aligned stretch the map is exact, character by character.
        let file = result.offsets.sourceRange(forTargetRange: outputRange(of: "檔"))
        #expect(String(decoding: inp[file], as: UTF8.self) == "文")  // 文件 → 檔案 maps character by character
        let desk = result.offsets.sourceRange(forTargetRange: outputRange(of: "桌"))
        #expect(String(decoding: inp[desk], as: UTF8.self) == "桌")
    }

    @Test func offsetsTileOnEverySeedAndConfiguration() throws {
        for name in ["000_b721428b62508d59", "002_b20d73b1386a8c16", "003_5be64723186af613"] {
            let seed = try fixtureText("seeds/\(name).txt")
            for configuration in [ScriptConverter.Configuration.s2t, .t2s, .s2twp, .tw2sp, .s2hk, .hk2s] {
                let result = try ScriptConverter(configuration).convertWithOffsets(seed)
                #expect(result.offsets.sourceLength == seed.utf8.count, "\(name) \(configuration)")
                #expect(result.offsets.targetLength == result.text.utf8.count, "\(name) \(configuration)")
                var source = 0, target = 0
                for piece in result.offsets.pieces {
                    #expect(piece.sourceRange.lowerBound == source && piece.targetRange.lowerBound == target)
                    source = piece.sourceRange.upperBound
                    target = piece.targetRange.upperBound
                }
            }
        }
    }

    @Test func userDictionaryTakesPriority() throws {
        let converter = try ScriptConverter(.s2twp, userDictionary: [("鼠标", "游標器"), ("数据", "數據")])
        #expect(converter.convert("鼠标和数据") == "游標器和數據")   // built-ins say 滑鼠, 資料
        #expect(try ScriptConverter(.s2twp).convert("鼠标和数据") == "滑鼠和資料")
        let later = try ScriptConverter(.s2t, userDictionary: [("发", "髮"), ("发", "發")])
        #expect(later.convert("发") == "發")
        #expect(throws: ZhTextError.self) { try ScriptConverter(.s2t, userDictionary: [("", "x")]) }
        #expect(throws: ZhTextError.self) { try ScriptConverter(.s2t, userDictionary: [("发", "")]) }
    }

    @Test func unknownConfigurationsListTheValidNames() throws {
        #expect(throws: ZhTextError.unknownConfiguration(
            name: "s2x", validNames: ScriptConverter.Configuration.allCases.map(\.rawValue))) {
            try ScriptConverter(configurationNamed: "s2x")
        }
        #expect(try ScriptConverter(configurationNamed: "s2tw.json").configuration == .s2tw)
    }

    @Test func invalidBytesAreReportedOrReplaced() throws {
        let converter = try ScriptConverter(.s2t)
        let bytes = Array("发展".utf8) + [0xFF] + Array("基础".utf8)
        #expect(throws: ZhTextError.invalidUTF8(byteOffset: 6)) { try converter.convert(utf8: bytes) }
        #expect(try converter.convert(utf8: bytes, mode: .lossy) == "發展\u{FFFD}基礎")
    }

    @Test func streamingEqualsWholeConversion() throws {
        let corpus = try fixtureText("seeds/001_f5ac36b6864af140.txt") + "⿰发\n发展" + (try fixtureText("seeds/003_5be64723186af613.txt"))
        var rng = SystemRandomNumberGenerator()
        for configuration in [ScriptConverter.Configuration.s2t, .s2twp, .s2hk] {
            let converter = try ScriptConverter(configuration)
            let whole = converter.convert(corpus)
            let bytes = Array(corpus.utf8)
            for _ in 0..<5 {
                var stream = converter.makeStream()
                var output = ""
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + Int.random(in: 1...700, using: &rng))
                    output += try stream.convert(chunk: bytes[start..<end])
                    start = end
                }
                output += try stream.finish()
                #expect(output == whole, "\(configuration)")
            }
        }
    }

    @Test func streamHoldsLinesWithoutSafeCutsUntilFinished() throws {
        var stream = try ScriptConverter(.s2t).makeStream()
        #expect(stream.convert("发展发展") == "")
        #expect(stream.pendingByteCount == 12)
        #expect(stream.convert("。后来") == "發展發展。")
        #expect(try stream.finish() == "後來")
    }
}

@Suite struct ScriptDetectorTests {
    @Test func detectsTheScriptsOfTheSeeds() throws {
        let detector = ScriptDetector()
        let expected: [String: ScriptDetector.Script] = [
            "000_b721428b62508d59": .simplified, "001_f5ac36b6864af140": .simplified,
            "002_b20d73b1386a8c16": .traditional, "003_5be64723186af613": .simplified,
            "004_c85ba3acf2c804d7": .traditional,
        ]
        for (name, script) in expected {
            let detection = detector.detect(try fixtureText("seeds/\(name).txt"))
            #expect(detection.script == script, "\(name): \(detection)")
            #expect(detection.hanCount > 500)
        }
    }

    @Test func mixedAndNone() throws {
        let detector = ScriptDetector()
        #expect(detector.detect("GDP 2023").script == .none)
        #expect(detector.detect("中山大学").script == .none || detector.detect("中山大学").simplifiedCount <= 1)
        let mixed = detector.detect("发展经济会议传达，發展經濟會議傳達")
        #expect(mixed.script == .mixed)
        #expect(mixed.simplifiedCount > 0 && mixed.traditionalCount > 0)
    }
}

@Suite struct UserDictionaryParsingTests {
    @Test func opencCStyleLinesBecomePairs() throws {
        let pairs = try ScriptConverter.userDictionary(tsv: "# 注释\n\n鼠标\t滑鼠 滑鼠器\r\n发\t發\n")
        #expect(pairs.map { "\($0.0)>\($0.1)" } == ["鼠标>滑鼠", "发>發"])
        let converter = try ScriptConverter(.s2t, userDictionary: pairs)
        #expect(converter.convert("鼠标") == "滑鼠")
    }

    @Test(arguments: [("鼠标\n", 1), ("发\t發\n\t空\n", 2), ("发\t發\n鼠标\t   \n", 2)])
    func malformedLinesThrowWithTheirNumber(text: String, line: Int) {
        #expect(throws: ZhTextError.invalidDictionaryEntry(line: line, reason: "expected 'source<TAB>replacement'")) {
            try ScriptConverter.userDictionary(tsv: text)
        }
    }
}
