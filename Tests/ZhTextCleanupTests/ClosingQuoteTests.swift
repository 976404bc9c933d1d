import Foundation
import Testing
@testable import ZhTextCleanup

/// The closing-quote step, on damage made the way scrapers make it: every `”` of a news line
/// deleted (Fixtures/quotes, held-out 2024 lines; the quoted-term table counts 2023). A restored
/// `”` must stand where the line had one; abstaining is allowed, and the quotes left open are
/// reported. Rows where a `”` lands elsewhere are listed in known-failures.txt and run as known
/// issues.
@Suite struct ClosingQuoteTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var file: String, index: Int, damaged: String, original: String
        var testDescription: String { "\(file):\(index + 1)" }
    }

    static let directory = fixturesDirectory.appendingPathComponent("quotes")
    static let cleaner = Cleaner(options: .init(steps: [.closingQuotes]))

    /// Every row of every .tsv file in Fixtures/quotes (`# ` starts a comment; news headings
    /// start with `###` and are rows).
    static let rows: [Row] = {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".tsv") }
        var rows: [Row] = []
        for name in files.sorted() {
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.isEmpty && !line.hasPrefix("# ") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 2 else { continue }
                rows.append(Row(file: name, index: index, damaged: fields[0], original: fields[1]))
            }
        }
        return rows
    }()

    static let knownFailures: Set<String> = {
        let text = (try? String(contentsOf: directory.appendingPathComponent("known-failures.txt"), encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("# ") }.map(String.init))
    }()

    /// The UTF-8 offsets in `damaged` where `original` had a `”`.
    static func goldOffsets(_ original: String) -> Set<Int> {
        var offsets: Set<Int> = []
        var position = 0
        for scalar in original.unicodeScalars {
            if scalar == "\u{201D}" { offsets.insert(position) } else { position += UTF8.width(scalar) }
        }
        return offsets
    }

    @Test func fixturesAreThere() {
        #expect(Self.rows.count >= 200)
        #expect(Self.rows.allSatisfy { $0.damaged == $0.original.replacingOccurrences(of: "”", with: "") })
    }

    @Test(arguments: rows)
    func restoredQuoteStandsWhereTheLineHadOne(_ row: Row) {
        let result = Self.cleaner.clean(row.damaged)
        #expect(result.reconstructedInput() == row.damaged)
        let restored = result.edits.filter { $0.reason.kind == "restored-closing-quote" }
        #expect(restored.count == result.edits.count)
        #expect(restored.allSatisfy { $0.inputRange.isEmpty && $0.replacement == "”" && $0.reason.step == .closingQuotes })
        // Every opening quote is either closed again or reported.
        let opens = row.damaged.unicodeScalars.filter { $0 == "\u{201C}" }.count
        #expect(restored.count + result.findings.filter { $0.kind == "unclosed-quote" }.count == opens)
        let misplaced = restored.filter { !Self.goldOffsets(row.original).contains($0.inputRange.lowerBound) }
        if Self.knownFailures.contains(row.damaged) {
            withKnownIssue("a ” restored where the line had none") { #expect(misplaced.isEmpty) }
        } else {
            #expect(misplaced.isEmpty, "misplaced: \(misplaced.map { $0.inputRange.lowerBound })")
        }
    }

    /// Every known failure is a row of the fixtures (a stale entry would hide nothing).
    @Test func knownFailuresAreRows() {
        let damaged = Set(Self.rows.map(\.damaged))
        #expect(Self.knownFailures.allSatisfy { damaged.contains($0) })
    }

    /// The same lines as broadcast, with their quotes closed, are left alone: the document
    /// closes its quotes, so none is added.
    @Test func originalLinesAreUnchanged() {
        let document = Self.rows.map(\.original).joined(separator: "\n")
        let result = Self.cleaner.clean(document)
        #expect(result.edits.isEmpty)
        #expect(result.text == document)
    }

    /// A document that closes some quotes leaves the others open on purpose (a quotation over
    /// several paragraphs): they are reported, not closed.
    @Test func documentWithClosingQuotesKeepsItsOpenOnes() {
        let text = "他指出：“要推进“一带一路倡议走深走实。\n“两个确立”具有决定性意义。"
        let result = Self.cleaner.clean(text)
        #expect(result.edits.isEmpty)
        #expect(result.findings.map(\.kind) == ["unclosed-quote", "unclosed-quote"])
        #expect(result.findings.allSatisfy { $0.step == .closingQuotes })
    }

    @Test func insertionIsAnEditThatRebuildsTheInput() throws {
        let text = "要推进“一带一路倡议走深走实，坚持“两个维护,做到“心中有数。"
        let result = Self.cleaner.clean(text)
        #expect(result.text == "要推进“一带一路”倡议走深走实，坚持“两个维护”,做到“心中有数。")
        #expect(result.edits.map(\.reason.confidence) == [ClosingQuoteRestorer.confidenceBeforeHan,
                                                           ClosingQuoteRestorer.confidenceBeforePunctuation])
        let first = try #require(result.edits.first)
        #expect(first.inputRange == 24..<24)
        #expect(first.outputRange == 24..<27)
        #expect(result.offsets.sourceRange(forTargetRange: 27..<33) == 24..<30)
        #expect(result.reconstructedInput() == text)
        #expect(result.findings.map(\.kind) == ["unclosed-quote"])
        #expect(result.findings.first?.inputRange == 73..<76)
    }

    /// A term followed by a digit, a Latin letter or a dash often goes on (`“联合利剑—2024A”`):
    /// the quote is left open.
    @Test func termBeforeDigitOrDashIsLeftOpen() {
        for text in ["演习“联合利剑—2024A在台岛周边", "“一带一路2024年"] {
            let result = Self.cleaner.clean(text)
            #expect(result.edits.isEmpty, "\(text)")
            #expect(result.findings.count == 1)
        }
    }

    /// With page-noise too, each open quote is reported once, by the closing-quote step.
    @Test func unclosedQuotesAreReportedOnce() {
        let text = "坚持“两个维护,推进“新型工业化建设。"
        let both = Cleaner(options: .init(steps: [.pageNoise, .closingQuotes])).clean(text)
        #expect(both.findings.map(\.step) == [.closingQuotes])
        #expect(both.text == "坚持“两个维护”,推进“新型工业化建设。")
        let pageNoiseOnly = Cleaner(options: .init(steps: [.pageNoise])).clean(text)
        #expect(pageNoiseOnly.findings.map(\.step) == [.pageNoise, .pageNoise])
    }

    /// Seeds: each restored span is one judged right by hand in Fixtures/gold/quotes/<seed>.txt
    /// (a seed without a file must get none), and every judged span is restored.
    @Test func seedsRestoreWhatWasJudged() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.appendingPathComponent("seeds").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        #expect(seeds.count >= 5)
        for name in seeds {
            let text = try String(contentsOf: fixturesDirectory.appendingPathComponent("seeds/\(name)"), encoding: .utf8)
            let judged = (try? String(contentsOf: fixturesDirectory.appendingPathComponent("gold/quotes/\(name)"), encoding: .utf8))
                .map { $0.split(separator: "\n").map(String.init) } ?? []
            let result = Cleaner(options: .init(steps: [.pageNoise, .closingQuotes])).clean(text)
            let output = Array(result.text.utf8)
            var spans: [String] = []
            for edit in result.edits where edit.reason.kind == "restored-closing-quote" {
                // The span from the opening quote before the insertion to the restored quote.
                var start = edit.outputRange.lowerBound
                while start >= 3, !(output[start - 3] == 0xE2 && output[start - 2] == 0x80 && output[start - 1] == 0x9C) { start -= 1 }
                spans.append(String(decoding: output[(start - 3)..<edit.outputRange.upperBound], as: UTF8.self))
            }
            #expect(spans == judged, "\(name)")
        }
    }

    /// Streamed piece by piece: once a piece holds a `”`, the pieces after it get none back.
    @Test func closingQuoteInAnEarlierPieceStopsRestoring() {
        var state = CleanupDocumentState()
        let first = Self.cleaner.clean(piece: Array("“两个确立”具有决定性意义。\n".utf8), state: &state, isLast: false)
        #expect(first.edits.isEmpty)
        let second = Self.cleaner.clean(piece: Array("坚持“两个维护,推进工作。\n".utf8), state: &state, isLast: true)
        #expect(second.edits.isEmpty)
        #expect(second.findings.count == 1)
        var fresh = CleanupDocumentState()
        let alone = Self.cleaner.clean(piece: Array("坚持“两个维护,推进工作。\n".utf8), state: &fresh, isLast: true)
        #expect(alone.edits.count == 1)
    }

    /// The embedded table holds exactly the TSV the script wrote.
    @Test func embeddedTableMatchesItsText() throws {
        let url = fixturesDirectory.deletingLastPathComponent().appendingPathComponent("Sources/CZhTextData/tables/quoted-terms.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count >= 200)
        #expect(QuotedTerms.builtIn.automaton?.keyCount == lines.count)
        for line in lines {
            let fields = line.split(separator: "\t")
            #expect(QuotedTerms.builtIn.documentCount(of: String(fields[0])) == Int(fields[1]), "\(line)")
        }
    }
}
