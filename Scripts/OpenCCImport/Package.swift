// swift-tools-version: 6.1
// Compiles the tiers planned by Scripts/import-opencc-data with ZhText's own automaton builder.
import PackageDescription

let package = Package(
    name: "OpenCCImport",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "ZhText", path: "../../")],
    targets: [
        .executableTarget(
            name: "opencc-import",
            dependencies: [.product(name: "ZhTextCore", package: "ZhText")]
        ),
    ]
)
