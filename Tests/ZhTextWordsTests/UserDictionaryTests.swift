import Testing
import ZhTextCore
import ZhTextWords

/// jieba's own user-dictionary example (`test/userdict.txt` and its test sentence), with the
/// words jieba 0.42.1 gives before and after `load_userdict`.
@Suite struct UserDictionaryTests {
    static let userDictionary = """
        云计算 5
        李小福 2 nr
        创新办 3 i
        easy_install 3 eng
        好用 300
        韩玉赏鉴 3 nz
        八一双鹿 3 nz
        台中
        凱特琳 nz
        Edu Trust认证 2000
        石墨烯

        """
    static let text = "李小福是创新办主任也是云计算方面的专家; 什么是八一双鹿\n例如我输入一个带“韩玉赏鉴”的标题，在自定义词库中也增加了此词为N类\n「台中」正確應該不會被切開。mac上可分出「石墨烯」；此時又可以分出來凱特琳了。"

    @Test func withoutUserDictionary() throws {
        #expect(try WordSegmenter().strings(in: Self.text) == [
            "李小福", "是", "创新", "办", "主任", "也", "是", "云", "计算", "方面", "的", "专家", ";", " ", "什么", "是",
            "八", "一双", "鹿", "\n", "例如", "我", "输入", "一个", "带", "“", "韩玉", "赏鉴", "”", "的", "标题", "，", "在",
            "自定义词", "库中", "也", "增加", "了", "此", "词为", "N", "类", "\n", "「", "台", "中", "」", "正確", "應該",
            "不會", "被", "切開", "。", "mac", "上", "可", "分出", "「", "石墨", "烯", "」", "；", "此時", "又", "可以",
            "分出", "來凱", "特琳", "了", "。"])
    }

    @Test func jiebaUserDictionaryExample() throws {
        let dictionary = try WordDictionary(jiebaFormat: Self.userDictionary)
        #expect(dictionary.entries.count == 11)
        #expect(dictionary.entries[1] == .init(word: "李小福", frequency: 2, tag: "nr"))
        #expect(dictionary.entries[7] == .init(word: "台中"))
        #expect(dictionary.entries[8] == .init(word: "凱特琳", tag: "nz"))
        #expect(dictionary.entries[9] == .init(word: "Edu Trust认证", frequency: 2000))
        let segmenter = try WordSegmenter(dictionary: dictionary)
        #expect(segmenter.strings(in: Self.text) == [
            "李小福", "是", "创新办", "主任", "也", "是", "云计算", "方面", "的", "专家", ";", " ", "什么", "是", "八一双鹿",
            "\n", "例如", "我", "输入", "一个", "带", "“", "韩玉赏鉴", "”", "的", "标题", "，", "在", "自定义词", "库中", "也",
            "增加", "了", "此", "词为", "N", "类", "\n", "「", "台中", "」", "正確", "應該", "不會", "被", "切開", "。", "mac",
            "上", "可", "分出", "「", "石墨烯", "」", "；", "此時", "又", "可以", "分出", "來", "凱特琳", "了", "。"])
        #expect(segmenter.userWordCount == 11)
    }

    /// `del_word` is `add_word(word, 0)`: the word is no longer reported.
    @Test func zeroFrequencyRemovesAWord() throws {
        var dictionary = WordDictionary()
        try dictionary.add("自定义", frequency: 0)
        #expect(try WordSegmenter(dictionary: dictionary).strings(in: "在自定义词库中") == ["在", "自定义词", "库中"])
        #expect(try WordSegmenter().strings(in: "我们中出了一个叛徒") == ["我们", "中出", "了", "一个", "叛徒"])
    }

    /// `re_userdict`: the word is the shortest prefix followed by ` digits`, ` letters` or both.
    @Test func lineFormat() throws {
        let cases: [(String, WordDictionary.Entry)] = [
            ("a 1 2", .init(word: "a 1", frequency: 2)),
            ("5 x", .init(word: "5", tag: "x")),
            ("New York 10 ns", .init(word: "New York", frequency: 10, tag: "ns")),
            ("abc 3 X", .init(word: "abc 3 X")),
            ("\u{FEFF}词 7", .init(word: "词", frequency: 7)),
            ("  词语\t", .init(word: "词语")),
        ]
        for (line, expected) in cases {
            #expect(try WordDictionary(jiebaFormat: line).entries == [expected], "\(line)")
        }
        #expect(try WordDictionary(jiebaFormat: "\n\n  \n").entries.isEmpty)
    }

    @Test func malformedLinesAreReportedWithTheirLine() {
        #expect(throws: ZhTextError.invalidDictionaryEntry(line: 2, reason: "frequency 99999999999999999999 exceeds 2147483647")) {
            try WordDictionary(jiebaFormat: "好 1\n坏 99999999999999999999\n")
        }
        #expect(throws: ZhTextError.invalidDictionaryEntry(line: 3, reason: "not UTF-8")) {
            try WordDictionary(jiebaFormat: Array("a\nb\n".utf8) + [0xFF, 0x0A])
        }
        #expect(throws: ZhTextError.self) { var d = WordDictionary(); try d.add("", frequency: 1) }
        #expect(throws: ZhTextError.self) { var d = WordDictionary(); try d.add("词", frequency: -1) }
    }

    /// `keepsSlogans` adds the built-in lexicon's terms as words, so that slogans stay whole.
    @Test func slogansStayWhole() throws {
        let plain = try WordSegmenter()
        let keeping = try WordSegmenter(keepsSlogans: true)
        let text = "坚持绿水青山就是金山银山的理念，以中国式现代化全面推进中华民族伟大复兴。"
        #expect(!plain.strings(in: text).contains("绿水青山就是金山银山"))
        let words = keeping.strings(in: text)
        #expect(words.contains("绿水青山就是金山银山"))
        #expect(words.contains("中国式现代化"))
        let custom = try WordSegmenter(keepsSlogans: true, extraTerms: ["新质生产力促进会"])
        #expect(custom.strings(in: "成立新质生产力促进会。").contains("新质生产力促进会"))
    }
}
