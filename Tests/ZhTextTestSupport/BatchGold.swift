import Foundation

/// The batch gold of `Fixtures/pipeline`: each `NAME.jsonl` (records in) with its
/// `NAME.expected.jsonl` (the records out), enumerated, in name order.
public func batchGoldFiles(in directory: URL) throws -> [(input: URL, expected: URL)] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".jsonl") && !$0.hasSuffix(".expected.jsonl") }.sorted()
        .map { name in
            (directory.appendingPathComponent(name),
             directory.appendingPathComponent(name.replacingOccurrences(of: ".jsonl", with: ".expected.jsonl")))
        }
}
