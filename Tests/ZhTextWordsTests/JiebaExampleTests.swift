import Testing
@testable import ZhTextWords

/// jieba's own README examples, with the output jieba 0.42.1 prints for them.
@Suite struct JiebaExampleTests {
    @Test func readmeExamples() throws {
        let accurate = try WordSegmenter()
        #expect(accurate.strings(in: "我来到北京清华大学") == ["我", "来到", "北京", "清华大学"])
        #expect(accurate.strings(in: "他来到了网易杭研大厦") == ["他", "来到", "了", "网易", "杭研", "大厦"])
        let full = try WordSegmenter(mode: .full)
        #expect(full.strings(in: "我来到北京清华大学") == ["我", "来到", "北京", "清华", "清华大学", "华大", "大学"])
        let search = try WordSegmenter(mode: .search)
        #expect(search.strings(in: "小明硕士毕业于中国科学院计算所，后在日本京都大学深造") ==
            ["小明", "硕士", "毕业", "于", "中国", "科学", "学院", "科学院", "中国科学院", "计算", "计算所", "，",
             "后", "在", "日本", "京都", "大学", "日本京都大学", "深造"])
    }
}

/// The embedded dictionary is loaded without validation on every start; here it must pass it.
@Suite struct EmbeddedDataTests {
    @Test func embeddedDictionaryPassesValidation() throws {
        let data = try JiebaData.load(validating: true)
        #expect(data.dictionary.keyCount == 349_045)
        #expect(data.total == 60_101_967)
        #expect(data.model.scalarCount > 6_000)
    }
}
