import Foundation
import Testing
import ZhTextCore
@testable import ZhTextSentences

let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func split(_ text: String, _ options: SentenceSegmenter.Options = .init()) -> [String] {
    SentenceSegmenter(options: options).sentences(in: text).map { $0.text(in: text) }
}

@Suite struct SentenceSegmenterTests {
    @Test func pySBDChineseGoldenRules() throws {
        #expect(split("安永已聯繫周怡安親屬，協助辦理簽證相關事宜，周怡安家屬1月1日晚間搭乘東方航空班機抵達上海，他們步入入境大廳時神情落寞、不發一語。周怡安來自台中，去年剛從元智大學畢業，同年9月加入安永。") == [
            "安永已聯繫周怡安親屬，協助辦理簽證相關事宜，周怡安家屬1月1日晚間搭乘東方航空班機抵達上海，他們步入入境大廳時神情落寞、不發一語。",
            "周怡安來自台中，去年剛從元智大學畢業，同年9月加入安永。",
        ])
        #expect(split("我们明天一起去看《摔跤吧！爸爸》好吗？好！") == ["我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"])
    }

    @Test(arguments: [
        // Terminators, including half-width ones inside Chinese.
        ("会议召开。会议结束！真的吗？是的", ["会议召开。", "会议结束！", "真的吗？", "是的"]),
        ("会议召开!会议结束?是的", ["会议召开!", "会议结束?", "是的"]),
        // A full stop only before space or Han; never in numbers, file names or list numbers.
        ("增长5.2%。见讲话.docx文件。1.《求是》杂志发表. 下一句", ["增长5.2%。", "见讲话.docx文件。", "1.《求是》杂志发表.", "下一句"]),
        // Closing quotes stay with their sentence; an opening quote starts the next one.
        ("他说：“要解决问题。”会议强调。“绿水青山就是金山银山。”", ["他说：“要解决问题。”", "会议强调。", "“绿水青山就是金山银山。”"]),
        ("要解决好问题。“四减四增”要落实。", ["要解决好问题。", "“四减四增”要落实。"]),
        // No split inside balanced marks on the line.
        ("他说：“今天很好。明天也好。”然后走了。", ["他说：“今天很好。明天也好。”", "然后走了。"]),
        ("他的书《你好！世界》出版了。好！", ["他的书《你好！世界》出版了。", "好！"]),
        ("实施（具体见附件。）方案。完成", ["实施（具体见附件。）方案。", "完成"]),
        // An opener never closed on its line protects nothing (seed 003 drops closing quotes).
        ("开展的“卡脖子因素,必须奋力突破。二是要坚持。", ["开展的“卡脖子因素,必须奋力突破。", "二是要坚持。"]),
        // A comma after 。” continues the sentence.
        ("他说“好。”,然后走了。他说“好。”，然后又来了。", ["他说“好。”,然后走了。", "他说“好。”，然后又来了。"]),
        // Semicolons end clauses, not sentences.
        ("一要坚持；二要落实；三要加强。", ["一要坚持；二要落实；三要加强。"]),
        // Ellipsis ends a sentence only before a terminator, a closing mark or an opening quote.
        ("等等……然后继续。他说……“走吧。”好……。结束", ["等等……然后继续。", "他说……", "“走吧。”", "好……。", "结束"]),
        // Line breaks are hard boundaries; enumerations split only at terminators.
        ("一是加强领导，二是强化责任\n1、坚持问题导向；2、推进整改。\n", ["一是加强领导，二是强化责任", "1、坚持问题导向；2、推进整改。"]),
    ])
    func rule(text: String, expected: [String]) {
        #expect(split(text) == expected, "\(text)")
    }

    @Test func kindsOfSentences() throws {
        let text = "## 新闻摘要\n会议召开。会议继续\n本期节目主要内容包括会议、讲话和新闻，还有很多其他内容要播出的"
        let sentences = SentenceSegmenter().sentences(in: text)
        #expect(sentences.map(\.kind) == [.heading, .terminated, .heading, .unterminatedLine])
    }

    @Test func clausesSplitAtSemicolons() throws {
        let text = "一要坚持；二要落实;三要加强。"
        let sentence = SentenceSegmenter(options: .init(splitsClauses: true)).sentences(in: text)[0]
        let bytes = Array(text.utf8)
        #expect(sentence.clauses.map { String(decoding: bytes[$0], as: UTF8.self) } == ["一要坚持；", "二要落实;", "三要加强。"])
    }

    /// Offsets: text == input[range], and sentences plus gaps tile the input (gaps hold only
    /// white space and line breaks).
    @Test func offsetsOnEverySeed() throws {
        let seeds = try FileManager.default.contentsOfDirectory(
            at: fixturesDirectory.appendingPathComponent("seeds"), includingPropertiesForKeys: nil)
        for url in seeds where url.pathExtension == "txt" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let scalars = Array(text.unicodeScalars)
            let bytes = Array(text.utf8)
            var previous = 0, previousScalar = 0
            for sentence in SentenceSegmenter().sentences(in: text) {
                let fromScalars = String(String.UnicodeScalarView(scalars[sentence.scalarRange]))
                #expect(sentence.text(in: text) == fromScalars)
                let gap = String(decoding: bytes[previous..<sentence.utf8Range.lowerBound], as: UTF8.self)
                let gapIsBlank = gap.allSatisfy { $0.isWhitespace }
                #expect(gapIsBlank, "\(url.lastPathComponent): gap \(gap.debugDescription)")
                #expect(sentence.scalarRange.lowerBound >= previousScalar)
                previous = sentence.utf8Range.upperBound
                previousScalar = sentence.scalarRange.upperBound
            }
            let tailIsBlank = String(decoding: bytes[previous...], as: UTF8.self).allSatisfy { $0.isWhitespace }
            #expect(tailIsBlank)
        }
    }

    @Test func handCheckedSeedParagraph() throws {
        let text = try String(contentsOf: fixturesDirectory.appendingPathComponent("seeds/001_f5ac36b6864af140.txt"), encoding: .utf8)
        let paragraph = String(text.split(separator: "\n")[0])
        #expect(split(paragraph) == [
            "7月31日,我市召开生态环境保护大会,深入学习贯彻习近平新时代中国特色社会主义思想特别是习近平生态文明思想,贯彻落实全国、全省、成都市生态环境保护大会精神,安排部署当前和今后一个时期全市生态文明建设和环境保护工作。",
            "市委书记曾洪扬出席会议并讲话。",
            "市委副书记、市长惠朝旭主持会议。",
            "市人大常委会主任刘忠,市政协主席欧俊波,市委副书记章建国出席。",
        ])
    }

    @Test func streamingInPiecesEqualsWholeText() throws {
        let text = try String(contentsOf: fixturesDirectory.appendingPathComponent("seeds/003_5be64723186af613.txt"), encoding: .utf8)
        let whole = SentenceSegmenter().sentences(in: text)
        var stream = SentenceSegmenter().makeStream()
        var pieces: [Sentence] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var piece = String(line.element) + (line.offset < text.split(separator: "\n", omittingEmptySubsequences: false).count - 1 ? "\n" : "")
            piece.withUTF8 { stream.feed($0) { pieces.append($0) } }
        }
        stream.finish { pieces.append($0) }
        #expect(pieces == whole)
    }

    @Test func mapsRangesBackThroughAnOffsetMap() throws {
        // Derived text: "会议召开。结束" from an original with an inserted annotation removed.
        let original = "会(hui)议召开。结束"
        let derived = "会议召开。结束"
        var map = OffsetMap()
        map.append(sourceLength: 3, targetLength: 3, linear: true)
        map.append(sourceLength: 5, targetLength: 0, linear: false)
        map.append(sourceLength: Array("议召开。结束".utf8).count, targetLength: Array("议召开。结束".utf8).count, linear: true)
        let sentences = SentenceSegmenter().sentences(in: derived, original: original, map: map)
        let bytes = Array(original.utf8)
        #expect(sentences.map { String(decoding: bytes[$0.utf8Range], as: UTF8.self) } == ["会(hui)议召开。", "结束"])
        #expect(sentences.map(\.scalarRange) == [0..<10, 10..<12])
    }

    @Test func emptyAndHugeLines() throws {
        #expect(SentenceSegmenter().sentences(in: "").isEmpty)
        #expect(SentenceSegmenter().sentences(in: "\n\n  \n").isEmpty)
        // A long line without terminators is one sentence, found in one pass.
        let line = String(repeating: "绿水青山就是金山银山，", count: 100_000)
        let sentences = SentenceSegmenter().sentences(in: line)
        #expect(sentences.count == 1)
        #expect(sentences[0].utf8Range == 0..<line.utf8.count)
        // An unclosed quote followed by many sentences does not hold them all.
        let unclosed = "他说“" + String(repeating: "好。", count: 1_000)
        #expect(SentenceSegmenter().sentences(in: unclosed).count == 1_000)
    }

    @Test func invalidBytesAreTokensLikeAnyOther() throws {
        let bytes: [UInt8] = Array("会议召开。".utf8) + [0xFF, 0xFE] + Array("结束。".utf8)
        var sentences: [Sentence] = []
        bytes.withUnsafeBufferPointer { SentenceSegmenter().forEachSentence(inUTF8: $0) { sentences.append($0) } }
        #expect(sentences.map(\.utf8Range) == [0..<15, 15..<26])
    }
}

@Suite struct SeedParagraphTests {
    /// Fixtures/gold/sentences: paragraphs of seeds 000, 001 and 003, raw and after cleanup (from
    /// Fixtures/gold/*.cleaned.txt, seed 003 with its pages joined), with
    /// their hand-checked sentences, one per line.
    @Test(arguments: ["000-paragraph", "001-paragraph", "003-paragraph", "000-cleaned", "001-cleaned", "003-cleaned"])
    func matchesHandCheckedSplits(name: String) throws {
        let directory = fixturesDirectory.appendingPathComponent("gold/sentences")
        let input = try String(contentsOf: directory.appendingPathComponent("\(name).input.txt"), encoding: .utf8)
        let expected = try String(contentsOf: directory.appendingPathComponent("\(name).expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(split(input) == expected)
    }
}
