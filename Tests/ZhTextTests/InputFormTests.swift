import Foundation
import Testing
import ZhText

/// The input convention: every entry point takes text as `some StringProtocol` and UTF-8 bytes
/// under the label that adds `UTF8` (`in:` / `inUTF8:`, unlabelled / `utf8:`). All three forms of
/// one input give the same result, on every seed; a substring's ranges count from its start.
@Suite struct InputFormTests {
    static let seeds = ResultCodingTests.seeds

    @Test(arguments: seeds)
    func analysersGiveTheSameResultForTextSubstringAndBytes(seed: URL) throws {
        let text = try String(contentsOf: seed, encoding: .utf8)
        let bytes = Array(text.utf8)
        let substring = ("前言\n" + text)[...].dropFirst(3)
        #expect(String(substring) == text)

        let tokenizer = Tokenizer()
        #expect(tokenizer.tokens(inUTF8: bytes) == tokenizer.tokens(in: text))
        #expect(tokenizer.tokens(in: substring) == tokenizer.tokens(in: text))

        let segmenter = SentenceSegmenter(options: .init(splitsClauses: true))
        #expect(segmenter.sentences(inUTF8: bytes) == segmenter.sentences(in: text))
        #expect(segmenter.sentences(in: substring) == segmenter.sentences(in: text))

        let matcher = try SloganMatcher()
        let slogans = matcher.matches(in: text)
        #expect(!slogans.isEmpty)
        #expect(matcher.matches(inUTF8: bytes) == slogans)
        #expect(matcher.matches(inUTF8: bytes.lazy.map { $0 }) == slogans)  // not contiguous
        #expect(matcher.matches(in: substring) == slogans)

        let words = try WordSegmenter()
        #expect(words.words(inUTF8: bytes) == words.words(in: text))
        #expect(words.words(in: substring) == words.words(in: text))
    }

    @Test(arguments: seeds)
    func transformersGiveTheSameResultForTextSubstringAndBytes(seed: URL) throws {
        let text = try String(contentsOf: seed, encoding: .utf8)
        let bytes = Array(text.utf8)
        let substring = ("前言\n" + text)[...].dropFirst(3)

        let cleaner = Cleaner()
        #expect(cleaner.clean(utf8: bytes) == cleaner.clean(text))
        #expect(cleaner.clean(substring) == cleaner.clean(text))

        let converter = try ScriptConverter(.s2twp)
        #expect(try converter.convert(utf8: bytes) == converter.convert(text))
        #expect(converter.convert(substring) == converter.convert(text))

        let pipeline = try Pipeline(.init(conversion: .t2s, words: .init()))
        #expect(pipeline.run(utf8: bytes) == pipeline.run(text))
        #expect(pipeline.run(substring) == pipeline.run(text))
    }

    @Test func invalidBytesKeepExactRangesInEveryAnalyser() throws {
        let bytes: [UInt8] = Array("坚持绿水青山就是金山银山。".utf8) + [0xFF, 0xFE] + Array("推进生态文明建设。".utf8)
        let sentences = SentenceSegmenter().sentences(inUTF8: bytes)
        #expect(sentences.first?.utf8Range.lowerBound == 0 && sentences.last?.utf8Range.upperBound == bytes.count)
        let slogans = try SloganMatcher().matches(inUTF8: bytes)
        #expect(slogans.map { String(decoding: bytes[$0.utf8Range], as: UTF8.self) }.contains("绿水青山就是金山银山"))
        #expect(Tokenizer().tokens(inUTF8: bytes).last?.utf8Range.upperBound == bytes.count)
    }
}
