import Dispatch
import Foundation
import Testing
import ZhText

/// Runs the `zhtext` binary built next to this test bundle.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

func zhtextBinary() throws -> URL {
    let candidates = [
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("zhtext"),
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("zhtext"),
        Bundle.main.bundleURL.appendingPathComponent("zhtext"),
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
    }
    return found
}

func runZhtext(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> CLIRun {
    let process = Process()
    process.executableURL = try zhtextBinary()
    process.arguments = arguments
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // Input is written from another thread: the binary streams, so it may fill its output pipe
    // before it has read all of a large input, and a writer that waits for it would never return.
    let writer = input.fileHandleForWriting
    let wrote = DispatchSemaphore(value: 0)
    // A binary that exits before reading (a usage error) closes the pipe: the write fails with
    // EPIPE, which must not kill the test process with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    DispatchQueue.global().async {
        if let stdin { try? writer.write(contentsOf: stdin) }
        try? writer.close()
        wrote.signal()
    }
    // Standard error is read on its own thread too, for the same reason.
    let errBox = DataBox()
    let readErr = DispatchSemaphore(value: 0)
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async {
        errBox.data = errHandle.readDataToEndOfFile()
        readErr.signal()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    readErr.wait()
    wrote.wait()
    let errData = errBox.data
    process.waitUntilExit()
    return CLIRun(status: process.terminationStatus,
                  stdout: String(decoding: outData, as: UTF8.self),
                  stderr: String(decoding: errData, as: UTF8.self))
}

final class DataBox: @unchecked Sendable {
    var data = Data()
}

let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

@Suite struct TokensCommandTests {
    @Test func tokensOfASeedTileTheFile() throws {
        let url = fixtures.appendingPathComponent("seeds/002_b20d73b1386a8c16.txt")
        let original = try Data(contentsOf: url)
        let run = try runZhtext(["tokens", url.path])
        #expect(run.status == 0)
        var rebuilt = "", expectedStart = 0, scalarStart = 0
        for line in run.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let utf8 = object["utf8"] as! [Int], scalars = object["scalars"] as! [Int]
            #expect(utf8[0] == expectedStart)
            #expect(scalars[0] == scalarStart)
            expectedStart = utf8[1]
            scalarStart = scalars[1]
            rebuilt += object["text"] as! String
        }
        #expect(expectedStart == original.count)
        #expect(rebuilt == String(decoding: original, as: UTF8.self))
        #expect(run.stdout.contains(#""kind":"latin","text":"qū""#))
    }

    @Test func countsTokensFromStandardInput() throws {
        let run = try runZhtext(["tokens", "--count"], stdin: Data("打好“三大战役”。".utf8))
        #expect(run.status == 0)
        #expect(run.stdout.contains("han\t2\n"))
        #expect(run.stdout.contains("punctuation.opening-quote\t1\n"))
        #expect(run.stdout.contains("total\t5\n"))
        #expect(run.stdout.contains("bytes\t\("打好“三大战役”。".utf8.count)\n"))
    }

    @Test func invalidUTF8WarnsWithItsOffsetAndStrictFails() throws {
        let bytes = Data("发展".utf8) + Data([0xFF]) + Data("基础".utf8)
        let lenient = try runZhtext(["tokens"], stdin: bytes)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("invalid UTF-8 at byte offset 6"))
        #expect(lenient.stdout.contains(#""kind":"invalid""#))
        #expect(lenient.stdout.contains(#""bytes":"ff""#))
        let strict = try runZhtext(["tokens", "--strict"], stdin: bytes)
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("byte offset 6"))
    }

    @Test func emptyInputPrintsNothing() throws {
        let run = try runZhtext(["tokens"], stdin: Data())
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test func missingFileIsOneLineAndExit66() throws {
        let run = try runZhtext(["tokens", "/nonexistent/zhtext-input.txt"])
        #expect(run.status == 66)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("/nonexistent/zhtext-input.txt"))
        let directory = try runZhtext(["tokens", fixtures.path])
        #expect(directory.status == 66)
        #expect(directory.stderr.contains("is a directory"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let run = try runZhtext(["tokens", "--no-such-flag"])
        #expect(run.status == 64)
    }

    @Test func offsetsContinueAcrossReadChunks() throws {
        // Larger than one read (1 MiB), so the reader's line-aligned pieces are exercised.
        let line = "会议要求，要坚持系统思维。\n"
        let text = String(repeating: line, count: 90_000) + "结尾"
        let run = try runZhtext(["tokens", "--count"], stdin: Data(text.utf8))
        #expect(run.status == 0)
        #expect(run.stdout.contains("bytes\t\(text.utf8.count)\n"))
        #expect(run.stdout.contains("line-break\t90000\n"))
    }
}

