import Foundation
import Testing
@testable import ZhTextSlogans

/// Fixtures/gold/slogans/<seed>.tsv lists, by hand, every slogan of the seed
/// Fixtures/seeds/<seed>.txt as "canonical<TAB>kind" in reading order. Every row is asserted
/// twice: as a candidate (`minimumConfidence: 0`, what the recognisers and the lexicon find) and
/// at the default threshold. Rows either check gets wrong today are listed in known-failures.txt
/// as "<mode> <file>:<line>" and run as known issues.
@Suite struct SeedSloganGoldTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var file: String, line: Int, canonical: String, kind: String
        /// How many earlier rows of the file name the same slogan: the row is found when the
        /// seed has more matches of it than that.
        var occurrence: Int
        var seed: String { String(file.dropLast(4)) }
        var key: String { "\(file):\(line)" }
        var testDescription: String { "\(key) \(canonical) (\(kind))" }
    }

    static let directory = fixturesDirectory.appendingPathComponent("gold/slogans")

    /// Every row of every .tsv file in the directory.
    static let rows: [Row] = {
        var rows: [Row] = []
        for (file, text) in goldFiles(in: directory) {
            var seen: [String: Int] = [:]
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let pair = fields.joined(separator: "\t")
                rows.append(Row(file: file, line: index + 1, canonical: fields[0], kind: fields.count > 1 ? fields[1] : "",
                                occurrence: seen[pair, default: 0]))
                seen[pair, default: 0] += 1
            }
        }
        return rows
    }()

    static let knownFailures = ZhTextSlogansTests.knownFailures(in: directory)

    /// (canonical, kind) -> count of the seed's matches, for a threshold.
    static func counts(_ seed: String, minimumConfidence: Double) throws -> [String: Int] {
        let text = try fixture("seeds/\(seed).txt")
        let matches = try SloganMatcher(minimumConfidence: minimumConfidence).matches(in: text)
        let utf8 = Array(text.utf8)
        for match in matches {
            // Every range points at the match's own text in the caller's string.
            #expect(String(decoding: utf8[match.utf8Range], as: UTF8.self) == match.text)
        }
        return Dictionary(matches.map { ("\($0.canonical)\t\($0.kind.rawValue)", 1) }, uniquingKeysWith: +)
    }

    @Test func theSetIsThere() {
        #expect(Self.rows.count >= 100)
        #expect(Set(Self.rows.map(\.seed)).count >= 5)
        for row in Self.rows {
            #expect(SloganKind(rawValue: row.kind) != nil, "\(row.testDescription): unknown kind")
        }
        let keys = Set(Self.rows.map(\.key))
        for entry in Self.knownFailures {
            let parts = entry.split(separator: " ")
            #expect(parts.count == 2 && ["candidate", "default"].contains(parts[0]) && keys.contains(String(parts[1])),
                    "known-failures.txt: '\(entry)' names no row")
        }
    }

    @Test(arguments: rows)
    func everySeedSloganIsACandidate(_ row: Row) throws {
        try check(row, mode: "candidate", minimumConfidence: 0)
    }

    @Test(arguments: rows)
    func everySeedSloganIsReportedByDefault(_ row: Row) throws {
        try check(row, mode: "default", minimumConfidence: SloganMatcher.defaultMinimumConfidence)
    }

    func check(_ row: Row, mode: String, minimumConfidence: Double) throws {
        let found = try Self.counts(row.seed, minimumConfidence: minimumConfidence)["\(row.canonical)\t\(row.kind)", default: 0]
        let assertion = { #expect(found > row.occurrence, "\(row.testDescription): not reported (\(mode))") }
        if Self.knownFailures.contains("\(mode) \(row.key)") {
            withKnownIssue { assertion() }
        } else {
            assertion()
        }
    }

    /// What the default matcher reports in a seed is in its gold file, or is a look-alike the
    /// model does not yet score low (Fixtures/slogans/scored-look-alikes.tsv, run as known
    /// issues there).
    @Test(arguments: Set(rows.map(\.seed)).sorted())
    func defaultMatchesAreInTheGoldFile(_ seed: String) throws {
        let expected = Dictionary(Self.rows.filter { $0.seed == seed }.map { ("\($0.canonical)\t\($0.kind)", 1) },
                                  uniquingKeysWith: +)
        let found = try Self.counts(seed, minimumConfidence: SloganMatcher.defaultMinimumConfidence)
        // A gold slogan the threshold drops can leave a slogan inside it reported in its place
        // (三大战役 of “蓝天”“碧水”“净土”三大战役): a part of a missed slogan, not a false one.
        let missed = expected.filter { found[$0.key, default: 0] < $0.value }.map { String($0.key.prefix { $0 != "\t" }) }
        let lookAlikes = Set(ScoredLookAlikeTests.rows.map { "\($0.candidate)\t\($0.kind)" })
        for (pair, count) in found {
            let extra = count - expected[pair, default: 0]
            let canonical = String(pair.prefix { $0 != "\t" })
            guard extra > 0, !lookAlikes.contains(pair), !missed.contains(where: { $0.contains(canonical) }) else { continue }
            Issue.record("\(seed): \(pair) reported \(extra) time(s) more than the gold file lists")
        }
    }
}
