import Dispatch
import Foundation
import Testing
import ZhText

/// One `Pipeline` shared by eight threads gives every thread the result one thread gets alone.
/// CI runs this suite again under ThreadSanitizer (`swift test --sanitize=thread`), which turns
/// any data race in the shared tables, lazy loading or caches into a failure.
@Suite struct PipelineConcurrencyTests {
    @Test func eightThreadsShareOnePipeline() throws {
        let seeds = try FileManager.default.contentsOfDirectory(
            at: fixturesDirectory.appendingPathComponent("seeds"), includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        try #require(!seeds.isEmpty)
        let documents = try seeds.map { Array(try Data(contentsOf: $0)) }
        // Built fresh here, so that the threads race to load its tables on first use.
        let pipeline = try Pipeline(.init(conversion: .s2twp))
        let results = ThreadResults(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            var mine: [PipelineResult] = []
            for round in 0..<documents.count {
                mine.append(pipeline.run(utf8: documents[(round + thread) % documents.count]))
            }
            results.set(thread, mine)
        }
        let alone = try Pipeline(.init(conversion: .s2twp))
        let expected = documents.map { alone.run(utf8: $0) }
        for thread in 0..<8 {
            let mine = results.get(thread)
            try #require(mine.count == documents.count)
            for round in 0..<documents.count {
                #expect(mine[round] == expected[(round + thread) % documents.count], "thread \(thread), round \(round)")
            }
        }
    }
}

/// Per-thread result slots behind a lock.
final class ThreadResults: @unchecked Sendable {
    private var slots: [[PipelineResult]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [PipelineResult]) { lock.withLock { slots[index] = value } }
    func get(_ index: Int) -> [PipelineResult] { lock.withLock { slots[index] } }
}
