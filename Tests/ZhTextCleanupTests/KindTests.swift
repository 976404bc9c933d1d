import Foundation
import Testing
@testable import ZhTextCleanup

/// `EditKind` and `FindingKind` list what the cleaner reports: every kind it produces on the
/// fixtures is listed, and every listed kind is produced by some fixture.
@Suite struct KindTests {
    /// Every text the fixtures hold, each its own document: the seeds, the garbled lines of every
    /// kind (lossless and lossy), the damaged quote lines, and the clean and hard-negative lines.
    static func fixtureTexts() throws -> [String] {
        var texts: [String] = []
        func files(_ directory: String) throws -> [URL] {
            let url = fixturesDirectory.appendingPathComponent(directory)
            return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                .filter { !$0.hasDirectoryPath }.sorted { $0.path < $1.path }
        }
        for file in try files("seeds") { texts.append(try String(contentsOf: file, encoding: .utf8)) }
        for directory in ["mojibake", "mojibake-lossy/dev", "mojibake-lossy/heldout", "quotes"] {
            for file in try files(directory) where file.pathExtension == "tsv" {
                for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("# ") {
                    texts.append(String(line.split(separator: "\t", omittingEmptySubsequences: false)[0]))
                }
            }
        }
        for file in try files("corpus") { texts.append(try String(contentsOf: file, encoding: .utf8)) }
        // Kinds no fixture file shows: the issue's sparse readings beside genuine
        // parentheticals, uninitialised memory printed as text, and `锟斤拷` left alone (the
        // lossy fixtures' runs of it are all inside doubly garbled text, which is repaired).
        texts += ["推进(tui)生态(CO2)文明(ming)建设(2023)", "会议召开烫烫烫烫烫烫烫烫。", "数据丢失，锟斤拷锟斤拷"]
        return texts
    }

    @Test func everyKindProducedIsListedAndEveryListedKindIsProduced() throws {
        let cleaner = Cleaner(options: .init(steps: Set(CleanupStep.allCases)))
        var edits: Set<EditKind> = [], findings: Set<FindingKind> = []
        for text in try Self.fixtureTexts() {
            let result = cleaner.clean(text)
            edits.formUnion(result.edits.map(\.reason.kind))
            findings.formUnion(result.findings.map(\.kind))
        }
        // Bytes that are not UTF-8: a GB 18030 line, a Big5 line, a stray byte.
        let bytes = Array("会议召开\n".utf8) + [0xBB, 0xE1, 0xD2, 0xE9, 0xD5, 0xD9, 0xBF, 0xAA, 0x0A]
            + [0xB7, 0x7C, 0xAE, 0x69, 0xC0, 0xF4, 0xB9, 0xD2, 0x0A] + Array("召开".utf8) + [0xFF]
        let raw = cleaner.clean(utf8: bytes)
        edits.formUnion(raw.edits.map(\.reason.kind))
        findings.formUnion(raw.findings.map(\.kind))
        #expect(edits.subtracting(EditKind.allCases).isEmpty, "not listed: \(edits.subtracting(EditKind.allCases))")
        #expect(findings.subtracting(FindingKind.allCases).isEmpty, "not listed: \(findings.subtracting(FindingKind.allCases))")
        #expect(Set(EditKind.allCases).subtracting(edits).isEmpty, "never produced: \(Set(EditKind.allCases).subtracting(edits))")
        #expect(Set(FindingKind.allCases).subtracting(findings).isEmpty,
                "never produced: \(Set(FindingKind.allCases).subtracting(findings))")
    }

    @Test func namesAreUniqueAndCodeAsStrings() throws {
        #expect(Set(EditKind.allCases.map(\.rawValue)).count == EditKind.allCases.count)
        #expect(Set(FindingKind.allCases.map(\.rawValue)).count == FindingKind.allCases.count)
        let encoded = try JSONEncoder().encode([EditKind.restoredClosingQuote, EditKind(rawValue: "a-later-kind")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["restored-closing-quote","a-later-kind"]"#)
        #expect(try JSONDecoder().decode([FindingKind].self, from: Data(#"["unclosed-quote"]"#.utf8)) == [.unclosedQuote])
        #expect(EditKind.reading == "reading")
        #expect("\(FindingKind.kunJinKao)" == "kun-jin-kao")
    }
}
