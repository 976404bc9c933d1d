import Benchmark
import Foundation

/// The benchmark input. By default the sample that ships in the repository
/// (`Fixtures/benchmark/xwlb-sample.txt`, every 9th line of the news corpus, 1.97 MB), so that
/// a fresh clone and CI measure the same text under the same benchmark names, and each
/// benchmark can check its result against `Benchmarks/expected-results.json`.
/// `ZHTEXT_BENCH_CORPUS=<file>` measures another text (the README's figures use the whole
/// 17.5 MB corpus); results are then reported but not checked.
public enum Corpus {
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static let sampleURL = packageRoot.appendingPathComponent("Fixtures/benchmark/xwlb-sample.txt")

    /// The file given by `ZHTEXT_BENCH_CORPUS`, if any.
    static let overrideURL: URL? = {
        guard let path = ProcessInfo.processInfo.environment["ZHTEXT_BENCH_CORPUS"], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }()

    /// Whether the input is the shipped sample, whose expected results are known.
    public static var isShippedSample: Bool { overrideURL == nil }

    public static let text: String = {
        let url = overrideURL ?? sampleURL
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            // A benchmark of an empty or missing input would measure nothing and pass.
            fatalError("benchmark input \(url.path) cannot be read: \(error)")
        }
    }()

    public static let bytes: [UInt8] = Array(text.utf8)

    /// The benchmark lexicon: Fixtures/lexicon/jieba-top10000.txt (one term per line).
    public static let lexicon: [String] = {
        let url = packageRoot.appendingPathComponent("Fixtures/lexicon/jieba-top10000.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }()
}

/// The configuration every ZhText benchmark starts from.
///
/// Wall clock is noisy on shared machines and is never a gate. The gate is the allocation count,
/// checked against the static thresholds in `Benchmarks/Thresholds` (`swift package benchmark
/// thresholds check`): `mallocTolerance` is how many allocations a run on the shipped sample may
/// add to (or save on) the committed count before the check fails. One allocation per match,
/// token or word shows as thousands, so tolerances stay far below that. `ZHTEXT_BENCH_MAX_ITERATIONS` lowers the iteration count (CI uses 5: the malloc
/// count does not vary between iterations).
public func zhTextBenchmarkConfiguration(mallocTolerance: Int = 20) -> Benchmark.Configuration {
    let iterations = ProcessInfo.processInfo.environment["ZHTEXT_BENCH_MAX_ITERATIONS"].flatMap(Int.init) ?? 20
    return .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: max(1, iterations),
        thresholds: [.mallocCountTotal: .init(absolute: [.p90: mallocTolerance])]
    )
}
