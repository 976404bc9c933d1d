import Foundation
import Testing
import ZhTextCore
@testable import ZhTextSlogans

/// Fixtures/slogans/scored-look-alikes.tsv: structural candidates that are not slogans. By
/// default none is reported; with `minimumConfidence: 0` each that the recognisers propose comes
/// back with its score below the threshold. Rows the model still scores too high run as known
/// issues, so a row that starts passing shows up.
@Suite struct ScoredLookAlikeTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var line: Int, sentence: String, candidate: String, kind: String, reason: String
        var testDescription: String { "scored-look-alikes.tsv:\(line) \(candidate)" }
    }

    static let rows: [Row] = {
        let text = (try? fixture("slogans/scored-look-alikes.tsv")) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return Row(line: index + 1, sentence: String(line), candidate: "", kind: "", reason: "") }
            return Row(line: index + 1, sentence: fields[0], candidate: fields[1], kind: fields[2], reason: fields[3])
        }
    }()

    /// The rows the built-in model still reports by default (measured; see the README).
    static let stillReported: Set<String> = [
        "紧迫感、责任感、使命感", "自然之美、生命之美、生活之美", "长期性、前瞻性、连贯性",
        "欧洲、非洲、亚洲", "某某、焦某、崔某、李某", "税费成本、用工成本、用能成本", "重大部署、重要任务、重点工作",
        "八大展馆", "十张圆桌", "十大奖项", "三项荣誉", "三大运营商获得", "三大全球倡议并参", "黄三角",
        "下决心、下狠心、下苦功", "讲政治、讲大局、讲民生", "产业优势、发展优势、竞争优势",
    ]

    @Test func theSetIsThere() {
        #expect(Self.rows.count >= 25)
        for row in Self.rows {
            #expect(SloganKind(rawValue: row.kind) != nil && !row.reason.isEmpty, "\(row.testDescription): malformed row")
            #expect(ScriptFold.shared.fold(row.sentence).contains(row.candidate) || row.sentence.contains("("),
                    "\(row.testDescription): the candidate is not in its sentence")
        }
    }

    @Test(arguments: rows)
    func lookAlikeIsNotReportedButScored(_ row: Row) throws {
        let isCandidate = { (m: SloganMatch) in m.canonical == row.candidate && m.kind.rawValue == row.kind }
        let everything = try SloganMatcher(minimumConfidence: 0).matches(in: row.sentence)
        let reported = try SloganMatcher().matches(in: row.sentence)
        let check = {
            #expect(!reported.contains(where: isCandidate), "\(row.testDescription): reported by default")
            // A look-alike the recognisers no longer propose at all is fine; one they propose is
            // there with a score below the threshold.
            if let scored = everything.first(where: isCandidate) {
                #expect(scored.confidence < SloganMatcher.defaultMinimumConfidence && scored.confidence > 0)
            }
        }
        if Self.stillReported.contains(row.candidate) {
            withKnownIssue { check() }
        } else {
            check()
        }
    }
}

@Suite struct SloganConfidenceTests {
    @Test func lexiconTermsScoreOneAndCandidatesScoreBetweenZeroAndOne() throws {
        let text = "坚持绿水青山就是金山银山，严控“两高一低”项目，推进“四减四增”，八大展馆开放。"
        let matches = try SloganMatcher(minimumConfidence: 0).matches(in: text)
        #expect(!matches.isEmpty)
        for match in matches {
            #expect(match.confidence >= 0 && match.confidence <= 1)
            #expect((match.confidence * 1000).rounded() == match.confidence * 1000, "three decimals")
            if match.kind == .lexicon || match.category != nil { #expect(match.confidence == 1) }
        }
        // The threshold keeps exactly the candidates scoring at least it, in the same order.
        for threshold in [0.3, 0.5, 0.7, 1.0] {
            let kept = try SloganMatcher(minimumConfidence: threshold).matches(in: text)
            #expect(kept.map(\.canonical) == matches.filter { $0.confidence >= threshold || $0.kind == .lexicon }.map(\.canonical),
                    "\(threshold)")
        }
    }

