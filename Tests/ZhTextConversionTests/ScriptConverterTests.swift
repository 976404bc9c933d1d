import Foundation
import Testing
import ZhTextCore
@testable import ZhTextConversion

@Suite struct ScriptConverterTests {
    @Test func passesOpenCCsOwnTestSuite() throws {
        let cases = try openCCCases()
        var converters: [String: ScriptConverter] = [:]
        var checked = 0
        for testCase in cases {
            for (name, expected) in testCase.expected.sorted(by: { $0.key < $1.key }) {
                if converters[name] == nil { converters[name] = try ScriptConverter(configurationNamed: name) }
                let actual = converters[name]!.convert(testCase.input)
                #expect(actual == expected, "\(testCase.id) \(name): \(testCase.input)")
                checked += 1
            }
        }
        #expect(checked >= 500)
        #expect(Set(converters.keys) == Set(ScriptConverter.Configuration.allCases.map(\.rawValue)))
    }
}
