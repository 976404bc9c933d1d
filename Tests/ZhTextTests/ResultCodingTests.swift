import Foundation
import Testing
import ZhText

/// Every result type encodes with `JSONEncoder` and decodes back to an equal value, on the
/// seeds; the keys are the CLI's (checked against the binary in zhtextTests).
@Suite struct ResultCodingTests {
    static let seeds: [URL] = {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/seeds")
        return ((try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
    }()

    @Test func seedsExist() { #expect(Self.seeds.count >= 5) }

    @Test(arguments: seeds)
    func pipelineResultsRoundTrip(seed: URL) throws {
        let pipeline = try Pipeline(.init(conversion: .t2s, sentences: .init(splitsClauses: true), words: .init()))
        let result = pipeline.run(utf8: try Data(contentsOf: seed))
        #expect(!result.sentences.isEmpty && !result.words.isEmpty)
        let data = try JSONEncoder().encode(result)
        let decoded = try JSONDecoder().decode(PipelineResult.self, from: data)
        #expect(decoded == result)
        // The keys are the CLI's.
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let sentence = (object["sentences"] as! [[String: Any]])[0]
        #expect(Set(sentence.keys).isSuperset(of: ["kind", "utf8", "scalars", "input"]))
        if let slogan = (object["slogans"] as! [[String: Any]]).first {
            #expect(Set(slogan.keys).isSuperset(of: ["utf8", "text", "canonical", "kind", "quoted", "input"]))
        }
    }

    @Test func cleanupOfInvalidBytesRoundTripsExactly() throws {
        let bytes: [UInt8] = Array("发展".utf8) + [0xFF, 0xB7, 0xA2, 0xD5, 0xB9, 0x0A] + Array("會(hui)議".utf8)
        let result = Cleaner().clean(utf8: bytes)
        let decoded = try JSONDecoder().decode(CleanupResult.self, from: try JSONEncoder().encode(result))
        #expect(decoded == result)
        #expect(decoded.reconstructedInputBytes() == bytes)
        #expect(try JSONDecoder().decode([Finding].self, from: try JSONEncoder().encode(result.findings)) == result.findings)
    }

    @Test func tokensAndOffsetMapsRoundTrip() throws {
        let tokens = Tokenizer().tokens(in: "全面推进“生态文明”建设，2024年。😀")
        #expect(try JSONDecoder().decode([Token].self, from: try JSONEncoder().encode(tokens)) == tokens)
        let json = String(decoding: try JSONEncoder().encode(tokens[0]), as: UTF8.self)
        #expect(json.contains(#""kind":"han""#) && json.contains(#""utf8":[0,12]"#))
        var map = OffsetMap()
        map.append(sourceLength: 3, targetLength: 3, linear: true)
        map.append(sourceLength: 5, targetLength: 0, linear: false)
        #expect(try JSONDecoder().decode(OffsetMap.self, from: try JSONEncoder().encode(map)) == map)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OffsetMap.self, from: Data(#"{"pieces":[[3,4,true]]}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Token.self, from: Data(#"{"kind":"nonsense","utf8":[0,1],"scalars":[0,1]}"#.utf8))
        }
    }

    /// Values people print show their documented names, not Swift case names.
    @Test func printedValuesUseDocumentedNames() {
        #expect("\(SloganKind.numberedFormula)" == "numbered-formula")
        #expect("\(CleanupStep.pinyinAnnotations)" == "pinyin-annotations")
        #expect("\(TokenKind.punctuation(.sentenceTerminator))" == "punctuation.sentence-terminator")
        #expect("\(Sentence(kind: .terminated, utf8Range: 0..<6, scalarRange: 0..<2))" == "terminated 0..<6")
        let edit = Edit(inputRange: 3..<8, outputRange: 3..<3, original: "(hui)", replacement: "",
                        reason: EditReason(step: .pinyinAnnotations, kind: "reading", confidence: 1))
        #expect("\(edit)" == #"pinyin-annotations/reading 3..<8 "(hui)" → """#)
    }
}

/// Every result with a byte range gives its `String.Index` range in the text it came from.
@Suite struct StringRangeTests {
    @Test func rangesNameTheSameText() throws {
        let text = "全面推进“四减四增”，会(hui)议召开。emoji😀结尾"
        for token in Tokenizer().tokens(in: text) { #expect(String(text[token.range(in: text)]) == token.text(in: text)) }
        for sentence in SentenceSegmenter().sentences(in: text) {
            #expect(String(text[sentence.range(in: text)]) == sentence.text(in: text))
        }
        let matches = try SloganMatcher().matches(in: text)
        #expect(!matches.isEmpty)
        for match in matches { #expect(String(text[match.range(in: text)]) == match.text) }
        for word in try WordSegmenter().words(in: text) { #expect(String(text[word.range(in: text)]) == word.text(in: text)) }
        let cleaned = Cleaner().clean(String(repeating: "会(hui)议(yi)在(zai)北(bei)京(jing)召(zhao)开(kai)。\n", count: 3))
        #expect(!cleaned.edits.isEmpty)
        for edit in cleaned.edits { #expect(String(cleaned.text[edit.outputRange(in: cleaned.text)]) == edit.replacement) }
    }
}
