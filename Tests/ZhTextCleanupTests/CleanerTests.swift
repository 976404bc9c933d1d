import Foundation
import Testing
import ZhTextCore
import ZhTextTestSupport
@testable import ZhTextCleanup

let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixture(_ path: String) throws -> String {
    try String(contentsOf: fixturesDirectory.appendingPathComponent(path), encoding: .utf8)
}

@Suite struct PinyinAnnotationTests {
    @Test(arguments: ["002_b20d73b1386a8c16", "004_c85ba3acf2c804d7"])
    func seedsMatchTheirGoldFiles(name: String) throws {
        let seed = try fixture("seeds/\(name).txt")
        let result = Cleaner(options: .init(steps: [.pinyinAnnotations])).clean(seed)
        #expect(result.text == (try fixture("gold/\(name).pinyin-removed.txt")))
        #expect(result.reconstructedInput() == seed)
        #expect(result.edits.allSatisfy { $0.reason.step == .pinyinAnnotations && $0.replacement.isEmpty })
        #expect(result.offsets.sourceLength == seed.utf8.count && result.offsets.targetLength == result.text.utf8.count)
    }

    @Test func cleanSeedsAndGenuineParentheticalsAreLeftAlone() throws {
        for name in ["000_b721428b62508d59", "001_f5ac36b6864af140", "003_5be64723186af613"] {
            let seed = try fixture("seeds/\(name).txt")
            let result = Cleaner(options: .init(steps: [.pinyinAnnotations])).clean(seed)
            #expect(result.edits.isEmpty, "\(name): \(result.edits.map(\.original))")
            #expect(result.text == seed)
        }
        let genuine = "全面推行河(湖)长制(党组)于(2023)年实现(GDP)增长,华为(Huawei)在北京胡同(hutong)里。"
        #expect(Cleaner().clean(genuine).text == genuine)
    }

    /// Annotations outside an annotation-dense document, each line a one-line input: sparse
    /// readings beside genuine parentheticals, word-level readings joined or spaced, full-width
    /// parentheses. A lone toneless gloss and capitalised names stay.
    @Test(arguments: [
        ("推进(tui)生态(CO2)文明(ming)建设(2023)", "推进生态(CO2)文明建设(2023)"),
        ("減(jiǎn)排10項(GDP)指標", "減排10項(GDP)指標"),
        ("生态文明(shēngtàiwénmíng)建设取得新进展", "生态文明建设取得新进展"),
        ("书记(shū jì)主持会议(huiyi)", "书记主持会议"),
        ("会议（huì yì）召开，书记（shū jì）讲话", "会议召开，书记讲话"),
        ("北京的胡同(hutong)很有名，值得一看。", "北京的胡同(hutong)很有名，值得一看。"),
        ("记者李明(Li Ming)报道，华为(Huawei)发布新品", "记者李明(Li Ming)报道，华为(Huawei)发布新品"),
    ])
    func sparseAnnotations(input: String, expected: String) {
        let result = Cleaner(options: .init(steps: [.pinyinAnnotations])).clean(input)
        #expect(result.text == expected)
        #expect(result.reconstructedInput() == input)
        #expect(result.edits.allSatisfy { $0.reason.kind == "sparse-reading" })
    }

    @Test func denseDocumentsLoseEveryReading() {
        let text = "會(hui)議(yi)傳達學習,等(deng)(deng)(deng)工(gong)作(zuo)生(shēng)態(tài)。胡同(hutong)"
        let result = Cleaner().clean(text)
        #expect(result.text == "會議傳達學習,等工作生態。胡同")
        #expect(result.edits.map(\.original).prefix(5) == ["(hui)", "(yi)", "(deng)", "(deng)", "(deng)"])
        #expect(result.reconstructedInput() == text)
        // Offsets: the cleaned 議 maps back to 議 in the input.
        let cleaned = Array(result.text.utf8), input = Array(text.utf8)
        let at = 3
        let source = result.offsets.sourceRange(forTargetRange: at..<(at + 3))
        #expect(String(decoding: cleaned[at..<(at + 3)], as: UTF8.self) == "議")
        #expect(String(decoding: input[source], as: UTF8.self).hasSuffix("議"))
    }

