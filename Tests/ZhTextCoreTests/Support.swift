import Foundation
@_exported import ZhTextTestSupport

/// The repository's Fixtures directory (tests run from a checkout).
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixtureText(_ relativePath: String) throws -> String {
    try String(contentsOf: fixturesDirectory.appendingPathComponent(relativePath), encoding: .utf8)
}

func seedPaths() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(
        at: fixturesDirectory.appendingPathComponent("seeds"), includingPropertiesForKeys: nil
    ).filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
}

