// swift-tools-version: 6.1
// Benchmarks live in their own package so that library users never resolve package-benchmark.
// Run: swift package --package-path Benchmarks benchmark
import PackageDescription

/// A suite of benchmarks: an executable target of `Benchmarks/NAME` that measures one ZhText
/// product and reads the shared input through BenchmarkSupport.
func benchmarkTarget(_ name: String, measuring product: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            "BenchmarkSupport",
            .product(name: product, package: "ZhText"),
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "ZhTextBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ZhText", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/BenchmarkSupport"
        ),
        benchmarkTarget("CoreBenchmarks", measuring: "ZhTextCore"),
        benchmarkTarget("ConversionBenchmarks", measuring: "ZhTextConversion"),
        benchmarkTarget("CleanupBenchmarks", measuring: "ZhTextCleanup"),
        benchmarkTarget("SentenceBenchmarks", measuring: "ZhTextSentences"),
        benchmarkTarget("SloganBenchmarks", measuring: "ZhTextSlogans"),
        benchmarkTarget("PipelineBenchmarks", measuring: "ZhText"),
        benchmarkTarget("WordBenchmarks", measuring: "ZhTextWords"),
    ]
)