    @Test func toneNumbersAndUmlautForms() {
        let text = "女(nv3)女(nü)女(nu:)綠(lu:4)色(se4)生(sheng1)活(huo2)"
        #expect(Cleaner().clean(text).text == "女女女綠色生活")
    }

    @Test func randomEditsRebuildTheInput() throws {
        var generator = SplitMix64(seed: 0x5EED_C1EA)
        let pieces = ["會(hui)", "議", "(yi)", "河(湖)", "(2023)", "發(fā)", "展", "(zhǎn)", "胡同(hutong)", "\n", "，", "abc",
                      "鍙戝睍", "·¢Õ¹", "&#21457;", "&amp;#x53D1;", "%E5%8F%91", "\\u53d1", "烫烫烫", "\u{FFFD}", "锟斤拷",
                      "版权所有:某网站\n", "\n\n2、", "原那么", "开展", "“", "”", "——", "5%", "R&D"]
        let cleaner = Cleaner(options: .init(steps: Set(CleanupStep.allCases)))
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let result = cleaner.clean(text)
            #expect(result.reconstructedInput() == text, "\(text.debugDescription)")
            #expect(result.offsets.sourceLength == text.utf8.count && result.offsets.targetLength == result.text.utf8.count)
        }
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let result = Cleaner().clean(text)
            #expect(result.reconstructedInput() == text)
            #expect(result.offsets.sourceLength == text.utf8.count)
        }
    }
}

@Suite struct PageNoiseTests {
    /// Fixtures/gold/*.cleaned.txt: every seed after all steps, checked by hand (chrome lines at
    /// the head and tail gone, seed 003's page markers joined, nothing else in the bodies changed).
    @Test(arguments: ["000_b721428b62508d59", "001_f5ac36b6864af140", "002_b20d73b1386a8c16",
                      "003_5be64723186af613", "004_c85ba3acf2c804d7"])
    func seedsMatchHandCheckedCleanups(name: String) throws {
        let seed = try fixture("seeds/\(name).txt")
        let result = Cleaner().clean(seed)
        #expect(result.text == (try fixture("gold/\(name).cleaned.txt")))
        #expect(result.reconstructedInput() == seed)
        var previous = 0
        for edit in result.edits {
            #expect(edit.inputRange.lowerBound >= previous)
            previous = edit.inputRange.upperBound
            #expect(result.offsets.targetRange(forSourceRange: edit.inputRange) == edit.outputRange)
        }
    }

    @Test func pageMarkersAndChromeOfSeed003() throws {
        let result = Cleaner(options: .init(steps: [.pageNoise])).clean(try fixture("seeds/003_5be64723186af613.txt"))
        let kinds = result.edits.map(\.reason.kind)
        #expect(kinds.filter { $0 == "page-marker" }.count == 9)
        #expect(result.edits.filter { $0.reason.kind == "page-marker" }.dropFirst().allSatisfy { $0.original.hasPrefix("\n\n") })
        #expect(!result.text.contains("上传人") && !result.text.contains("copyright") && !result.text.contains("第1页"))
        #expect(result.text.contains("已经成为我县培育开展新动能"))  // joined mid-word across a page break
    }

    /// Two pieces are enough when the break falls inside a word or a sentence (the issue's
    /// example, with and without its leading `1、`); lists, punctuated or not, stay.
    @Test(arguments: [
        ("近年来，我市坚持生态优先，推动全市生态文明建\n\n2、设迈上新台阶，取得显著成效。",
         "近年来，我市坚持生态优先，推动全市生态文明建设迈上新台阶，取得显著成效。"),
        ("1、坚持生态优先，推动全市生态文明建\n\n2、设迈上新台阶，取得显著成效。",
         "坚持生态优先，推动全市生态文明建设迈上新台阶，取得显著成效。"),
        ("会议指出，要坚持生态优先，\n\n2、推动全市生态文明建设迈上新台阶。",
         "会议指出，要坚持生态优先，推动全市生态文明建设迈上新台阶。"),
        ("主要任务如下：\n\n1、加强组织领导\n\n2、完善工作机制\n\n3、强化督查考核",
         "主要任务如下：\n\n1、加强组织领导\n\n2、完善工作机制\n\n3、强化督查考核"),
        ("主要任务如下：\n\n1、加强组织领导。\n\n2、完善工作机制。", "主要任务如下：\n\n1、加强组织领导。\n\n2、完善工作机制。"),
    ])
    func shortPageSplits(input: String, expected: String) {
        let result = Cleaner(options: .init(steps: [.pageNoise])).clean(input)
        #expect(result.text == expected)
        #expect(result.reconstructedInput() == input)
    }

