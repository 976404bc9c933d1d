import Foundation
import Testing
import ZhTextCleanup
import ZhTextCore
@testable import ZhTextSlogans

let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixture(_ path: String) throws -> String {
    try String(contentsOf: fixturesDirectory.appendingPathComponent(path), encoding: .utf8)
}

/// The .tsv files of a gold directory, each with its text, in name order: gold directories are
/// enumerated, not listed.
func goldFiles(in directory: URL) -> [(name: String, text: String)] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".tsv") }.sorted()
        .map { ($0, (try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) ?? "") }
}

/// The entries of a gold directory's known-failures.txt (`#` lines are comments).
func knownFailures(in directory: URL) -> Set<String> {
    let text = (try? String(contentsOf: directory.appendingPathComponent("known-failures.txt"), encoding: .utf8)) ?? ""
    return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
}

@Suite struct SeedSloganTests {
    @Test func traditionalAndAnnotatedTextFoldsToSimplifiedCanonicalForms() throws {
        let seed = try fixture("seeds/004_c85ba3acf2c804d7.txt")
        let matches = try SloganMatcher().matches(in: seed)
        let battle = try #require(matches.first { $0.canonical == "蓝天、碧水、净土保卫战" })
        #expect(battle.text == "藍天、碧(bi)水、凈(jing)土保衛(wei)戰")
        #expect(battle.category == "ecology")
        let formula = try #require(matches.first { $0.canonical == "两高一低" })
        #expect(formula.text == "兩高(gao)一低")
        #expect(formula.isQuoted && formula.kind == .numberedFormula)
    }
}

@Suite struct StructuralRecognizerTests {
    func structural(_ text: String) throws -> [SloganMatch] {
        try SloganMatcher(lexicon: SloganLexicon(entries: []), minimumConfidence: 0).matches(in: text)
    }

    @Test(arguments: [
        ("严控“两高一低”项目", "两高一低", SloganKind.numberedFormula, true),
        ("推进三治一增工作", "三治一增", .numberedFormula, false),
        ("落实“三管三必须”要求", "三管三必须", .numberedFormula, true),
        ("持续开展河库“清四乱”专项行动", "清四乱", .numberedFormula, true),
        ("纳入经济社会发展“四挂钩”考评内容", "四挂钩", .numberedFormula, true),
        ("协调推进“四个全面”战略布局", "四个全面", .numeralNoun, true),
        ("准确把握六项重要原则、五个体系", "六项重要原则", .numeralNoun, false),
        ("把生态环境保护融入我市“三大戰役”等工作大局", "三大战役", .numeralNoun, true),
        ("全面落实“治水十条”要求", "治水十条", .numeralNoun, true),
        ("“１＋１＋１０”工作方案", "1+1+10", .arithmeticFormula, true),
        ("积极推进“厕所革命”", "厕所革命", .quotedTerm, true),
        ("全力打好“蓝天”“碧水”“净土”三大战役，把", "蓝天碧水净土三大战役", .quotedSeries, true),
        ("拼出天更蓝、水更清、土更净的美丽画卷", "天更蓝、水更清、土更净", .parallelStructure, false),
        ("统筹推进控排、控油、控燒。", "控排、控油、控烧", .parallelStructure, false),
        ("牢固树立“綠水青山就是金山銀山”理念", "绿水青山就是金山银山", .aphorism, true),
        ("“环境就是民生、青山就是美丽、蓝天也是幸福。", "环境就是民生、青山就是美丽、蓝天也是幸福", .aphorism, false),
    ])
    func recognises(text: String, canonical: String, kind: SloganKind, quoted: Bool) throws {
        let matches = try structural(text)
        let match = try #require(matches.first { $0.canonical == canonical }, "\(matches.map(\.canonical))")
        #expect(match.kind == kind)
        #expect(match.isQuoted == quoted)
        #expect(String(decoding: Array(text.utf8)[match.utf8Range], as: UTF8.self) == match.text)
    }

    /// Fixtures/slogans/look-alikes.txt: counts, congresses, idioms, names, lists and
    /// sentences shaped like slogans.
    @Test func lookAlikesAreNotSlogans() throws {
        let lines = try fixture("slogans/look-alikes.txt").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count >= 20)
        for line in lines {
            let matches = try structural(String(line))
            #expect(matches.isEmpty, "\(line): \(matches.map { "\($0.canonical) \($0.kind)" })")
        }
    }

    @Test func emptyAndInvalidInputGiveExactRangesOrNothing() throws {
        let matcher = try SloganMatcher()
        #expect(matcher.matches(in: "").isEmpty)
        #expect(matcher.matches(in: "\n\n\n").isEmpty)
        // Invalid bytes match nothing and keep every later offset exact.
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("推进“四减四增”行动".utf8) + [0xC3]
        var found: [SloganMatch] = []
        bytes.withUnsafeBufferPointer { buffer in matcher.forEachMatch(inUTF8: buffer, baseOffset: 100) { found.append($0) } }
        let match = try #require(found.first)
        #expect(match.canonical == "四减四增")
        #expect(match.utf8Range == (100 + 2 + 9)..<(100 + 2 + 9 + 12))
    }

    /// A line of several MiB is matched in pieces cut after a clause mark: nothing is lost at a cut.
    @Test func aHugeLineIsMatchedWhole() throws {
        let unit = "严控“两高一低”项目，"
        let repeats = 3 * SloganMatcher.maximumPiece / unit.utf8.count
        let text = String(repeating: unit, count: repeats)
        let matches = try SloganMatcher().matches(in: text)
        #expect(matches.count == repeats)
        #expect(matches.allSatisfy { $0.canonical == "两高一低" && $0.isQuoted })
        let unitBytes = unit.utf8.count
        #expect(matches.enumerated().allSatisfy { $0.element.utf8Range.lowerBound == $0.offset * unitBytes + 9 })
    }

    @Test func slogansNeverSpanALineBreak() throws {
        let matches = try SloganMatcher().matches(in: "绿水青山\n就是金山银山")
        #expect(matches.allSatisfy { !$0.text.contains("\n") })
    }
}

