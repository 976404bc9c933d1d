import Testing
import ZhTextSentences

/// Inputs the fuzz targets found, kept as cases (the raw inputs are also in Fuzz/Corpus/).
@Suite struct SentenceFuzzRegressionTests {
    /// More than 32 open brackets: the oldest is forgotten. The split it held (after 甲。) came out
    /// at the end of the line, after later sentences, so ranges went backwards.
    @Test(arguments: [false, true])
    func deepNestingKeepsSentencesInOrder(clauses: Bool) {
        let text = "（甲。乙" + String(repeating: "（", count: 32) + "丙" + String(repeating: "）", count: 32) + "丁。戊。己。\n"
        let sentences = SentenceSegmenter(options: .init(splitsClauses: clauses)).sentences(in: text)
        var previous = 0
        for sentence in sentences {
            #expect(sentence.utf8Range.lowerBound >= previous, "\(sentence.utf8Range) after \(previous)")
            #expect(sentence.utf8Range.upperBound <= text.utf8.count)
            previous = sentence.utf8Range.upperBound
        }
        #expect(sentences.first?.text(in: text) == "（甲。")
    }
}