    @Test func numberedListsAndBodyMentionsStay() throws {
        let negatives = try fixture("corpus/hard-negatives.txt")
        let result = Cleaner().clean(negatives)
        #expect(result.edits.isEmpty, "\(result.edits.map(\.original))")
        let list = (1...4).map { "\($0)、" + String(repeating: "坚持问题导向，推动整改落实见效。", count: 6) }.joined(separator: "\n\n")
        #expect(Cleaner().clean(list).edits.isEmpty)
    }

    /// Zero changes on clean text: 649 lines of the news corpus, one document and line by line.
    @Test func cleanCorpusLinesAreNotTouched() throws {
        let lines = try fixture("corpus/xwlb-clean-lines.txt")
        #expect(Cleaner().clean(lines).edits.isEmpty)
        for line in lines.split(separator: "\n") {
            let result = Cleaner().clean(String(line))
            #expect(result.edits.isEmpty, "\(line)")
        }
    }
}

@Suite struct MojibakeTests {
    /// Fixtures/mojibake/<kind>.tsv (written by Scripts/make-mojibake-fixtures from real lines):
    /// each kind's repair must restore at least 95% of the lines exactly (see the two exceptions).
    @Test(arguments: ["utf8-as-gbk", "utf8-as-cp1252", "utf8-as-latin1", "utf8-double-encoded", "gbk-as-latin1", "big5-as-latin1",
                      "html-entities", "html-hex-entities", "html-double-escaped", "percent-utf8", "percent-gbk",
                      "unicode-escapes", "utf8-as-big5", "gbk-as-big5", "big5-as-gbk"])
    func repairsEachKind(kind: String) throws {
        let rows = try fixture("mojibake/\(kind).tsv").split(separator: "\n")
        let cleaner = Cleaner(options: .init(steps: [.mojibake]))
        var restored = 0
        for row in rows {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            let result = cleaner.clean(String(fields[0]))
            if result.text == String(fields[1]) { restored += 1 }
            #expect(result.reconstructedInput() == String(fields[0]))
        }
        #expect(rows.count >= 30)
        #expect(Double(restored) >= 0.95 * Double(rows.count), "\(kind): \(restored) of \(rows.count)")
    }

    @Test func cleanTextIsNeverTouched() throws {
        let cleaner = Cleaner(options: .init(steps: [.mojibake]))
        let clean = try fixture("corpus/xwlb-clean-lines.txt")
        #expect(cleaner.clean(clean).edits.isEmpty)
        for line in clean.split(separator: "\n") {
            #expect(cleaner.clean(String(line)).edits.isEmpty, "\(line)")
        }
        #expect(cleaner.clean(try fixture("corpus/hard-negatives.txt")).edits.isEmpty)
        // The same lines as OpenCC writes them in Taiwan and Hong Kong forms (a Traditional
        // document: its Simplified-only forms could start a Big5-read-as-GBK look), as one
        // document and line by line (a line alone is no clear script, so both kinds look).
        let traditional = try fixture("corpus/traditional-clean-lines.txt")
        #expect(cleaner.clean(traditional).edits.isEmpty)
        for line in traditional.split(separator: "\n").prefix(400) {
            #expect(cleaner.clean(String(line)).edits.isEmpty, "\(line)")
        }
        for name in ["000_b721428b62508d59", "001_f5ac36b6864af140", "002_b20d73b1386a8c16",
                     "003_5be64723186af613", "004_c85ba3acf2c804d7"] {
            #expect(cleaner.clean(try fixture("seeds/\(name).txt")).edits.isEmpty, "\(name)")
        }
    }

