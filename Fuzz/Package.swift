// swift-tools-version: 6.1
// libFuzzer targets for ZhText's public entry points: `Scripts/fuzz` builds and runs them (with
// AddressSanitizer). One executable per entry point; each asserts the properties it can check.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which is whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let zhtext = root.lastPathComponent.lowercased()

let targets = ["FuzzCleaner", "FuzzConverter", "FuzzSentences", "FuzzSlogans", "FuzzPipeline", "FuzzAutomaton",
               "FuzzTokenizer", "FuzzDictionaries", "FuzzWords"]

let package = Package(
    name: "ZhTextFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", .product(name: "ZhText", package: zhtext)]),
    ] + targets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport"], path: "Sources/Targets/\(name)")
    },
    swiftLanguageModes: [.v6]
)
