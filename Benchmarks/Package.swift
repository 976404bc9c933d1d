// swift-tools-version: 6.1
// Benchmarks live in their own package so that library users never resolve package-benchmark.
// Run: swift package --package-path Benchmarks benchmark
import PackageDescription

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
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ZhTextCore", package: "ZhText"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ConversionBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ZhTextConversion", package: "ZhText"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ConversionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CleanupBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ZhTextCleanup", package: "ZhText"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CleanupBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SentenceBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ZhTextSentences", package: "ZhText"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SentenceBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SloganBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ZhTextSlogans", package: "ZhText"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SloganBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PipelineBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ZhText", package: "ZhText"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PipelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "WordBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ZhTextWords", package: "ZhText"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/WordBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