    /// Lines of the corpus that, each its own document (as batch mode sees them), once read as
    /// Big5 in GBK or the reverse: a Simplified line around `鲁冀辽`, a Traditional line that is
    /// all Traditional forms. The whole corpus in its three forms, line by line, has no edit.
    @Test func shortLinesOfOneScriptStay() {
        let cleaner = Cleaner(options: .init(steps: [.mojibake]))
        for line in ["今明两天豫鲁冀辽等地有大雨或暴雨", "8.海外華僑華人：", "8.海外华侨华人："] {
            #expect(cleaner.clean(line).edits.isEmpty, "\(line)")
        }
    }

    @Test func classicExamples() {
        let cleaner = Cleaner(options: .init(steps: [.mojibake]))
        #expect(cleaner.clean("推动鍙戝睍").text == "推动发展")
        // windows-1252 has no 0x8F: browsers show U+008F; with it gone the text cannot be recovered.
        #expect(cleaner.clean("推动å\u{8F}‘å±•").text == "推动发展")
        #expect(cleaner.clean("推动å‘å±•").edits.isEmpty)
        #expect(cleaner.clean("推动·¢Õ¹").text == "推动发展")
        #expect(cleaner.clean("&#21457;&#x5C55;&ldquo;好&rdquo;").text == "发展“好”")
        #expect(cleaner.clean("%E5%8F%91%E5%B1%95").text == "发展")
        #expect(cleaner.clean("\\u53d1\\u5c55").text == "发展")
        #expect(cleaner.clean("数据烫烫烫烫丢失屯屯屯").text == "数据丢失")
        #expect(cleaner.clean("R&D 5% 50%折扣 a\\b").edits.isEmpty)
    }

    @Test func unrecoverableTextIsReportedNotGuessed() throws {
        let result = Cleaner().clean("数据\u{FFFD}\u{FFFD}丢失，锟斤拷锟斤拷")
        #expect(result.findings.map(\.kind).contains("replacement-character"))
        #expect(result.findings.map(\.kind).contains("kun-jin-kao"))
        #expect(result.text.contains("锟斤拷"))
        let seed = try fixture("seeds/002_b20d73b1386a8c16.txt")
        let findings = Cleaner().clean(seed).findings
        #expect(findings.contains { $0.kind == "garbled-bytes" })
        let bytes = Array(seed.utf8)
        #expect(findings.allSatisfy { String(decoding: bytes[$0.inputRange], as: UTF8.self) == "?" })
    }
}

@Suite struct SpinningTests {
    let spinning = Cleaner(options: .init(steps: [.spinning]))

    /// One spun sentence in an otherwise ordinary text: repaired where the neighbours alone are
    /// strong evidence; ordinary 开展 (活动持续开展, 高质量开展, 开展工作) stays.
    @Test func singleSpunSentence() {
        #expect(spinning.clean("推进经济社会协调开展，为高质量发展提供坚实根底。").text == "推进经济社会协调发展，为高质量发展提供坚实基础。")
        for ordinary in ["专项整治行动持续开展，让网络更清朗。", "推进主题教育高质量开展。", "积极开展工作，协调开展调研。"] {
            #expect(spinning.clean(ordinary).edits.isEmpty, "\(ordinary)")
        }
    }

    @Test func repairsSeed003sArtifacts() throws {
        let result = spinning.clean(try fixture("seeds/003_5be64723186af613.txt"))
        let pairs = Set(result.edits.map { "\($0.original)→\($0.replacement)" })
        for expected in ["开展→发展", "根底→基础", "原那么→原则", "效劳→服务", "屡次→多次", "本钱→成本", "缺乏→不足", "局部→部分"] {
            #expect(pairs.contains(expected), "\(expected)")
        }
        #expect(result.edits.allSatisfy { $0.reason.step == .spinning && $0.reason.confidence >= 0.7 })
        #expect(result.text.contains("改善环境就是发展生产力"))
        #expect(!result.text.contains("原那么"))
    }

