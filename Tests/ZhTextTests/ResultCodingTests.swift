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
        let result = pipeline.run(bytes: try Data(contentsOf: seed))
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
        let result = Cleaner().clean(bytes: bytes)
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
