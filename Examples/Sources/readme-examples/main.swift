// Every code example of the README, in its order, printing what the README's comments say it
// gives. `expected-output.txt` holds those values; CI diffs the two.
import ZhText

func show(_ label: String, _ value: Any) { print("\(label): \(value)") }

// MARK: Pipeline
do {
    let pipeline = try Pipeline(.init(conversion: .t2s))
    let scrapedBytes = Array("會(hui)議(yi)在(zai)北(bei)京(jing)召(zhao)開(kai)。堅持綠水青山就是金山銀山。\n".utf8)
    let result = pipeline.run(utf8: scrapedBytes)
    show("pipeline text", result.text)
    show("pipeline edits", result.cleanup?.edits.count ?? 0)
    for sentence in result.sentences { show("pipeline sentence", "\(sentence.value.text(in: result.text)) \(sentence.inputRange)") }
    for slogan in result.slogans { show("pipeline slogan", "\(slogan.value.canonical) \(slogan.value.kind) \(slogan.inputRange)") }
    show("pipeline input range", result.inputRange(forOutputRange: 0..<6))
}

// MARK: Tokenizer
do {
    let text = "全區(qū)生態(tài)環境保護大會召開。"
    var lines = 0
    Tokenizer().forEachToken(in: text) { token in
        if lines < 3 { print(token.kind.name, token.text(in: text), token.utf8Range, token.scalarRange) }
        lines += 1
    }
}

// MARK: Dictionary automaton
do {
    var builder = AutomatonBuilder()
    builder.add("绿水青山", value: 0)
    builder.add("绿水青山就是金山银山", value: 1)
    builder.add("三大战役", value: 2)
    let automaton = try builder.build()
    automaton.forEachLeftmostLongestMatch(in: "坚持绿水青山就是金山银山，打好三大战役") { match in
        print(match.utf8Range, match.value)
    }
    show("value for 三大战役", automaton.value(forKey: "三大战役") ?? -1)
    show("round trip", try DictionaryAutomaton(serialized: automaton.serialized()).keyCount)
}

// MARK: Cleanup
do {
    let input = "會(hui)議(yi)傳達,等(deng)(deng)(deng)工(gong)作(zuo)。河(湖)長制"
    let result = Cleaner().clean(input)
    show("clean text", result.text)
    show("first edit", result.edits[0])
    show("rebuilds", result.reconstructedInput() == input)
    show("escapes", Cleaner().clean("推动鍙戝睍，&#21457;&#x5C55;，%E5%8F%91%E5%B1%95").text)
}

// MARK: Script conversion
do {
    let converter = try ScriptConverter(.s2twp)
    show("s2twp", converter.convert("鼠标和U盘"))
    let result = converter.convertWithOffsets("用U盘拷贝")
    show("with offsets", result.text)
    show("source of 隨身碟", result.offsets.sourceRange(forTargetRange: 3..<12))
    let mine = try ScriptConverter(.s2t, userDictionary: [("发", "發")])
    show("user pair", mine.convert("头发"))
    var stream = converter.makeStream()
    let part = try stream.convert(chunk: Array("鼠标和".utf8))
    let rest = try stream.finish()
    show("stream", part + rest)
    show("detected", ScriptDetector().detect("會議傳達學習").script)
}

// MARK: Sentences
do {
    let text = "他说：“今天很好。明天也好。”然后走了。我们去看《摔跤吧！爸爸》好吗？好！"
    for sentence in SentenceSegmenter().sentences(in: text) {
        print(sentence.kind, sentence.text(in: text), sentence.utf8Range, sentence.scalarRange)
    }
}

// MARK: Slogans
do {
    let matcher = try SloganMatcher()
    let line = "全力打好“藍天”“碧水”“淨土”三大戰役，嚴控“兩高(gao)一低”項目"
    for match in try SloganMatcher(minimumConfidence: 0).matches(in: line) {
        print(match.canonical, match.kind, match.isQuoted, match.utf8Range, match.confidence)
    }
    print(matcher.matches(in: line).map(\.canonical))
    let mine = try SloganLexicon(tsv: "双减\t\teducation\n")
    let custom = try SloganMatcher(lexicon: mine.merging(over: .builtIn))
    show("counts", custom.canonicalCounts(in: "落实“双减”，落实“双减”").sorted { $0.key < $1.key })
}

// MARK: Words
do {
    let segmenter = try WordSegmenter()
    let text = "我来到北京清华大学"
    show("words", segmenter.strings(in: text))
    show("first word", "\(segmenter.words(in: text)[0].utf8Range) \(segmenter.words(in: text)[0].scalarRange)")
    show("search", try WordSegmenter(mode: .search).strings(in: "中国科学院"))
    show("full", try WordSegmenter(mode: .full).strings(in: text))
    let mine = try WordDictionary(jiebaFormat: "云计算 5\n创新办 3 i\n台中\n")
    let custom = try WordSegmenter(dictionary: mine, keepsSlogans: true)
    show("kept whole", custom.strings(in: "坚持绿水青山就是金山银山"))
}

// MARK: ICU
do {
    show("nfkc", try ICU.normalize("（２０２３）ＧＤＰ", to: .nfkc))
    show("gbk", try ICU.decode([0xB7, 0xA2, 0xD5, 0xB9], from: .gbk).text)
    show("mojibake", try ICU.decode(Array("发展".utf8), from: .gb18030, mode: .substitute).text)
    show("latin", try ICU.transliterate("中国", transform: "Han-Latin"))
}
