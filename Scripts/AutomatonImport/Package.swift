// swift-tools-version: 6.1
// Compiles "key<TAB>value" tables exported by the import scripts (jieba's words in
// Scripts/import-jieba, the slogan recurrence table in Scripts/build-slogan-recurrence) with
// ZhText's own automaton builder.
import PackageDescription

let package = Package(
    name: "AutomatonImport",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "ZhText", path: "../../")],
    targets: [
        .executableTarget(
            name: "tsv-to-automaton",
            dependencies: [.product(name: "ZhTextCore", package: "ZhText")]
        ),
    ]
)