@Suite struct MatchCommandTests {
    @Test func findsLexiconTermsWithOffsets() throws {
        let lexicon = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-lexicon-\(UUID()).txt")
        try "三大战役\t战役\n十二场硬仗\n一岗双责\n\n三大战役\n".write(to: lexicon, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: lexicon) }
        let seed = fixtures.appendingPathComponent("seeds/001_f5ac36b6864af140.txt")
        let run = try runZhtext(["match", "--lexicon", lexicon.path, seed.path])
        #expect(run.status == 0)
        let bytes = try [UInt8](Data(contentsOf: seed))
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let range = object["utf8"] as! [Int]
            #expect(String(decoding: bytes[range[0]..<range[1]], as: UTF8.self) == object["term"] as! String)
        }
        let count = try runZhtext(["match", "--lexicon", lexicon.path, "--count"], stdin: Data("三大战役和三大战役".utf8))
        #expect(count.stdout.contains("matches\t2\n"))
        #expect(count.stdout.contains("terms\t3\n"))
    }

    @Test func badLexiconsAreReported() throws {
        let lexicon = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-bad-\(UUID()).txt")
        try (Data("发展\n".utf8) + Data([0xB7, 0xA2])).write(to: lexicon)
        defer { try? FileManager.default.removeItem(at: lexicon) }
        let invalid = try runZhtext(["match", "--lexicon", lexicon.path], stdin: Data("发展".utf8))
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("byte offset 7"))
        let missing = try runZhtext(["match", "--lexicon", "/nonexistent/lexicon.txt"], stdin: Data())
        #expect(missing.status == 66)
    }
}

@Suite struct ConvertCommandTests {
    @Test func convertsSeedFilesAndStandardInput() throws {
        let run = try runZhtext(["convert", "-c", "s2twp"], stdin: Data("鼠标和U盘。\n低级别产品".utf8))
        #expect(run.status == 0)
        #expect(run.stdout == "滑鼠和隨身碟。\n低級別產品")
        let seed = fixtures.appendingPathComponent("seeds/004_c85ba3acf2c804d7.txt")
        let file = try runZhtext(["convert", "--config", "t2s", seed.path])
        #expect(file.status == 0)
        #expect(file.stdout.contains("污染防治攻坚会"))
        #expect(file.stdout.unicodeScalars.count == (try String(contentsOf: seed, encoding: .utf8)).unicodeScalars.count)
    }

    @Test func statsReportTheConversionOnStandardError() throws {
        let run = try runZhtext(["convert", "-c", "s2t", "--stats"], stdin: Data("发展经济\n".utf8))
        #expect(run.status == 0)
        #expect(run.stdout == "發展經濟\n")
        #expect(run.stderr.hasPrefix("zhtext: s2t: converted 0.0 MB in "))
        #expect(run.stderr.contains("MB/s; reading and writing excluded)"))
    }

    @Test func writesToAnOutputFile() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-out-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try runZhtext(["convert", "-c", "s2t", "-o", output.path], stdin: Data("发展".utf8))
        #expect(run.status == 0 && run.stdout.isEmpty)
        #expect(try String(contentsOf: output, encoding: .utf8) == "發展")
    }

    @Test func unknownConfigurationIsAUsageError() throws {
        let run = try runZhtext(["convert", "-c", "s2x"], stdin: Data("发展".utf8))
        #expect(run.status == 64)
        #expect(run.stderr.contains("s2x") && run.stderr.contains("s2twp"))
    }

    @Test func invalidUTF8FailsWithItsOffsetUnlessLossy() throws {
        let bytes = Data("发展\n基础".utf8) + Data([0xC0]) + Data("设施".utf8)
        let strict = try runZhtext(["convert", "-c", "s2t"], stdin: bytes)
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("byte offset 13"))
        let lossy = try runZhtext(["convert", "-c", "s2t", "--lossy"], stdin: bytes)
        #expect(lossy.status == 0)
        #expect(lossy.stdout == "發展\n基礎\u{FFFD}設施")
        #expect(lossy.stderr.contains("byte offset 13"))
    }

    @Test func userDictionaryFileTakesPriority() throws {
        let dictionary = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-dict-\(UUID()).tsv")
        defer { try? FileManager.default.removeItem(at: dictionary) }
        try "# mine\n鼠标\t游標器 滑鼠\n".write(to: dictionary, atomically: true, encoding: .utf8)
        let run = try runZhtext(["convert", "-c", "s2twp", "--dictionary", dictionary.path], stdin: Data("鼠标".utf8))
        #expect(run.stdout == "游標器")
        try "鼠标 no tab\n".write(to: dictionary, atomically: true, encoding: .utf8)
        let bad = try runZhtext(["convert", "-c", "s2twp", "--dictionary", dictionary.path], stdin: Data("鼠标".utf8))
        #expect(bad.status == 65)
        #expect(bad.stderr.contains(":1:"))
    }

    @Test func largeInputStreamsWithTheSameResult() throws {
        let line = "会议要求，要坚持系统思维，注重统筹发力。"
        let text = String(repeating: line, count: 70_000)  // one 4 MB line, cut at its punctuation
        let run = try runZhtext(["convert", "-c", "s2t"], stdin: Data(text.utf8))
        #expect(run.status == 0)
        #expect(run.stdout == String(repeating: "會議要求，要堅持系統思維，注重統籌發力。", count: 70_000))
    }
}

