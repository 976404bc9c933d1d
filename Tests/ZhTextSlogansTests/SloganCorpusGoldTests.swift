import Foundation
import Testing
@testable import ZhTextSlogans

/// Fixtures/gold/slogans-corpus: structural matches drawn at random from the news corpus by
/// Scripts/sample-slogan-gold and judged by hand (see its README). Every row is asserted at the
/// default confidence threshold: a `slogan` row must be reported with its kind and text, a `not`
/// row must not be. Rows the
/// matcher gets wrong today are listed in known-failures.txt and run as known issues, so a row
/// that starts passing must leave the list, and one that stops passing fails.
@Suite struct SloganCorpusGoldTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var file: String, index: Int, match: String, sentence: String, verdict: String, reason: String
        var isSlogan: Bool { verdict == "slogan" }
        var kind: String { String(file.dropLast(4)) }
        var testDescription: String { "\(file):\(index + 1) \(match)" }
        var key: String { "\(file):\(index + 1)" }
    }

    static let directory = fixturesDirectory.appendingPathComponent("gold/slogans-corpus")

    /// Every row of every .tsv file in the directory.
    static let rows: [Row] = {
        var rows: [Row] = []
        for (file, text) in goldFiles(in: directory) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst()
            for (index, line) in lines.enumerated() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 5 else { continue }
                rows.append(Row(file: file, index: index, match: fields[1], sentence: fields[2],
                                verdict: fields[3], reason: fields[4]))
            }
        }
        return rows
    }()

    static let knownFailures = ZhTextSlogansTests.knownFailures(in: directory)

    /// Each row's recurrence counted without its own broadcast (Scripts/fit-slogan-confidence):
    /// the built-in table has seen every row's broadcast, so scoring a row with it would count
    /// the row as its own evidence.
    static let recurrenceElsewhere: [String: SloganRecurrence] = {
        let text = (try? String(contentsOf: directory.appendingPathComponent("recurrence-elsewhere.txt"), encoding: .utf8)) ?? ""
        var tables: [String: SloganRecurrence] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let documents = Int32(fields[2]) else { continue }
            tables[String(fields[0])] = SloganRecurrence(counts: [String(fields[1]): documents])
        }
        return tables
    }()

    /// The set is there, is large enough, is judged throughout, and the list names its rows.
    @Test func theSetIsThere() {
        #expect(Self.rows.count >= 300)
        let kinds = Dictionary(grouping: Self.rows, by: \.kind)
        // Every structural kind has a file; the kinds with more matches than that in the corpus
        // have 60 rows each.
        #expect(Set(kinds.keys) == Set(SloganKind.allCases.filter { $0 != .lexicon }.map(\.rawValue)))
        for kind in ["numbered-formula", "numeral-noun", "parallel-structure", "quoted-term"] {
            #expect(kinds[kind]?.count == 60, "\(kind)")
        }
        for row in Self.rows {
            #expect(["slogan", "not"].contains(row.verdict), "\(row.testDescription): verdict '\(row.verdict)'")
            #expect(!row.reason.isEmpty, "\(row.testDescription): no reason")
            #expect(row.sentence.contains(row.match), "\(row.testDescription): the match is not in its sentence")
        }
        #expect(Self.knownFailures.subtracting(Self.rows.map(\.key)).isEmpty)
        #expect(Set(Self.recurrenceElsewhere.keys) == Set(Self.rows.map(\.key)), "recurrence-elsewhere.txt is stale")
        // Both verdicts occur, so both directions of the test below are exercised.
        #expect(Self.rows.contains { $0.isSlogan } && Self.rows.contains { !$0.isSlogan })
    }

    @Test(arguments: rows)
    func rowIsJudgedAsTheMatcherReportsIt(_ row: Row) throws {
        let recurrence = try #require(Self.recurrenceElsewhere[row.key])
        let reported = try SloganMatcher(recurrence: recurrence).matches(in: row.sentence).contains { $0.kind.rawValue == row.kind && $0.text == row.match }
        let check = {
            #expect(reported == row.isSlogan,
                    "\(row.testDescription): \(row.isSlogan ? "a slogan, not reported" : "not a slogan (\(row.reason)), reported")")
        }
        if Self.knownFailures.contains(row.key) {
            withKnownIssue { check() }
        } else {
            check()
        }
    }
}
