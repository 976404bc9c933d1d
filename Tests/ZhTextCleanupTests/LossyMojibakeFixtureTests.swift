import Foundation
import Testing
@testable import ZhTextCleanup

/// Fixtures/mojibake-lossy (Scripts/make-lossy-mojibake-fixtures): news text garbled by real
/// lossy decoders, whole lines, single clauses and whole documents; dev/ is what the repair was
/// tuned on, heldout/ is not. Every row is its own document, as batch mode sees it, and must
/// come back fixed: each character as it was, or U+FFFD where its bytes were lost. Rows that
/// do not yet are listed in known-failures.txt and run as known issues, so a row that starts
/// passing must leave the list (and one that stops passing fails).
@Suite struct LossyMojibakeFixtureTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var file: String, index: Int, garbled: String, original: String, lossy: String
        var testDescription: String { "\(file):\(index + 1)" }
    }

    static let directory = fixturesDirectory.appendingPathComponent("mojibake-lossy")

    /// Every row of every file under dev/ and heldout/.
    static let rows: [Row] = {
        var rows: [Row] = []
        for split in ["dev", "heldout"] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(split).path)) ?? []
            for name in files.sorted() {
                let text = (try? String(contentsOf: directory.appendingPathComponent(split).appendingPathComponent(name), encoding: .utf8)) ?? ""
                for (index, line) in text.split(separator: "\n").enumerated() {
                    let file = "\(split)/\(name)"
                    if name.hasSuffix(".tsv") {
                        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                        guard fields.count == 3 else { continue }
                        rows.append(Row(file: file, index: index, garbled: fields[0], original: fields[1], lossy: fields[2]))
                    } else if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
                              let garbled = object["garbled"], let original = object["original"], let lossy = object["lossy"] {
                        rows.append(Row(file: file, index: index, garbled: garbled, original: original, lossy: lossy))
                    }
                }
            }
        }
        return rows
    }()

    /// `file:row` of each row known to fail (Scripts/compare-cleanup --write-known-failures).
    static let knownFailures: Set<String> = {
        let text = (try? String(contentsOf: directory.appendingPathComponent("known-failures.txt"), encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: " ")[0]) })
    }()

    /// The edit kind each fixture kind's repair must report.
    static func expectedKind(_ file: String) -> String {
        let kind = String(file.split(separator: "/")[1].split(separator: ".")[0])
        if kind.hasPrefix("utf8-as-cp1252") { return "utf8-as-latin1" }
        if kind.hasPrefix("utf8-as-big5") { return "utf8-as-big5" }
        if kind == "gbk-as-big5" { return "gbk-as-big5" }
        if kind == "big5-as-gb18030" { return "big5-as-gbk" }
        return "utf8-as-gbk"
    }

    static func isFixed(_ output: String, _ row: Row) -> Bool {
        let out = Array(output.unicodeScalars), original = Array(row.original.unicodeScalars), lossy = Array(row.lossy.unicodeScalars)
        guard out.count == original.count, lossy.count == original.count else { return false }
        return out.indices.allSatisfy { out[$0] == original[$0] || (lossy[$0] == "\u{FFFD}" && out[$0] == "\u{FFFD}") }
    }

    @Test func theSetIsThere() {
        #expect(Self.rows.count >= 2_600)
        #expect(Set(Self.rows.map { $0.file.split(separator: "/")[0] }) == ["dev", "heldout"])
        // The list names rows that exist.
        let names = Set(Self.rows.map(\.testDescription))
        #expect(Self.knownFailures.subtracting(names).isEmpty)
    }

    @Test(arguments: rows)
    func rowIsRepaired(_ row: Row) {
        let result = Cleaner(options: .init(steps: [.mojibake])).clean(row.garbled)
        #expect(result.reconstructedInput() == row.garbled)
        let check = {
            #expect(Self.isFixed(result.text, row), "\(row.testDescription): \(result.text)")
            // The repair's kind, and restored characters as edits of their own.
            let kinds = Set(result.edits.map(\.reason.kind)).subtracting([.restoredCharacter])
            #expect(kinds.isEmpty || kinds == [EditKind(rawValue: Self.expectedKind(row.file))], "\(kinds)")
        }
        if Self.knownFailures.contains(row.testDescription) {
            withKnownIssue { check() }
        } else {
            check()
        }
    }

    /// With restoring off, the same rows still come back fixed, with U+FFFD for every lost
    /// character and no restored-character edit.
    @Test func restoringCanBeTurnedOff() {
        let cleaner = Cleaner(options: .init(steps: [.mojibake], restoresLostCharacters: false))
        var restoredSomewhere = false
        for row in Self.rows where row.file.contains("utf8-as-gbk.line") {
            let result = cleaner.clean(row.garbled)
            #expect(!result.edits.contains { $0.reason.kind == "restored-character" })
            #expect(result.reconstructedInput() == row.garbled)
            if !Self.knownFailures.contains(row.testDescription) {
                #expect(Self.isFixed(result.text, row), "\(row.testDescription)")
            }
            let on = Cleaner(options: .init(steps: [.mojibake])).clean(row.garbled)
            if on.edits.contains(where: { $0.reason.kind == "restored-character" && $0.reason.confidence > 0.5 }) { restoredSomewhere = true }
        }
        #expect(restoredSomewhere)
    }

    /// The issue's examples, as Python's `errors="replace"` leaves them: the lost byte of 、
    /// is restored (its own edit, with its confidence), the lost 。 and 们 stay U+FFFD.
    @Test func issueExamples() {
        let cleaner = Cleaner(options: .init(steps: [.mojibake]))
        let first = cleaner.clean("鎴戜滑瑕佸潥鎸佺敓鎬佷紭鍏堛�佺豢鑹插彂灞曘��")
        #expect(first.text == "我们要坚持生态优先、绿色发展\u{FFFD}")
        #expect(first.edits.contains { $0.reason.kind == "restored-character" && $0.replacement.contains("、") })
        #expect(first.findings.contains { $0.kind == "unrecovered-characters" })
        let second = cleaner.clean("鍙戝睍锛屾垜浠�")
        #expect(["发展，我们", "发展，我\u{FFFD}"].contains(second.text))
        #expect(Cleaner(options: .init(steps: [.mojibake], restoresLostCharacters: false)).clean("鎴戜滑瑕佸潥鎸佺敓鎬佷紭鍏堛�佺豢鑹插彂灞曘��").text
                == "我们要坚持生态优先\u{FFFD}绿色发展\u{FFFD}")
    }
}