    @Test func recurrenceRaisesTheScore() throws {
        let text = "要做到紧迫感、责任感、使命感。"
        let unseen = try SloganMatcher(recurrence: .empty, minimumConfidence: 0).matches(in: text)
        let recurring = try SloganMatcher(recurrence: SloganRecurrence(tsv: "紧迫感、责任感、使命感\t40\n"), minimumConfidence: 0)
            .matches(in: text)
        let a = try #require(unseen.first { $0.kind == .parallelStructure })
        let b = try #require(recurring.first { $0.kind == .parallelStructure })
        #expect(b.confidence > a.confidence)
    }

    @Test func outOfRangeThresholdsArePinned() throws {
        let text = "严控“两高一低”项目"
        #expect(try SloganMatcher(minimumConfidence: -3).matches(in: text) == SloganMatcher(minimumConfidence: 0).matches(in: text))
        #expect(try SloganMatcher(minimumConfidence: .nan).matches(in: text) == SloganMatcher().matches(in: text))
        #expect(try SloganMatcher(minimumConfidence: 7).matches(in: text) == SloganMatcher(minimumConfidence: 1).matches(in: text))
    }

    @Test func aMatchRoundTripsThroughJSONAndOldOutputDecodes() throws {
        let matches = try SloganMatcher(minimumConfidence: 0).matches(in: "严控“两高一低”项目，推动高质量发展")
        let data = try JSONEncoder().encode(matches)
        #expect(try JSONDecoder().decode([SloganMatch].self, from: data) == matches)
        let old = #"{"utf8":[6,18],"text":"两高一低","canonical":"两高一低","kind":"numbered-formula","quoted":true}"#
        let decoded = try JSONDecoder().decode(SloganMatch.self, from: Data(old.utf8))
        #expect(decoded.confidence == 1 && decoded.isQuoted && decoded.category == nil)
    }
}

@Suite struct SloganRecurrenceTests {
    /// The embedded automaton holds exactly the keys and counts of the text table it was
    /// compiled from, which parses strictly; it is large and counts what the corpus repeats.
    @Test func builtInTableIsItsTextForm() throws {
        let url = fixturesDirectory.deletingLastPathComponent().appendingPathComponent("Sources/CZhTextData/tables/slogan-recurrence.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let parsed = try SloganRecurrence(tsv: text)
        let table = SloganRecurrence.builtIn
        #expect(table.count == parsed.count)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            #expect(table.documentCount(of: fields[0]) == Int(fields[1]), "\(line)")
        }
        #expect(table.count >= 3000)
        #expect(table.documentCount(of: "获得感、幸福感、安全感") >= 10)
        #expect(table.documentCount(of: "“獲得感幸福感安全感”") == table.documentCount(of: "获得感、幸福感、安全感"))
        #expect(table.documentCount(of: "不是一个提法") == 0)
        #expect(SloganRecurrence.empty.count == 0)
    }

    @Test(arguments: [
        ("三农\t44\n双碳\n", 2, "1 tab-separated fields (need 2: key, documents)"),
        ("三农\tmany\n", 1, "document count 'many' is not a number from 0 to 2147483647"),
        ("三农\t-1\n", 1, "document count '-1' is not a number from 0 to 2147483647"),
        ("# c\n“”\t3\n", 2, "empty key"),
        ("三农\t99999999999999999999\n", 1, "document count '99999999999999999999' is not a number from 0 to 2147483647"),
    ])
    func malformedLinesAreRejectedWithTheirNumbers(text: String, line: Int, reason: String) {
        #expect(throws: ZhTextError.invalidDictionaryEntry(line: line, reason: reason)) { try SloganRecurrence(tsv: text) }
    }

