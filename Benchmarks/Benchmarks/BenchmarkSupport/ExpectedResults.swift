import Benchmark
import Foundation

/// What each benchmark must compute on the shipped sample, as rebar's definitions state a count:
/// a benchmark that got faster by computing something else fails instead of reporting a speed-up.
///
/// The values live in `Benchmarks/expected-results.json`, keyed `Target:Benchmark`. Where a peer
/// computes the result independently (jieba's word counts, OpenCC's output, a plain Python
/// leftmost-longest scan) `Scripts/make-benchmark-input` writes it; the rest (tokens, sentences,
/// slogans, cleanup) are pinned from a ZhText run by `Scripts/record-benchmark-results`, which
/// sets `ZHTEXT_BENCH_RECORD` to a directory and adds the values it finds there.
public enum ExpectedResults {
    static let url = Corpus.packageRoot.appendingPathComponent("Benchmarks/expected-results.json")

    static let values: [String: String] = {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object.mapValues { "\($0)" }
    }()

    static let recordDirectory: URL? = ProcessInfo.processInfo.environment["ZHTEXT_BENCH_RECORD"]
        .flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }

    /// Checks a benchmark's result, marking the benchmark failed when it differs from the
    /// expected one. Only the shipped sample has expected results; on another input the result
    /// is not checked.
    public static func check(_ result: String, target: String, benchmark: Benchmark) {
        let key = "\(target):\(benchmark.name)"
        if let recordDirectory {
            try? FileManager.default.createDirectory(at: recordDirectory, withIntermediateDirectories: true)
            try? Data(result.utf8).write(to: recordDirectory.appendingPathComponent(key))
            return
        }
        guard Corpus.isShippedSample else { return }
        guard let expected = values[key] else {
            benchmark.error("\(key): no expected result in Benchmarks/expected-results.json (got \(result)); "
                + "run Scripts/record-benchmark-results")
            return
        }
        if expected != result {
            benchmark.error("\(key): computed \(result), expected \(expected)")
        }
    }

    public static func check(_ result: Int, target: String, benchmark: Benchmark) {
        check(String(result), target: target, benchmark: benchmark)
    }

    /// The form conversion results are checked in: byte count and FNV-1a 64 of the UTF-8.
    public static func digest(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var count = 0
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            count += 1
        }
        let hex = String(hash, radix: 16)
        return "\(count) bytes fnv1a64 \(String(repeating: "0", count: 16 - hex.count))\(hex)"
    }
}
