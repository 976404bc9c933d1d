// swift-tools-version: 6.1
// Compiles the words exported by Scripts/import-jieba with ZhText's own automaton builder.
import PackageDescription

let package = Package(
    name: "JiebaImport",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "ZhText", path: "../../")],
    targets: [
        .executableTarget(
            name: "jieba-import",
            dependencies: [.product(name: "ZhTextCore", package: "ZhText")]
        ),
    ]
)