    @Test func genuineWordsStayInAnArtifactDocument() {
        let text = "坚持原那么。要开展工作，推动经济开展，夯实根底。局部地区下雨，缺乏经验。"
        #expect(spinning.clean(text).text == "坚持原则。要开展工作，推动经济发展，夯实基础。局部地区下雨，缺乏经验。")
    }

    @Test func ordinaryDocumentsAreNotTouched() throws {
        #expect(spinning.clean(try fixture("corpus/hard-negatives.txt")).edits.isEmpty)
        #expect(spinning.clean(try fixture("corpus/xwlb-clean-lines.txt")).edits.isEmpty)
        #expect(spinning.clean(try fixture("seeds/001_f5ac36b6864af140.txt")).edits.isEmpty)
        #expect(!Cleaner.Options().steps.contains(.spinning))
    }

    @Test func unclosedQuotesAreReported() throws {
        let seed = try fixture("seeds/003_5be64723186af613.txt")
        let findings = Cleaner().clean(seed).findings.filter { $0.kind == "unclosed-quote" }
        #expect(findings.count >= 10)
        let bytes = Array(seed.utf8)
        #expect(findings.allSatisfy { String(decoding: bytes[$0.inputRange], as: UTF8.self) == "“" })
        #expect(Cleaner().clean("他说：“好。”然后").findings.isEmpty)
    }
}

@Suite struct LossyMojibakeTests {
    @Test func kunJinKaoInsideRepairableTextIsRepairedAroundTheLoss() throws {
        // UTF-8 with a lost character (U+FFFD), then read as GBK: 锟斤拷-like debris inside.
        let garbled = try ICU.decode(Array("推动发展\u{FFFD}基础设施".utf8), from: .gb18030, mode: .substitute).text
        let result = Cleaner(options: .init(steps: [.mojibake])).clean(garbled)
        #expect(result.text.hasPrefix("推动发展\u{FFFD}"))
        #expect(result.findings.contains { $0.kind == "lost-before-mojibake" })
        #expect(result.reconstructedInput() == garbled)
    }

    /// UTF-8 garbled twice through Python's lossy GBK codec (`errors="replace"`), as
    /// `Scripts/make-lossy-mojibake-fixtures` makes it: each lost character comes back as one
    /// U+FFFD or as itself, and the clean text around the run stays.
    @Test(arguments: [
        // The first decoder dropped 80 and 82 of the closing `。`, one byte each (`锟斤拷` twice):
        // one character lost, not two.
        ("娴犳牕婀�娴兼矮绗傞崥锟介崣鏍︾啊瀹搞儰缍斿Ч鍥ㄥГ娴兼哎锟斤拷", "他�会上�取了工作汇报会�"),
        // A short run with digits inside, next to clean text.
        ("8月2閺冦儻绱濈悮锟介崶鎵�鍏�众全部转移", "8月2日，���众全部转移"),
        // The clean `山` after the run reads on as `ɽ`: the run ends before it.
        ("在河南周口、濠�鏍у�崇拫宄扮厔閵嗭拷山西高平，杂技、舞狮、", "在河南周口、��谷城�山西高平，杂技、舞狮、"),
    ])
    func doublyGarbledRunsThroughLossyGBK(garbled: String, repaired: String) {
        expectMojibakeRepaired(garbled, as: repaired, kinds: [.utf8AsGBK, .restoredCharacter])
    }

    /// UTF-8 read once by Python's lossy GBK codec, with what news text holds besides Han:
    /// a sign (`℃`), and a U+FFFD that was in the text before (its bytes EF BF BD read with the
    /// ASCII after it as `锟給`).
    @Test(arguments: [
        ("鏈�楂樻皵娓╄揪鍒颁簡43鈩冦��", "�高气温达到了43℃�"),
        ("缃戝潃 https://tv.cctv.锟給m/2023", "网址 https://tv.cctv.\u{FFFD}om/2023"),
    ])
    func signsAndEarlierReplacementCharacters(garbled: String, repaired: String) {
        expectMojibakeRepaired(garbled, as: repaired, kinds: [.utf8AsGBK, .restoredCharacter])
    }

