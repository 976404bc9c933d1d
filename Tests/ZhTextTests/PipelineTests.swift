import Foundation
import Testing
import ZhText

let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

@Suite struct PipelineTests {
    let seed = try! Data(contentsOf: fixturesDirectory.appendingPathComponent("seeds/004_c85ba3acf2c804d7.txt"))

    @Test func stepsComposeLikeTheComponents() throws {
        let result = try Pipeline(.init(conversion: .t2s)).run(utf8: seed)
        let cleaned = Cleaner().clean(utf8: seed)
        #expect(result.text == (try ScriptConverter(.t2s)).convert(cleaned.text))
        #expect(result.cleanup == cleaned)
        #expect(result.inputByteCount == seed.count)
        #expect(result.offsets.sourceLength == seed.count && result.offsets.targetLength == result.text.utf8.count)
        // The sentences tile the output text.
        var end = 0
        for sentence in result.sentences {
            #expect(sentence.value.utf8Range.lowerBound >= end)
            end = sentence.value.utf8Range.upperBound
        }
        #expect(result.sentences.count > 20)
    }

    /// Every slogan's input range holds the slogan as scraped: Traditional, with inline
    /// readings. Dropping the readings and converting gives the slogan's output text.
    @Test func slogansMapBackToTheRawInput() throws {
        let result = try Pipeline(.init(conversion: .t2s)).run(utf8: seed)
        let converter = try ScriptConverter(.t2s)
        let annotation = try Regex("\\([a-zü]+\\)")
        #expect(result.slogans.count >= 15)
        for slogan in result.slogans {
            let raw = String(decoding: seed[slogan.inputRange], as: UTF8.self)
            #expect(converter.convert(raw.replacing(annotation, with: "")) == slogan.value.text, "\(raw)")
        }
        #expect(result.slogans.contains { $0.value.canonical == "两高一低" && $0.value.isQuoted })
    }

    @Test func skippedStepsLeaveTheTextAsItIs() throws {
        let pipeline = try Pipeline(.init(cleanup: nil, conversion: nil, sentences: nil, slogans: nil))
        let text = String(decoding: seed, as: UTF8.self)
        let result = pipeline.run(text)
        #expect(result.text == text && result.sentences.isEmpty && result.slogans.isEmpty && result.cleanup == nil)
        #expect(result.inputRange(forOutputRange: 10..<20) == 10..<20)
        // Invalid bytes without cleanup: U+FFFD in the text, the whole input behind it.
        let invalid = pipeline.run(utf8: [0xE4, 0xB8, 0x80, 0xFF])
        #expect(invalid.text == "一\u{FFFD}")
        #expect(invalid.inputRange(forOutputRange: 0..<invalid.text.utf8.count) == 0..<4)
    }

    @Test func emptyInputGivesAnEmptyResult() throws {
        let result = try Pipeline().run("")
        #expect(result.text.isEmpty && result.sentences.isEmpty && result.slogans.isEmpty)
    }
}
