import Foundation
import Testing
import ZhText
import ZhTextTestSupport

/// The batch path as a library type: every gold record of `Fixtures/pipeline` (what
/// `zhtext pipeline --jsonl` wrote before the batch path was rewritten), and the error records a
/// stream mapper must give back instead of failing.
@Suite struct JSONLinesPipelineTests {
    let batch = JSONLinesPipeline(pipeline: try! Pipeline(), fields: [.text, .sentences, .slogans, .edits])

    @Test func everyGoldRecordComesBackTheSame() throws {
        let files = try batchGoldFiles(in: fixturesDirectory.appendingPathComponent("pipeline"))
        #expect(!files.isEmpty)
        for (inputURL, expected) in files {
            let input = inputURL.lastPathComponent
            let lines = try Data(contentsOf: inputURL).split(separator: 0x0A, omittingEmptySubsequences: false)
            let gold = try String(contentsOf: expected, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            // The gold has a record per line, the input's last line feed gives none.
            let records = lines.last?.isEmpty == true ? lines.dropLast() : lines[...]
            #expect(records.count == gold.count && gold.count > 1_000)
            for (n, (line, want)) in zip(records, gold).enumerated() {
                let record = batch.process(utf8: line, lineNumber: n + 1)
                let got = String(decoding: record.json, as: UTF8.self)
                if got != want + "\n" { Issue.record("\(input) line \(n + 1): \(got.prefix(200)) ≠ \(want.prefix(200))") }
                #expect(record.isError == want.contains("\"error\":"))
            }
        }
    }

    @Test(arguments: [
        (#"{"id":1,"text":5}"#, #"{"id":1,"line":3,"error":"\"text\" is not a string"}"#),
        ("not json", #"{"line":3,"error":"not JSON: not json"}"#),
        ("[1]", #"{"line":3,"error":"not a JSON object"}"#),
        (#"{"id":"x","text":"好\ud800"}"#, #"{"line":3,"error":"not JSON: {\"id\":\"x\",\"text\":\"好\\ud800\"}"}"#),
        ("  \r", #"{"line":3,"error":"empty line"}"#),
        (#"{"id":[1, 2],"date":"d"}"#, #"{"id":[1,2],"line":3,"error":"no \"text\" field","date":"d"}"#),
    ])
    func badLinesBecomeErrorRecords(line: String, expected: String) {
        let batch = JSONLinesPipeline(pipeline: self.batch.pipeline, passedFields: ["date"])
        let record = batch.process(line, lineNumber: 3)
        #expect(String(decoding: record.json, as: UTF8.self) == expected + "\n")
        #expect(record.isError)
    }

    @Test func invalidUTF8IsAnErrorRecordWithItsOffset() {
        let record = batch.process(utf8: Array(#"{"text":""#.utf8) + [0xE5, 0x22, 0x7D], lineNumber: 9)
        #expect(String(decoding: record.json, as: UTF8.self) == #"{"line":9,"error":"invalid UTF-8 at byte offset 9 of the line"}"# + "\n")
    }

    @Test func fieldsLineNumbersAndPassedMembersAreAsAsked() {
        var batch = JSONLinesPipeline(pipeline: self.batch.pipeline, fields: [.slogans], writesLineNumbers: false,
                                      passedFields: ["source", "missing"])
        let line = Array(#"{"source":"cctv","text":"推动绿色发展。","id":"a"}"#.utf8)
        #expect(String(decoding: batch.process(utf8: line, lineNumber: 1).json, as: UTF8.self)
            == #"{"id":"a","source":"cctv","slogans":[{"canonical":"绿色发展","kind":"lexicon","category":"ecology","quoted":false,"confidence":1,"input":[6,18]}]}"# + "\n")
        batch.fields = [.text]
        #expect(String(decoding: batch.process(utf8: line, lineNumber: 1).json, as: UTF8.self)
            == #"{"id":"a","source":"cctv","text":"推动绿色发展。"}"# + "\n")
    }

    @Test func editsAreCountedByStepAndKind() {
        let record = batch.process(#"{"text":"推进(tui)生态(sheng tai)文明建设"}"#, lineNumber: 1)
        #expect(!record.isError)
        #expect(record.editCounts.values.reduce(0, +) == 2)
        #expect(record.editCounts == ["pinyin-annotations/sparse-reading": 2])
    }
}

/// The writer's numbers against the standard library's.
@Suite struct JSONWriterNumberTests {
    /// A record is written straight into its array's storage, sized from the input line; one
    /// with more output than that (a slogan every few characters) moves to storage of its own.
    @Test func recordsLargerThanTheirEstimateAreWrittenWhole() throws {
        let text = String(repeating: "坚持“四个全面”，", count: 300)
        let line = Array("{\"id\":7,\"text\":\"\(text)\"}".utf8)
        let batch = JSONLinesPipeline(pipeline: try Pipeline())
        let record = batch.process(utf8: line, lineNumber: 1)
        #expect(record.json.count > line.count * 5 / 2 + 1024)
        let object = try #require(JSONSerialization.jsonObject(with: Data(record.json)) as? [String: Any])
        #expect(object["text"] as? String == text)
        #expect((object["slogans"] as? [Any])?.count == (try Pipeline().run(text).slogans.count))
        #expect(record.json.last == 0x0A)

        var expected: [UInt8] = []
        let written = RecordBuffer.array(estimatedCount: 1) { out in
            for k in 0..<10_000 {
                let piece = Array(String(k).utf8)
                piece.withUnsafeBufferPointer { out.append(bytes: $0) }
                out.append(byte: 0x2C)
                expected += piece + [0x2C]
            }
        }
        #expect(written == expected)
    }

    @Test func decimalsAreWhatStringWrites() {
        var generator = SplitMix64(seed: 15)
        var values = [0, 1, 9, 10, 99, 100, -1, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<2_000 {
            let digits = Int.random(in: 1...18, using: &generator)
            var value = Int.random(in: 0..<Int(pow(10.0, Double(digits))), using: &generator)
            if Bool.random(using: &generator) { value = -value }
            values.append(value)
        }
        for value in values {
            var out: [UInt8] = []
            out.append(decimal: value)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    @Test func fixedPointsHaveAtMostThreeDecimals() {
        for (value, text) in [(1.0, "1"), (0.0, "0"), (0.5, "0.5"), (0.873, "0.873"), (0.0504, "0.05"), (0.9996, "1"),
                              (0.0004, "0"), (2.5, "1"), (-1, "0"), (.nan, "0"), (0.1, "0.1"), (0.012, "0.012")] {
            var out: [UInt8] = []
            out.append(fixedPoint: value)
            #expect(String(decoding: out, as: UTF8.self) == text)
            #expect(JSONWriter.fixedPoint(value) == text)
        }
    }
}
