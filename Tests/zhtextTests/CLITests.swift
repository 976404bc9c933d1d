import Foundation
import Testing

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

func runZhtext(_ arguments: [String], stdin: Data? = nil) throws -> CLIRun {
    let process = Process()
    process.executableURL = try zhtextBinary()
    process.arguments = arguments
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(status: process.terminationStatus,
                  stdout: String(decoding: outData, as: UTF8.self),
                  stderr: String(decoding: errData, as: UTF8.self))
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
