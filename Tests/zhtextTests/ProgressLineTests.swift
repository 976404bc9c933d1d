import Foundation
import Testing
@testable import zhtext

/// The progress line a person watches on a long batch run.
@Suite struct ProgressLineTests {
    @Test func showsPercentAndTimeLeftWhenTheSizeIsKnown() {
        var summary = PipelineSummary()
        summary.bytes = 5_000_000
        summary.lines = 300
        summary.errorLines = 1
        summary.totalBytes = 20_000_000
        let line = summary.progressLine
        #expect(line.hasPrefix("zhtext: 5.0 of 20.0 MB (25%), 300 records (1 error), "), "\(line)")
        #expect(line.range(of: #"MB/s, \d+:\d\d:\d\d left$"#, options: .regularExpression) != nil, "\(line)")
        summary.totalBytes = nil
        summary.lines = 0
        summary.documents = 4
        #expect(summary.progressLine.hasPrefix("zhtext: 5.0 MB, 4 documents, "))
        #expect(!summary.progressLine.contains("left"))
        summary.totalBytes = 4_000_000  // a file that grew while it was read: never past 100%
        #expect(summary.progressLine.contains("(100%)") && !summary.progressLine.contains("left"))
    }

    @Test func theTotalIsKnownForRegularFilesOnly() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zhtext-progress-\(UUID()).jsonl")
        try Data(repeating: 0x41, count: 1234).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(PipelineCommand.totalSize(of: [file.path, file.path]) == 2468)
        #expect(PipelineCommand.totalSize(of: ["-"]) == nil)
        #expect(PipelineCommand.totalSize(of: [file.path, "/dev/null"]) == nil)
    }
}
