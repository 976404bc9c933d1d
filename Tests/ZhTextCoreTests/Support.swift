import Foundation

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

/// A small, seedable generator so that a failing property case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
