import Foundation

let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixtureText(_ relativePath: String) throws -> String {
    try String(contentsOf: fixturesDirectory.appendingPathComponent(relativePath), encoding: .utf8)
}

/// OpenCC's own test suite: Fixtures/opencc/testcases.json.
struct OpenCCCase: Decodable {
    var id: String
    var input: String
    var expected: [String: String]
}

func openCCCases() throws -> [OpenCCCase] {
    struct File: Decodable { var cases: [OpenCCCase] }
    let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("opencc/testcases.json"))
    return try JSONDecoder().decode(File.self, from: data).cases
}
