import Testing
import ZhTextCore
import ZhTextTestSupport
import ZhTextWords

@Suite struct WordRangeTests {
    static let samples = [
        "我来到北京清华大学",
        "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
        "2024年GDP增长5.2%，AT&T的c++代码 e-mail: a_b@x.y\r\n新的一行\u{3000}全角空格 𠀀𪚥 emoji😀结尾",
        "   \t\n\r\r\n",
        "",
        // Blocks longer than the first scratch buffers (256 characters), which grow mid-block.
        String(repeating: "中华民族伟大复兴", count: 80) + "I" + String(repeating: "I", count: 700),
    ]

    @Test(arguments: WordSegmenter.Mode.allCases)
    func accurateWordsTileTheText(mode: WordSegmenter.Mode) throws {
        for usesHMM in [true, false] {
            let segmenter = try WordSegmenter(mode: mode, usesHMM: usesHMM)
            for text in Self.samples {
                let words = segmenter.words(in: text)
                let bytes = Array(text.utf8)
                let scalars = Array(text.unicodeScalars)
                for word in words {
                    #expect(word.utf8Range.upperBound <= bytes.count)
                    #expect(word.scalarRange.upperBound <= scalars.count)
                    // Each range names the same characters in both units.
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: scalars[word.scalarRange])
                    #expect(String(view) == word.text(in: text))
                }
                if mode == .accurate {
                    var end = 0
                    for word in words {
                        #expect(word.utf8Range.lowerBound == end)
                        #expect(!word.utf8Range.isEmpty)
                        end = word.utf8Range.upperBound
                    }
                    #expect(end == bytes.count)
                }
            }
        }
    }

    /// Invalid bytes come out as words of their own and the words still tile the bytes.
    @Test func invalidBytesAreWordsOfTheirOwn() throws {
        let bytes: [UInt8] = Array("我们".utf8) + [0xFF, 0xE4, 0xB8] + Array("北京".utf8)
        let words = try WordSegmenter().words(inUTF8: bytes)
        #expect(words.map(\.utf8Range) == [0..<6, 6..<7, 7..<9, 9..<15])
        #expect(words.map(\.scalarRange) == [0..<2, 2..<3, 3..<4, 4..<6])
    }

    /// A stream fed the text in random pieces gives the words of the whole text.
    @Test(arguments: WordSegmenter.Mode.allCases)
    func streamEqualsWhole(mode: WordSegmenter.Mode) throws {
        let segmenter = try WordSegmenter(mode: mode)
        var random = SplitMix64(seed: 0x5EED_0000 + UInt64(mode.rawValue.count))
        let text = Self.samples.joined(separator: "。") + String(repeating: "中国式现代化是人口规模巨大的现代化，", count: 20)
        let bytes = Array(text.utf8)
        let whole = segmenter.words(in: text)
        for _ in 0..<20 {
            var stream = segmenter.makeStream()
            var streamed: [Word] = []
            var start = 0
            while start < bytes.count {
                var end = min(bytes.count, start + Int(random.next() % 40) + 1)
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                bytes[start..<end].withUnsafeBufferPointer { stream.feed($0) { streamed.append($0) } }
                start = end
            }
            stream.finish { streamed.append($0) }
            #expect(streamed == whole)
        }
    }

    /// Words of a cleaned text map back to the raw text through the offset map.
    @Test func wordsMapToTheOriginal() throws {
        let original = "会(hui)议召开"
        let derived = "会议召开"
        var map = OffsetMap()
        map.append(sourceLength: 3, targetLength: 3, linear: true)
        map.append(sourceLength: 5, targetLength: 0, linear: false)
        map.append(sourceLength: 9, targetLength: 9, linear: true)
        let words = try WordSegmenter().words(in: derived, original: original, map: map)
        #expect(words.map { $0.text(in: original) } == ["会(hui)议", "召开"])
        #expect(words.map(\.scalarRange) == [0..<7, 7..<9])
    }
}