    /// UTF-8 read by Python's Big5 codec (`errors="replace"`), which writes one U+FFFD for each
    /// byte it drops (the WHATWG decoder drops two): every character comes back or is one U+FFFD.
    @Test(arguments: [
        ("[瑼Ｚ��������](https://tv.cctv.com/2023/04/01/)", "[檢���](https://tv.cctv.com/2023/04/01/)"),
        ("���摰嗡蜓撣剔��餈�撟喳�典��鈭祆��閬�靘�閮芰��憭�������撠�鈭箝��", "�家主席��平��京���訪�����人�"),
    ])
    func utf8ReadByPythonsBig5Codec(garbled: String, repaired: String) {
        expectMojibakeRepaired(garbled, as: repaired, kinds: [.utf8AsBig5, .restoredCharacter])
    }

    /// The mojibake step alone: the text it writes, only edits of `kinds`, and the edit log
    /// rebuilding the input.
    func expectMojibakeRepaired(_ garbled: String, as repaired: String, kinds: Set<EditKind>,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        let result = Cleaner(options: .init(steps: [.mojibake])).clean(garbled)
        #expect(result.text == repaired, sourceLocation: sourceLocation)
        #expect(result.edits.allSatisfy { kinds.contains($0.reason.kind) }, sourceLocation: sourceLocation)
        #expect(result.reconstructedInput() == garbled, sourceLocation: sourceLocation)
    }
}

@Suite struct RawBytesTests {
    @Test func legacyLinesAreDecodedAndGarbageReported() throws {
        let bytes = Array("会议召开。\n".utf8) + [0xB7, 0xA2, 0xD5, 0xB9, 0xBB, 0xF9, 0xB4, 0xA1] + Array("\n结束".utf8) + [0xFF]
        let result = Cleaner().clean(utf8: bytes)
        #expect(result.text == "会议召开。\n发展基础\n结束\u{FFFD}")
        #expect(result.edits.map(\.reason.kind).contains("gbk-bytes"))
        #expect(result.findings.contains { $0.kind == "invalid-utf8" })
        #expect(result.reconstructedInputBytes() == bytes)
    }

    @Test func onlyTheInvalidSequencesAreEditedAndReported() {
        // A truncated sequence (E5 8F), a stray byte (FF) and a surrogate (ED A0 80) in one line
        // that is neither GB 18030 nor Big5: each is one edit and one finding, with its own range,
        // and the valid text around them is untouched.
        let bytes = Array("会议".utf8) + [0xE5, 0x8F] + Array("召开".utf8) + [0xFF] + Array("。".utf8) + [0xED, 0xA0, 0x80]
        let result = Cleaner().clean(utf8: bytes)
        #expect(result.text == "会议\u{FFFD}召开\u{FFFD}。\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(result.findings.map(\.description) ==
                ["mojibake/invalid-utf8 6..<8", "mojibake/invalid-utf8 14..<15", "mojibake/invalid-utf8 18..<21"])
        #expect(result.edits.map(\.inputRange) == [6..<8, 14..<15, 18..<21])
        #expect(result.reconstructedInputBytes() == bytes)
    }

    @Test func randomBytesNeverCrashAndRebuildExactly() {
        var rng = SplitMix64(seed: 0xB17E5)
        let pieces: [[UInt8]] = [Array("发展".utf8), [0xFF], [0xB7, 0xA2], [0x0A], Array("鍙戝睍".utf8), [0xE5, 0x8F], Array("(hui)".utf8)]
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...30, using: &rng)).flatMap { _ in
                Bool.random(using: &rng) ? pieces.randomElement(using: &rng)! : [UInt8.random(in: 0...255, using: &rng)]
            }
            let result = Cleaner().clean(utf8: bytes)
            #expect(result.reconstructedInputBytes() == bytes)
            #expect(result.offsets.sourceLength == bytes.count)
        }
    }
}
