import Foundation
import Testing
import ZhTextWords

/// Every record of every file in `Fixtures/words/` (written by Scripts/make-word-fixtures from
/// Python jieba 0.42.1): the segmenter must give jieba's exact word list.
@Suite struct JiebaGoldTests {
    struct Record: Decodable, Sendable, CustomTestStringConvertible {
        var text: String
        var mode: String
        var hmm: Bool
        var words: [String]
        var testDescription: String { "\(mode)\(hmm ? "" : " no HMM"): \(text.prefix(30))" }
    }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/words")

    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "jsonl" }.sorted { $0.path < $1.path }
    }

    @Test func fixturesExist() throws {
        #expect(try Self.files().count >= 2)
    }

    @Test(arguments: try files())
    func matchesJieba(file: URL) throws {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        var segmenters: [String: WordSegmenter] = [:]
        for line in lines {
            let record = try JSONDecoder().decode(Record.self, from: Data(line.utf8))
            let key = "\(record.mode) \(record.hmm)"
            if segmenters[key] == nil {
                segmenters[key] = try WordSegmenter(mode: try #require(WordSegmenter.Mode(rawValue: record.mode)), usesHMM: record.hmm)
            }
            #expect(segmenters[key]!.strings(in: record.text) == record.words, "\(record.testDescription)")
        }
    }
}
