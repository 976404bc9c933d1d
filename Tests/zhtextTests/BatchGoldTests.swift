import Foundation
import Testing
import ZhTextTestSupport

/// Batch mode's output pinned record by record: each `Fixtures/pipeline/NAME.jsonl` (the seeds
/// and 1,000 corpus lines) against `NAME.expected.jsonl`, written by the build before the batch
/// path got its own JSON reader (4c93070), so a faster batch path cannot change a field unnoticed.
@Suite struct BatchGoldTests {
    @Test func everyRecordMatchesItsGold() throws {
        let files = try batchGoldFiles(in: fixtures.appendingPathComponent("pipeline"))
        #expect(!files.isEmpty)
        for (inputURL, gold) in files {
            let input = inputURL.lastPathComponent
            let expected = try String(contentsOf: gold, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let run = try runZhtext(["pipeline", "--jsonl", "--quiet", "--jobs", "2", "--fields", "text,sentences,slogans,edits",
                                     inputURL.path])
            #expect(run.status == 0)
            let actual = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(actual.count == expected.count, "\(input): \(actual.count) lines for \(expected.count)")
            for (n, (got, want)) in zip(actual, expected).enumerated() where got != want {
                Issue.record("\(input) line \(n + 1): \(got.prefix(200)) ≠ \(want.prefix(200))")
            }
            #expect(expected.count > 1_000)
        }
    }
}
