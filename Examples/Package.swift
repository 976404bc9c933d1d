// swift-tools-version: 6.1
// A downstream package that depends on ZhText by path, as a user's package would, and runs
// every code example of the README (readme-examples) and of the DocC articles (docc-examples).
// CI builds it, runs both and compares their output with expected-output.txt and
// expected-docc-output.txt, whose values are the ones the docs' comments state: a comment that
// goes wrong fails CI. Run: swift run --package-path Examples readme-examples
import Foundation
import PackageDescription

// A path dependency's package is named after its folder (here the clone's), so the product is
// looked up under that name: with a URL dependency it is the repository's name, `zhtext`.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let zhtext = root.lastPathComponent.lowercased()

let package = Package(
    name: "ZhTextExamples",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "readme-examples", dependencies: [.product(name: "ZhText", package: zhtext)]),
        .executableTarget(name: "docc-examples", dependencies: [.product(name: "ZhText", package: zhtext)]),
    ],
    swiftLanguageModes: [.v6]
)