@Suite struct SentencesCommandTests {
    @Test func printsSentencesAndJSON() throws {
        let text = "他说：“今天很好。明天也好。”然后走了。\n## 标题\n"
        let plain = try runZhtext(["sentences"], stdin: Data(text.utf8))
        #expect(plain.status == 0)
        #expect(plain.stdout == "他说：“今天很好。明天也好。”\n然后走了。\n## 标题\n")
        let json = try runZhtext(["sentences", "--json"], stdin: Data(text.utf8))
        let objects = try json.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.map { $0["kind"] as! String } == ["terminated", "terminated", "heading"])
        #expect(objects[1]["utf8"] as! [Int] == [45, 60])
        #expect(objects[1]["scalars"] as! [Int] == [15, 20])
    }

    @Test func offsetsContinueAcrossFilesAndEmptyInput() throws {
        let empty = try runZhtext(["sentences"], stdin: Data())
        #expect(empty.status == 0 && empty.stdout.isEmpty)
        let missing = try runZhtext(["sentences", "/nonexistent/file.txt"])
        #expect(missing.status == 66)
    }

    @Test func icuBaselineSplitsInsideQuotes() throws {
        let run = try runZhtext(["sentences", "--icu"], stdin: Data("他说：“今天很好。明天也好。”然后走了。".utf8))
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 3)  // ICU splits inside the quote
    }
}

@Suite struct CleanCommandTests {
    @Test func cleansASeedToItsGoldFile() throws {
        let seed = fixtures.appendingPathComponent("seeds/002_b20d73b1386a8c16.txt")
        let run = try runZhtext(["clean", seed.path])
        #expect(run.status == 0)
        #expect(run.stdout == (try String(contentsOf: fixtures.appendingPathComponent("gold/002_b20d73b1386a8c16.cleaned.txt"), encoding: .utf8)))
    }

    @Test func explainsEveryEdit() throws {
        let run = try runZhtext(["clean", "--explain"], stdin: Data("會(hui)議(yi)傳達,等(deng)(deng)。".utf8))
        let edits = try run.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(edits.map { $0["original"] as! String } == ["(hui)", "(yi)", "(deng)", "(deng)"])
        #expect(edits[0]["input"] as! [Int] == [3, 8])
        #expect(edits[0]["step"] as! String == "pinyin-annotations")
    }

    @Test func badStepsAndBadBytes() throws {
        #expect(try runZhtext(["clean", "--steps", "nonsense"], stdin: Data()).status == 64)
        let bad = try runZhtext(["clean"], stdin: Data([0x41, 0xFF]))
        #expect(bad.status == 0)
        #expect(bad.stdout == "A\u{FFFD}")
        #expect(bad.stderr.contains("bytes 1..<2"))  // the invalid byte, not the whole line
        // A GBK line in a UTF-8 file is decoded.
        let gbk = try runZhtext(["clean"], stdin: Data("第一行\n".utf8) + Data([0xB7, 0xA2, 0xD5, 0xB9, 0xBB, 0xF9, 0xB4, 0xA1]))
        #expect(gbk.stdout == "第一行\n发展基础")
        #expect(try runZhtext(["clean", "--steps", "pinyin-annotations"], stdin: Data("會(hui)議(yi)傳(chuan)".utf8)).stdout == "會議傳")
    }
}

@Suite struct SlogansCommandTests {
    let seed = fixtures.appendingPathComponent("seeds/004_c85ba3acf2c804d7.txt").path

