import Benchmark
import BenchmarkSupport
import ZhTextConversion

let benchmarks: @Sendable () -> Void = {
    // A conversion allocates a constant few dozen to hundred blocks (output buffers, the stage
    // buffers of a chain, segment-end lists), whatever the input size.
    Benchmark.defaultConfiguration = zhTextBenchmarkConfiguration()
    let target = "ConversionBenchmarks"

    let simplified = Corpus.text
    let traditional = try! ScriptConverter(.s2t).convert(simplified)

    // Every configuration: the s2* ones on the sample, the others on its s2t output (which is
    // OpenCC's, byte for byte). The results are OpenCC 1.4.2's (Scripts/make-benchmark-input).
    for configuration in ScriptConverter.Configuration.allCases {
        let input = configuration.rawValue.hasPrefix("s2") ? simplified : traditional
        let converter = try! ScriptConverter(configuration)
        Benchmark("Convert.\(configuration.rawValue)") { benchmark in
            benchmark.startMeasurement()
            let output = converter.convert(input)
            benchmark.stopMeasurement()
            ExpectedResults.check(ExpectedResults.digest(output.utf8), target: target, benchmark: benchmark)
        }
    }

    // One offset map per stage, composed once (232 allocations on the corpus; 7.2 million when
    // every segment composed its own).
    Benchmark("Convert.s2twpWithOffsets", configuration: zhTextBenchmarkConfiguration(mallocTolerance: 50)) { benchmark in
        let converter = try! ScriptConverter(.s2twp)
        benchmark.startMeasurement()
        let result = converter.convertWithOffsets(simplified)
        benchmark.stopMeasurement()
        ExpectedResults.check(ExpectedResults.digest(result.text.utf8), target: target, benchmark: benchmark)
    }

    // Every configuration built from the embedded tables, each checked on one phrase.
    Benchmark("Convert.construction", configuration: zhTextBenchmarkConfiguration(mallocTolerance: 100)) { benchmark in
        var outputs: [String] = []
        for configuration in ScriptConverter.Configuration.allCases {
            let converter = try ScriptConverter(configuration)
            outputs.append(converter.convert("汉字软件"))
        }
        benchmark.stopMeasurement()
        ExpectedResults.check(outputs.joined(separator: " "), target: target, benchmark: benchmark)
    }
}
