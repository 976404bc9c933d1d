// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ZhText",
    // Linux is what CI builds and tests. macOS 15 is the earliest with the standard library
    // this code uses (`String(validating:as:)`, typed throws); it needs ICU's headers too (see
    // the README's "Platforms and ICU"), and is not tested here.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ZhText", targets: ["ZhText"]),
        .library(name: "ZhTextCore", targets: ["ZhTextCore"]),
        .library(name: "ZhTextConversion", targets: ["ZhTextConversion"]),
        .library(name: "ZhTextSentences", targets: ["ZhTextSentences"]),
        .library(name: "ZhTextCleanup", targets: ["ZhTextCleanup"]),
        .library(name: "ZhTextSlogans", targets: ["ZhTextSlogans"]),
        .library(name: "ZhTextWords", targets: ["ZhTextWords"]),
        .executable(name: "zhtext", targets: ["zhtext"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Documentation only: `swift package generate-documentation --target ZhText`.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // The only target that sees ICU's headers; it links the system libraries.
        .target(
            name: "CZhICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(name: "ZhTextCore", dependencies: ["CZhICU", "CZhTextData"]),
        // OpenCC's dictionaries, compiled by Scripts/import-opencc-data and embedded with #embed.
        .target(name: "CZhTextData", exclude: ["tables"]),
        .target(name: "ZhTextConversion", dependencies: ["ZhTextCore", "CZhTextData"]),
        .target(name: "ZhTextSentences", dependencies: ["ZhTextCore"]),
        .target(name: "ZhTextCleanup", dependencies: ["ZhTextCore", "CZhTextData"]),
        // The built-in lexicon (Lexicon/slogans.tsv) is embedded by CZhTextData.
        .target(name: "ZhTextSlogans", dependencies: ["ZhTextCore", "CZhTextData"], exclude: ["Lexicon"]),
        // jieba's dictionary and HMM (Scripts/import-jieba) are embedded by CZhTextData.
        .target(name: "ZhTextWords", dependencies: ["ZhTextCore", "CZhTextData"]),
        .target(name: "ZhText", dependencies: ["ZhTextCore", "ZhTextConversion", "ZhTextSentences", "ZhTextCleanup", "ZhTextSlogans", "ZhTextWords"]),
        .executableTarget(
            name: "zhtext",
            dependencies: ["ZhText", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Shared by the test targets: the seeded generator and other helpers.
        .target(name: "ZhTextTestSupport", path: "Tests/ZhTextTestSupport"),
        .testTarget(name: "ZhTextCoreTests", dependencies: ["ZhTextCore", "ZhTextTestSupport"]),
        .testTarget(name: "ZhTextConversionTests", dependencies: ["ZhTextConversion", "ZhTextTestSupport"]),
        .testTarget(name: "ZhTextSentencesTests", dependencies: ["ZhTextSentences", "ZhTextTestSupport"]),
        .testTarget(name: "ZhTextCleanupTests", dependencies: ["ZhTextCleanup", "ZhTextTestSupport"]),
        // Tests may combine modules (a cleanup result as slogan input); the modules never do.
        .testTarget(name: "ZhTextSlogansTests", dependencies: ["ZhTextSlogans", "ZhTextCleanup"]),
        .testTarget(name: "ZhTextWordsTests", dependencies: ["ZhTextWords", "ZhTextTestSupport"]),
        .testTarget(name: "ZhTextTests", dependencies: ["ZhText", "ZhTextTestSupport"]),
        .testTarget(name: "zhtextTests", dependencies: ["zhtext", "ZhText", "ZhTextTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