@Suite struct SloganLexiconTests {
    @Test func builtInLexiconParsesWithoutSkippedLines() throws {
        let strict = try SloganLexicon(tsv: SloganLexicon.builtInText, strict: true)
        let count = strict.entries.count
        #expect(count == SloganLexicon.builtIn.entries.count)
        #expect(count >= 150)
        #expect(Set(strict.entries.map(\.category)).isSubset(of: ["party", "ideology", "economy", "ecology", "governance", "society", "diplomacy", "security"]))
    }

    @Test func malformedLinesAreReportedWithTheirNumbersOrRejected() throws {
        let tsv = "双减\t\teducation\n\t空\n# comment\n新三样\n太多\t列\t的\t字段\n"
        let lexicon = try SloganLexicon(tsv: tsv)
        #expect(lexicon.entries.map(\.term) == ["双减", "新三样"])
        #expect(lexicon.entries[1].canonical == "新三样" && lexicon.entries[1].category == "user")
        #expect(lexicon.skippedLines.map(\.line) == [2, 5])
        #expect(throws: ZhTextError.invalidDictionaryEntry(line: 2, reason: "empty term")) {
            try SloganLexicon(tsv: tsv, strict: true)
        }
    }

    @Test func userTermsTakePriorityAndMatchInEitherScript() throws {
        let user = try SloganLexicon(tsv: "綠水青山\t两山\tmine\n雙減\t双减\teducation\n")
        let matcher = try SloganMatcher(lexicon: user.merging(over: .builtIn), kinds: [.lexicon])
        let matches = matcher.matches(in: "落实双减政策，守护绿水青山。")
        #expect(matches.map(\.canonical) == ["双减", "两山"])
        #expect(matches.map(\.category) == ["education", "mine"])
    }

    /// A sample of the news corpus (Fixtures/corpus/xwlb-clean-lines.txt): every occurrence of
    /// a term that no longer built-in term contains is found, with its exact range.
    @Test func corpusSampleFindsEveryOccurrence() throws {
        let text = try fixture("corpus/xwlb-clean-lines.txt")
        let matcher = try SloganMatcher()
        let matches = matcher.matches(in: text)
        let utf8 = Array(text.utf8)
        for term in ["中国式现代化", "新质生产力", "高质量发展"] {
            // Each occurrence is the term itself or inside a longer slogan (“推动高质量发展”).
            let expected = text.components(separatedBy: term).count - 1
            let found = matches.filter { $0.canonical.contains(term) }
            #expect(found.count == expected, "\(term)")
            #expect(found.allSatisfy { String(decoding: utf8[$0.utf8Range], as: UTF8.self).contains(term) })
            #expect(found.filter { $0.canonical == term }.count >= expected * 3 / 4)
        }
        // Counting finds exactly the slogans that matching reports.
        let counts = matcher.canonicalCounts(in: text)
        #expect(counts == Dictionary(matches.map { ($0.canonical, 1) }, uniquingKeysWith: +))
        #expect(matcher.category(ofCanonical: "高质量发展") == "economy")
        #expect(matcher.category(ofCanonical: "不是提法") == nil)
    }
}

@Suite struct DerivedTextTests {
    /// Slogans of a cleanup result: found in the repaired text, reported at their bytes in the
    /// scraped original (here an HTML-escaped slogan and an annotated one).
    @Test func matchesInACleanedTextPointAtTheOriginal() throws {
        let original = "推动&#39640;&#36136;&#37327;&#21457;&#23637;，严控“兩(liang)高(gao)一(yi)低(di)”项目，" +
            "會(hui)議(yi)指(zhi)出(chu)要統(tong)籌(chou)推(tui)進(jin)控(kong)排(pai)。"
        let cleaned = Cleaner().clean(original)
        #expect(cleaned.text.hasPrefix("推动高质量发展，严控“兩高一低”项目"))
        let matches = try SloganMatcher().matches(in: cleaned.text, original: original, map: cleaned.offsets)
        let first = try #require(matches.first)
        #expect(first.canonical == "高质量发展")
        #expect(first.text == "&#39640;&#36136;&#37327;&#21457;&#23637;")
        let formula = try #require(matches.first { $0.canonical == "两高一低" })
        // The readings inside go with the slogan; the one after its last character does not.
        #expect(formula.text == "兩(liang)高(gao)一(yi)低")
        #expect(formula.isQuoted)
        for match in matches {
            #expect(String(decoding: Array(original.utf8)[match.utf8Range], as: UTF8.self) == match.text)
        }
    }
}

/// Swift reads `\r\n` as one `Character`: a CRLF lexicon was one long line (control character).
@Suite struct SloganLexiconLineTests {
    @Test func crlfLinesAreLines() throws {
        let lexicon = try SloganLexicon(tsv: "# 用户词表\r\n绿水青山就是金山银山\t两山理论\t生态\r\n三大战役\r\n", strict: true)
        #expect(lexicon.entries.count == 2)
        #expect(lexicon.skippedLines.isEmpty)
    }
}
