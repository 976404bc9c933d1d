// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ZhText",
    products: [
        .library(name: "ZhText", targets: ["ZhText"]),
        .library(name: "ZhTextCore", targets: ["ZhTextCore"]),
        .executable(name: "zhtext", targets: ["zhtext"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The only target that sees ICU's headers; it links the system libraries.
        .target(
            name: "CZhICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(name: "ZhTextCore", dependencies: ["CZhICU"]),
        .target(name: "ZhText", dependencies: ["ZhTextCore"]),
        .executableTarget(
            name: "zhtext",
            dependencies: ["ZhText", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "ZhTextCoreTests", dependencies: ["ZhTextCore"], resources: []),
        .testTarget(name: "zhtextTests", dependencies: ["zhtext"]),
    ],
    swiftLanguageModes: [.v6]
)