    @Test func keysFoldScriptQuotesAndCommasAndKeepTheLargestCount() throws {
        let table = try SloganRecurrence(tsv: "藍天、碧水、淨土\t3\r\n“蓝天碧水净土”\t5\n")
        #expect(table.count == 1)
        #expect(table.documentCount(of: "蓝天，碧水，净土") == 5)
    }
}

@Suite struct SloganConfidenceModelTests {
    @Test func builtInModelParsesStrictly() throws {
        let model = try SloganConfidenceModel(tsv: SloganConfidenceModel.builtInText)
        #expect(model.kindWeights.count == SloganKind.allCases.count)
        #expect(model.kindWeights.contains { $0 != 0 } && model.recurrence != 0)
        #expect(!model.placeCharacters.isEmpty && !model.nameHeads.isEmpty)
    }

    @Test(arguments: [
        ("weight\tquoted\n", 1, "2 fields (need 3)"),
        ("weight\tquoted\tx\n", 1, "weight 'x' is not a number"),
        ("weight\tquoted\tinf\n", 1, "weight 'inf' is not a number"),
        ("# c\nweight\tkind:slogan\t1\n", 2, "unknown kind 'kind:slogan'"),
        ("weight\tcolour\t1\n", 1, "unknown feature 'colour'"),
        ("list\tcolour\t红\n", 1, "unknown list 'colour'"),
        ("bias\tx\t1\n", 1, "unknown line type 'bias'"),
    ])
    func malformedModelLinesAreRejected(text: String, line: Int, reason: String) {
        #expect(throws: ZhTextError.invalidDictionaryEntry(line: line, reason: reason)) { try SloganConfidenceModel(tsv: text) }
    }
}

/// Issue 17: the outer slogan by default; with `nested: true`, the lexicon terms inside it too,
/// each pointing at its parent, in either script and with readings inside.
@Suite struct NestedSloganTests {
    @Test func outerByDefaultInnerOnRequest() throws {
        for text in ["坚持习近平新时代中国特色社会主义思想，推进“四减四增”。", "堅持習近平新時代中國特(te)色社會主義思想，推進“四減四增”。"] {
            let outer = try SloganMatcher().matches(in: text)
            #expect(outer.map(\.canonical) == ["习近平新时代中国特色社会主义思想", "四减四增"])
            #expect(outer.allSatisfy { $0.parentUTF8Range == nil })
            let all = try SloganMatcher(nested: true).matches(in: text)
            #expect(all.map(\.canonical) == ["习近平新时代中国特色社会主义思想", "新时代", "中国特色社会主义", "四减四增"])
            let utf8 = Array(text.utf8)
            for inner in all where inner.parentUTF8Range != nil {
                #expect(inner.parentUTF8Range == outer[0].utf8Range)
                #expect(outer[0].utf8Range.contains(inner.utf8Range.lowerBound) && inner.utf8Range.upperBound <= outer[0].utf8Range.upperBound)
                #expect(String(decoding: utf8[inner.utf8Range], as: UTF8.self) == inner.text)
            }
            // Counting with nested matches counts the inner ones as well.
            let counts = try SloganMatcher(nested: true).canonicalCounts(in: text)
            #expect(counts["新时代"] == 1 && counts["习近平新时代中国特色社会主义思想"] == 1)
            #expect(try SloganMatcher().canonicalCounts(in: text)["新时代"] == nil)
        }
    }

    @Test func nestedMatchesRoundTripThroughJSON() throws {
        let matches = try SloganMatcher(nested: true).matches(in: "习近平新时代中国特色社会主义思想")
        #expect(matches.count == 3)
        #expect(try JSONDecoder().decode([SloganMatch].self, from: JSONEncoder().encode(matches)) == matches)
        // Without lexicon kinds there are no inner lexicon terms to report.
        #expect(try SloganMatcher(kinds: [.numberedFormula], nested: true).matches(in: "习近平新时代中国特色社会主义思想").isEmpty)
    }
}