    /// Records in: each slogan with its record's id and offsets into its text; or counts per
    /// month of a date field, as CSV (a group with a comma quoted), with bad lines skipped.
    @Test func countsSlogansPerGroupOfRecords() throws {
        let input = """
            {"id":1,"date":"2024-03-15","source":"a,b","text":"推进“四减四增”，守护绿水青山就是金山银山。"}
            {"id":"x","date":"20240320","source":"c","text":"推进“四减四增”。"}
            not json
            {"id":3,"date":"2024年4月1日","source":"c","text":"绿水青山就是金山银山"}
            {"id":4,"date":"someday","text":"四减四增"}
            """
        let matches = try runZhtext(["slogans", "--jsonl"], stdin: Data(input.utf8))
        #expect(matches.status == 0)
        let first = try #require(matches.stdout.split(separator: "\n").first)
        #expect(first.hasPrefix(#"{"id":1,"utf8":[9,21],"text":"四减四增","canonical":"四减四增""#))
        #expect(matches.stderr.contains("1 of 5 records skipped"))

        let byMonth = try runZhtext(["slogans", "--jsonl", "--group-by", "date", "--by-month", "--format", "csv"], stdin: Data(input.utf8))
        #expect(byMonth.stdout == """
            date,canonical,category,count
            2024-03,四减四增,ecology,2
            2024-03,绿水青山就是金山银山,ecology,1
            2024-04,绿水青山就是金山银山,ecology,1
            someday,四减四增,ecology,1

            """)
        #expect(byMonth.stderr.contains("1 record with a date that is not a date"))
        let bySource = try runZhtext(["slogans", "--jsonl", "--group-by", "source", "--format", "csv"], stdin: Data(input.utf8))
        #expect(bySource.stdout.split(separator: "\n").contains(#""a,b",四减四增,ecology,1"#))
        #expect(bySource.stdout.contains("\n,四减四增,ecology,1\n"), "a record without the field counts under the empty group")
        let asJSON = try runZhtext(["slogans", "--jsonl", "--stats", "--format", "jsonl"], stdin: Data(input.utf8))
        #expect(asJSON.stdout.hasPrefix(#"{"canonical":"四减四增","category":"ecology","count":3}"#))
        let misuse = try runZhtext(["slogans", "--group-by", "date"], stdin: Data())
        #expect(misuse.status == 64 && misuse.stderr.contains("--group-by and --format are for records (--jsonl)"))
    }

    @Test func printsSlogansAsJSONLinesWithOffsetsIntoTheFile() throws {
        let run = try runZhtext(["slogans", seed])
        #expect(run.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: seed))
        let records = try run.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let formula = try #require(records.first { $0["canonical"] as? String == "两高一低" })
        #expect(formula["kind"] as? String == "numbered-formula")
        #expect(formula["quoted"] as? Bool == true)
        let range = formula["utf8"] as! [Int]
        #expect(String(decoding: bytes[range[0]..<range[1]], as: UTF8.self) == formula["text"] as? String)
    }

    @Test func statsCountPerFileAndOverall() throws {
        let other = fixtures.appendingPathComponent("seeds/002_b20d73b1386a8c16.txt").path
        let run = try runZhtext(["slogans", "--stats", seed, other])
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.first?.count == 5)
        let battle = try #require(rows.first { $0[0] == "蓝天、碧水、净土保卫战" })
        #expect(battle[1] == "ecology" && battle[2] == "2" && battle[3] == "1" && battle[4] == "1")
        #expect(rows.last?[0] == "(all slogans)")
    }

    @Test func malformedUserLexiconLinesAreReportedOrRejected() throws {
        let lexicon = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-slogans-\(UUID()).tsv")
        try Data("控排\t控排控油控烧\tmine\n\t空\n".utf8).write(to: lexicon)
        defer { try? FileManager.default.removeItem(at: lexicon) }
        let lenient = try runZhtext(["slogans", "--lexicon", lexicon.path, "--kinds", "lexicon"], stdin: Data("统筹推进控排".utf8))
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("\(lexicon.path):2: empty term"))
        #expect(lenient.stdout.contains("\"canonical\":\"控排控油控烧\""))
        let strict = try runZhtext(["slogans", "--strict", "--lexicon", lexicon.path], stdin: Data())
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("\(lexicon.path):2"))
    }

    @Test func invalidUTF8IsReportedAndMatchesNothing() throws {
        let run = try runZhtext(["slogans"], stdin: Data("推进".utf8) + Data([0xFF]) + Data("“四减四增”".utf8))
        #expect(run.status == 0)
        #expect(run.stderr.contains("invalid UTF-8 at byte offset 6"))
        #expect(run.stdout.contains("\"utf8\":[10,22]"))
    }

    /// Issue 17: every match carries its confidence; the threshold, every candidate and a
    /// recurrence table of one's own are options, and a bad table is a readable data error.
    @Test func confidenceThresholdAndRecurrenceTable() throws {
        let text = Data("全体干部要以紧迫感、责任感、使命感，推进“四减四增”，打造“赏花游”品牌。".utf8)
        func parse(_ out: String) throws -> [[String: Any]] {
            try out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
        let all = try parse(runZhtext(["slogans", "--all-candidates"], stdin: text).stdout)
        let byDefault = try parse(runZhtext(["slogans"], stdin: text).stdout)
        let strict = try parse(runZhtext(["slogans", "--min-confidence", "0.9"], stdin: text).stdout)
        #expect(all.allSatisfy { ($0["confidence"] as? Double).map { (0...1).contains($0) } == true })
        let name = try #require(all.first { $0["canonical"] as? String == "赏花游" })
        #expect((name["confidence"] as! Double) < 0.5)
        #expect(!byDefault.contains { $0["canonical"] as? String == "赏花游" })
        // 四减四增 is a lexicon term and scores 1 at any threshold.
        #expect(strict.contains { $0["canonical"] as? String == "四减四增" && $0["confidence"] as? Double == 1 })
        #expect(strict.count < all.count)

        let table = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-recurrence-\(UUID()).tsv")
        defer { try? FileManager.default.removeItem(at: table) }
        try Data("# counted on my corpus\n赏花游\t60\n".utf8).write(to: table)
        let mine = try parse(runZhtext(["slogans", "--all-candidates", "--recurrence", table.path], stdin: text).stdout)
        let rescored = try #require(mine.first { $0["canonical"] as? String == "赏花游" })
        #expect((rescored["confidence"] as! Double) > (name["confidence"] as! Double))
        try Data("赏花游\t60\n双碳\n".utf8).write(to: table)
        let malformed = try runZhtext(["slogans", "--recurrence", table.path], stdin: text)
        #expect(malformed.status == 65 && malformed.stderr.contains("\(table.path):2: 1 tab-separated fields"))
        try Data([0x61, 0x09, 0x31, 0x0A, 0xFF]).write(to: table)
        let binary = try runZhtext(["slogans", "--recurrence", table.path], stdin: text)
        #expect(binary.status == 65 && binary.stderr.contains("invalid UTF-8 at byte offset 4"))
        #expect(try runZhtext(["slogans", "--recurrence", "/nonexistent/table.tsv"], stdin: text).status == 66)
        for bad in [["--min-confidence", "1.5"], ["--min-confidence", "nan"], ["--all-candidates", "--min-confidence", "0.2"]] {
            let run = try runZhtext(["slogans"] + bad, stdin: text)
            #expect(run.status == 64, "\(bad)")
        }
    }

    @Test func pipelineSloganThresholdIsAnOption() throws {
        let text = Data(#"{"id":"a","text":"打造“赏花游”品牌，推进“四减四增”。"}"#.utf8)
        let byDefault = try runZhtext(["pipeline", "--jsonl", "--quiet", "--fields", "slogans"], stdin: text)
        let every = try runZhtext(["pipeline", "--jsonl", "--quiet", "--fields", "slogans", "--slogan-min-confidence", "0"], stdin: text)
        #expect(!byDefault.stdout.contains("赏花游") && byDefault.stdout.contains("四减四增"))
        #expect(every.stdout.contains(#""canonical":"赏花游""#) && every.stdout.contains("四减四增"))
        #expect(try runZhtext(["pipeline", "--slogan-min-confidence", "2"], stdin: Data()).status == 64)
    }

    @Test func nestedSlogansPointAtTheirParent() throws {
        let text = Data("坚持习近平新时代中国特色社会主义思想。".utf8)
        let outer = try runZhtext(["slogans"], stdin: text)
        #expect(outer.stdout.split(separator: "\n").count == 1 && !outer.stdout.contains("parent"))
        let nested = try runZhtext(["slogans", "--nested"], stdin: text)
        let lines = nested.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains(#""canonical":"新时代""#) && lines[1].hasSuffix(#","parent":[6,54]}"#))
        let stats = try runZhtext(["slogans", "--nested", "--stats"], stdin: text)
        #expect(stats.stdout.contains("新时代\tideology\t1\t1"))
    }

    @Test func badArgumentsAndEmptyInput() throws {
        #expect(try runZhtext(["slogans", "--kinds", "nonsense"], stdin: Data()).status == 64)
        #expect(try runZhtext(["slogans", "/nonexistent/file.txt"]).status == 66)
        let empty = try runZhtext(["slogans"], stdin: Data())
        #expect(empty.status == 0 && empty.stdout.isEmpty)
    }
}

@Suite struct PipelineCommandTests {
    @Test func plainModePrintsSentencesAndSlogansOfASeed() throws {
        let run = try runZhtext(["pipeline", "--quiet", "--convert", "t2s", fixtures.appendingPathComponent("seeds/004_c85ba3acf2c804d7.txt").path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("会议指出,污染防治攻坚关乎发展全局"))
        #expect(!run.stdout.contains("(jin)"))
        #expect(run.stdout.contains("# slogans: ") && run.stdout.contains("两高一低 (numbered-formula)"))
        #expect(run.stderr.isEmpty)
    }

    @Test func jsonLinesBatchKeepsGoingAfterBadLines() throws {
        let input = """
            {"id":7,"text":"严控“两高一低”项目。"}
            not json
            {"id":"b","title":"no text"}
            {"id":"c","text":42}

            {"id":[1,2],"text":"推进“四减四增”，统筹推进控排、控油、控烧。"}
            """
        let run = try runZhtext(["pipeline", "--jsonl", "--jobs", "2", "--fields", "text,slogans"], stdin: Data(input.utf8))
        #expect(run.status == 0)
        let records = try run.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(records.count == 6)
        #expect(records.map { $0["line"] as? Int } == [1, 2, 3, 4, 5, 6])
        #expect(records[0]["id"] as? Int == 7)
        #expect((records[0]["slogans"] as? [[String: Any]])?.first?["canonical"] as? String == "两高一低")
        #expect(records[1]["error"] as? String == "not JSON: not json")
        #expect(records[2]["error"] as? String == "no \"text\" field")
        #expect(records[3]["error"] as? String == "\"text\" is not a string")
        #expect(records[4]["error"] as? String == "empty line")
        #expect((records[5]["slogans"] as? [[String: Any]])?.count == 2)
        #expect(run.stderr.contains("6 lines (4 error records)"))
        #expect(run.stderr.contains("MB/s"))
    }

    /// Under Spark or Hadoop each process reads one partition: `--no-line` drops the partition's
    /// line numbers, `--pass` carries the fields a study groups by, and every record with an id,
    /// error records included, comes back with it.
    @Test func batchModeForPartitionsDropsLinesAndPassesFields() throws {
        let input = """
            {"id":"a","date":"2024-03","source":{"site":"xwlb"},"text":"严控“两高一低”项目。"}
            not json
            {"id":"b","date":"2024-04","title":"no text"}
            {"id":"c","text":"没有日期。"}
            """
        let run = try runZhtext(["pipeline", "--jsonl", "--quiet", "--no-line", "--pass", "date,source", "--fields", "slogans"],
                                stdin: Data(input.utf8))
        #expect(run.status == 0)
        #expect(run.stdout == """
            {"id":"a","date":"2024-03","source":{"site":"xwlb"},"slogans":[{"canonical":"两高一低","kind":"numbered-formula","category":"ecology","quoted":true,"confidence":1,"input":[9,21]}]}
            {"error":"not JSON: not json"}
            {"id":"b","error":"no \\"text\\" field","date":"2024-04"}
            {"id":"c","slogans":[]}

            """)
        // With line numbers, an error record of an object with an id carries both.
        let withLines = try runZhtext(["pipeline", "--jsonl", "--quiet"], stdin: Data(#"{"id":9}"#.utf8))
        #expect(withLines.stdout == #"{"id":9,"line":1,"error":"no \"text\" field"}"# + "\n")
        let plain = try runZhtext(["pipeline", "--no-line"], stdin: Data("文本".utf8))
        #expect(plain.status == 64 && plain.stderr.contains("--no-line and --pass are for batch mode"))
        let clash = try runZhtext(["pipeline", "--jsonl", "--pass", "slogans"], stdin: Data())
        #expect(clash.status == 64 && clash.stderr.contains("'slogans' is a field the output already has"))
    }

    @Test func badInputsHaveClearMessagesAndExitCodes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-pipeline-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let noText = try runZhtext(["pipeline", directory.path])
        #expect(noText.status == 66)
        #expect(noText.stderr.contains("no .txt files in directory"))
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF]).write(to: directory.appendingPathComponent("garbage.txt"))
        try Data().write(to: directory.appendingPathComponent("empty.txt"))
        try Data("推进“四减四增”。".utf8).write(to: directory.appendingPathComponent("good.txt"))
        let mixed = try runZhtext(["pipeline", directory.path])
        #expect(mixed.status == 65)
        #expect(mixed.stderr.contains("garbage.txt: binary data (NUL byte at offset 4), skipped"))
        #expect(mixed.stderr.contains("empty.txt: empty input"))
        #expect(mixed.stdout.contains("四减四增 (numbered-formula)"))
        #expect(mixed.stderr.contains("3 files"))
        #expect(try runZhtext(["pipeline", "/nonexistent/file.txt"]).status == 66)
        let invalid = try runZhtext(["pipeline", "--quiet"], stdin: Data("推进".utf8) + Data([0xFF]) + Data("“四减四增”。".utf8))
        #expect(invalid.status == 0)
        #expect(invalid.stderr.contains("<stdin>: invalid UTF-8 at byte offset 6"))
        #expect(invalid.stdout.contains("\u{FFFD}") && invalid.stdout.contains("四减四增 (numbered-formula)"))
        #expect(try runZhtext(["pipeline", "--convert", "x2y"], stdin: Data()).status == 64)
    }
}

@Suite struct OutputOptionTests {
    /// Every subcommand takes `-o FILE`; a path that cannot be written is an I/O error (74).
    @Test(arguments: ["clean", "sentences", "tokens", "slogans", "words", "pipeline"])
    func writesToTheNamedFile(command: String) throws {
        let seed = fixtures.appendingPathComponent("seeds/001_f5ac36b6864af140.txt").path
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-o-\(UUID()).out")
        defer { try? FileManager.default.removeItem(at: target) }
        let toFile = try runZhtext([command, "-o", target.path, seed] + (command == "pipeline" ? ["--quiet"] : []))
        let toStdout = try runZhtext([command, seed] + (command == "pipeline" ? ["--quiet"] : []))
        #expect(toFile.status == 0 && toFile.stdout.isEmpty)
        #expect(try String(contentsOf: target, encoding: .utf8) == toStdout.stdout)
        let unwritable = try runZhtext([command, "-o", "/nonexistent/dir/out.txt", seed])
        #expect(unwritable.status == 74)
        #expect(unwritable.stderr.contains("cannot write '/nonexistent/dir/out.txt'"))
    }
}

/// The reliability issue's reproducers, through the binary: no crash, and documents larger
/// than a piece give what the whole document gives.
@Suite struct HostileInputCommandTests {
    @Test func aTwentyDigitLineIsText() throws {
        let input = Data("10000000000000000000\n".utf8)
        let clean = try runZhtext(["clean"], stdin: input)
        #expect(clean.status == 0)
        #expect(clean.stdout == "10000000000000000000\n")
        let pipeline = try runZhtext(["pipeline", "--quiet"], stdin: input)
        #expect(pipeline.status == 0)
        #expect(pipeline.stdout == "10000000000000000000\n")
        let batch = try runZhtext(["pipeline", "--jsonl", "--quiet"],
                                  stdin: Data("{\"id\":1,\"text\":\"9999999999999999999\"}\n{\"id\":2,\"text\":\"好\"}\n".utf8))
        #expect(batch.status == 0)
        #expect(batch.stdout.split(separator: "\n").count == 2)
        #expect(batch.stdout.contains("\"sentences\":[\"9999999999999999999\"]"))
    }

    @Test func carriageReturnLinesAreLines() throws {
        let run = try runZhtext(["sentences"], stdin: Data("第一句话没有标点\r第二句话也没有\r".utf8))
        #expect(run.status == 0)
        #expect(run.stdout == "第一句话没有标点\n第二句话也没有\n")
    }

    /// A line of 3 MB with no line break is read in pieces: every token is still counted once.
    @Test func aLineWithoutLineFeedsIsCountedWhole() throws {
        let sentence = "全区生态环境保护大会召开。"
        let count = 3 * (1 << 20) / sentence.utf8.count
        let run = try runZhtext(["tokens", "--count"], stdin: Data(String(repeating: sentence, count: count).utf8))
        #expect(run.status == 0)
        #expect(run.stdout.contains("han\t\(count)\n"))
        #expect(run.stdout.contains("punctuation.sentence-terminator\t\(count)\n"))
    }

    /// `pipeline FILE` streams a document larger than a piece; its JSON equals what batch mode
    /// gives for the same text as one record (which is processed whole).
    @Test func aStreamedDocumentEqualsTheWholeOne() throws {
        var text = "当前位置：首页 > 新闻\n扫一扫 手机版\n"
        let lines = try String(contentsOf: fixtures.appendingPathComponent("corpus/xwlb-clean-lines.txt"), encoding: .utf8)
        let seed = try String(contentsOf: fixtures.appendingPathComponent("seeds/004_c85ba3acf2c804d7.txt"), encoding: .utf8)
        while text.utf8.count < 3 << 20 { text += lines + seed + "\n" }
        text += "版权所有 © 2024 某某网\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-streamed-\(getpid()).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fields = "text,sentences,slogans,edits,words"
        let streamed = try runZhtext(["pipeline", "--quiet", "--json", "--fields", fields, file.path])
        let record = try JSONSerialization.data(withJSONObject: ["id": "x", "text": text])
        let whole = try runZhtext(["pipeline", "--quiet", "--jsonl", "--fields", fields], stdin: record + Data("\n".utf8))
        #expect(streamed.status == 0 && whole.status == 0)
        let a = try JSONSerialization.jsonObject(with: Data(streamed.stdout.utf8)) as! [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as! [String: Any]
        #expect(a["text"] as? String == b["text"] as? String)
        #expect((a["sentences"] as? [String]) == (b["sentences"] as? [String]))
        #expect(NSArray(array: a["slogans"] as! [Any]).isEqual(to: b["slogans"] as! [Any]))
        #expect(NSArray(array: a["edits"] as! [Any]).isEqual(to: b["edits"] as! [Any]))
        #expect((a["edits"] as! [Any]).count > 1000)
        #expect(NSArray(array: a["words"] as! [Any]).isEqual(to: b["words"] as! [Any]))
        #expect((a["words"] as! [Any]).count > 100_000)
        // Plain mode: the same sentences, one per line, and the slogans line at the end.
        let plain = try runZhtext(["pipeline", "--quiet", file.path])
        let sentences = (b["sentences"] as! [String]).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r\n")) }
        let printed = plain.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(printed.prefix(sentences.count)).map(String.init) == sentences)
        #expect(printed[sentences.count].hasPrefix("# slogans: "))
    }
}

@Suite struct WordsCommandTests {
    @Test func wordsOfEachLineAsTextAndJSON() throws {
        let input = Data("我来到北京清华大学\n\n他来到了网易杭研大厦\r\n小明硕士毕业于中国科学院计算所".utf8)
        let plain = try runZhtext(["words"], stdin: input)
        #expect(plain.status == 0)
        #expect(plain.stdout == "我 来到 北京 清华大学\n\n他 来到 了 网易 杭研 大厦\n小明 硕士 毕业 于 中国科学院 计算所\n")
        let json = try runZhtext(["words", "--json", "--mode", "search"], stdin: input)
        #expect(json.stdout.split(separator: "\n").map(String.init) == [
            #"["我","来到","北京","清华","华大","大学","清华大学"]"#, "[]",
            #"["他","来到","了","网易","杭研","大厦"]"#,
            #"["小明","硕士","毕业","于","中国","科学","学院","科学院","中国科学院","计算","计算所"]"#,
        ])
        let full = try runZhtext(["words", "--json", "--mode", "full"], stdin: Data("我 你\n".utf8))
        // cut_all yields the empty strings around whitespace, as jieba does.
        #expect(full.stdout == #"["我",""," ","","你"]"# + "\n")
    }

    @Test func userDictionaryAndSlogans() throws {
        let dictionary = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-words-\(getpid()).txt")
        try Data("创新办 3 i\n云计算 5\n".utf8).write(to: dictionary)
        defer { try? FileManager.default.removeItem(at: dictionary) }
        let text = Data("李小福是创新办主任也是云计算方面的专家，坚持绿水青山就是金山银山\n".utf8)
        let plain = try runZhtext(["words"], stdin: text)
        #expect(plain.stdout.contains(" 创新 办 ") && plain.stdout.contains(" 绿水青山 就是 "))
        let custom = try runZhtext(["words", "--dictionary", dictionary.path, "--keep-slogans"], stdin: text)
        #expect(custom.stdout.contains(" 创新办 ") && custom.stdout.contains(" 云计算 "))
        #expect(custom.stdout.contains(" 绿水青山就是金山银山\n"))
    }

    @Test func statsCountWords() throws {
        let run = try runZhtext(["words", "--stats", "--top", "2"], stdin: Data("我们的我们\n我们\n".utf8))
        #expect(run.status == 0)
        #expect(run.stdout == "我们\t3\n的\t1\n")
    }

    @Test func badInputsHaveClearMessagesAndExitCodes() throws {
        let invalid = try runZhtext(["words"], stdin: Data([0xE4, 0xB8, 0xAD, 0x0A, 0xFF, 0x0A]))
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("invalid UTF-8 at byte offset 4"))
        let dictionary = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-baddict-\(getpid()).txt")
        try Data("好 1\n坏 99999999999999999999\n".utf8).write(to: dictionary)
        defer { try? FileManager.default.removeItem(at: dictionary) }
        let bad = try runZhtext(["words", "--dictionary", dictionary.path], stdin: Data("好\n".utf8))
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("\(dictionary.path):2: frequency 99999999999999999999 exceeds"))
        let missing = try runZhtext(["words", "/nonexistent/words.txt"])
        #expect(missing.status == 66)
        let usage = try runZhtext(["words", "--mode", "fast"])
        #expect(usage.status == 64)
        let empty = try runZhtext(["words"], stdin: Data())
        #expect(empty.status == 0 && empty.stdout.isEmpty)
    }

    /// A 3 MB line with no line break goes through the stream: the same words as in pieces.
    @Test func aLongLineIsSegmentedWhole() throws {
        let sentence = "全区生态环境保护大会召开，"
        let count = 3 * (1 << 20) / sentence.utf8.count
        let run = try runZhtext(["words", "--stats"], stdin: Data(String(repeating: sentence, count: count).utf8))
        #expect(run.status == 0)
        let single = try runZhtext(["words"], stdin: Data(sentence.utf8))
        for word in single.stdout.split(separator: " ").map({ $0.trimmingCharacters(in: .newlines) }) {
            #expect(run.stdout.contains("\(word)\t\(count)\n"), "\(word)")
        }
    }
}

@Suite struct PipelineWordsTests {
    /// `--fields words` in batch mode: jieba's words with their ranges in the raw record text.
    @Test func wordsMapToTheRawInput() throws {
        let record = #"{"id":7,"text":"會(hui)議(yi)在(zai)北(bei)京(jing)召(zhao)開(kai)。"}"# + "\n"
        let run = try runZhtext(["pipeline", "--jsonl", "--quiet", "--convert", "t2s", "--fields", "text,words"],
                                stdin: Data(record.utf8))
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let words = object["words"] as! [[String: Any]]
        #expect(words.map { $0["text"] as! String } == ["会议", "在", "北京", "召开", "。"])
        let raw = Array("會(hui)議(yi)在(zai)北(bei)京(jing)召(zhao)開(kai)。".utf8)
        let ranges = words.map { $0["input"] as! [Int] }
        #expect(ranges.map { String(decoding: raw[$0[0]..<$0[1]], as: UTF8.self) } == ["會(hui)議", "在", "北(bei)京", "召(zhao)開", "。"])
    }
}

/// Help at 80 columns reads as prose: paragraphs are wrapped by argument-parser, not broken by
/// hand (a hand break left single words on lines of their own), examples stay on one line each,
/// and no option shows its default twice.
@Suite struct HelpTextTests {
    @Test(arguments: ["", "clean", "tokens", "convert", "sentences", "match", "slogans", "words", "pipeline"])
    func helpReadsWellAt80Columns(command: String) throws {
        let run = try runZhtext((command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": "80"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count > 5)
        var inExamples = false
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            if line.hasPrefix("Examples:") { inExamples = true }
            if line.isEmpty { inExamples = false }
            if !line.hasPrefix("USAGE:") { #expect(line.count <= 80, "too long: \(line)") }
            // A single word on a line, with its paragraph going on below at the same indentation.
            let words = line.split(separator: " ")
            let indent = line.prefix { $0 == " " }.count
            let nextIndent = next.prefix { $0 == " " }.count
            if words.count == 1, !next.trimmingCharacters(in: .whitespaces).isEmpty, nextIndent == indent,
               !line.hasSuffix(":") {
                Issue.record("stray word in \(command) help: '\(line)' before '\(next)'")
            }
            if inExamples, line.hasPrefix("  zhtext") {
                #expect(next.isEmpty || next.hasPrefix("  "), "example wrapped: \(line)")
            }
            #expect(line.components(separatedBy: "(default:").count <= 2, "default shown twice: \(line)")
        }
        // The default shown twice may span lines: count per option block.
        #expect(!run.stdout.replacingOccurrences(of: "\n", with: " ").contains(") (default:"))
    }
}

/// `JSONEncoder` on a `PipelineResult` and `zhtext pipeline --json` agree on every field they
/// share, on every seed.
@Suite struct ResultJSONAgreementTests {
    @Test func encoderAndCLIAgreeOnTheSeeds() throws {
        let seeds = try FileManager.default.contentsOfDirectory(at: fixtures.appendingPathComponent("seeds"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        #expect(seeds.count >= 5)
        let pipeline = try Pipeline(.init(words: .init()))
        for seed in seeds {
            let run = try runZhtext(["pipeline", "--quiet", "--json", "--fields", "text,sentences,slogans,edits,words", seed.path])
            #expect(run.status == 0)
            let cli = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            let result = pipeline.run(utf8: try Data(contentsOf: seed))
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as! [String: Any]
            let text = encoded["text"] as! String
            #expect(cli["text"] as? String == text)
            let utf8 = Array(text.utf8)
            func slice(_ range: Any?) -> String {
                let r = range as! [Int]
                return String(decoding: utf8[r[0]..<r[1]], as: UTF8.self)
            }
            let sentences = encoded["sentences"] as! [[String: Any]]
            #expect(cli["sentences"] as? [String] == sentences.map { slice($0["utf8"]) })
            func project(_ objects: Any?, _ keys: [String]) -> NSArray {
                NSArray(array: (objects as! [[String: Any]]).map { object in
                    NSDictionary(dictionary: object.filter { keys.contains($0.key) })
                })
            }
            let sloganKeys = ["canonical", "kind", "category", "quoted", "input"]
            #expect(project(cli["slogans"], sloganKeys) == project(encoded["slogans"], sloganKeys), "\(seed.lastPathComponent)")
            let editKeys = ["step", "kind", "input", "original", "replacement"]
            let cleanup = encoded["cleanup"] as! [String: Any]
            #expect(project(cli["edits"], editKeys) == project(cleanup["edits"], editKeys), "\(seed.lastPathComponent)")
            let words = (encoded["words"] as! [[String: Any]]).map { ["text": slice($0["utf8"]), "input": $0["input"]!] as [String: Any] }
            #expect(project(cli["words"], ["text", "input"]) == project(words, ["text", "input"]))
        }
    }
}
