import Benchmark
import Foundation

/// The benchmark input: `ZHTEXT_BENCH_CORPUS`, else the shared news corpus next to the
/// checkout, else the seed documents repeated to 10 MB.
public enum Corpus {
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static let text: String = {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [URL] = []
        if let path = environment["ZHTEXT_BENCH_CORPUS"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        candidates.append(packageRoot.appendingPathComponent("../shared/corpus/xwlb_2023_2024.txt").standardizedFileURL)
        for url in candidates {
            if let text = try? String(contentsOf: url, encoding: .utf8) { return text }
        }
        let seeds = (try? FileManager.default.contentsOfDirectory(
            at: packageRoot.appendingPathComponent("Fixtures/seeds"), includingPropertiesForKeys: nil)) ?? []
        let joined = seeds.sorted { $0.path < $1.path }
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        var text = ""
        while text.utf8.count < 10_000_000, !joined.isEmpty { text += joined + "\n" }
        return text
    }()

    public static let bytes: [UInt8] = Array(text.utf8)

    /// The benchmark lexicon: Fixtures/lexicon/jieba-top10000.txt (one term per line).
    public static let lexicon: [String] = {
        let url = packageRoot.appendingPathComponent("Fixtures/lexicon/jieba-top10000.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }()
}

/// The configuration every ZhText benchmark starts from. Wall clock is noisy on shared machines:
/// the gate is the allocation count, which must not grow with the input (a per-token, per-match
/// or per-character allocation would show as millions).
public func zhTextBenchmarkConfiguration(mallocLimit: Int = 100) -> Benchmark.Configuration {
    .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 20,
        thresholds: [.mallocCountTotal: .init(absolute: [.p90: mallocLimit])]
    )
}
