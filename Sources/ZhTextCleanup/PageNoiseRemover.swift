#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ZhTextCore

/// Finds site chrome around a scraped document and the page-split markers of document sites.
///
/// - Chrome lines (版权所有, 技术支持, ICP备, 公网安备, 扫一扫, 通版, 当前版, 上传人, 文档编号,
///   第N页 / 共M页, 展开阅读全文, 相关资源, 猜你喜欢, 当前位置, copyright@ …, in either script) and
///   short bylines (记者 … 报道, 责任编辑：…, 来源：…) are
///   removed only before the first and after the last body line (a line with at least 30 Han
///   characters and clause punctuation), never inside the body, never as substrings.
/// - Page-split markers (`\n\n2、`, seed 003): lines `1、…`, `2、…`, … numbered in sequence and
///   separated by single blank lines (a run from `2、` continues the paragraph before it) are
///   joined back into one paragraph when three or more long ones (a page each) mostly break off
///   mid-sentence, or when every break falls inside a sentence or a word (`建\n\n2、设`). Real
///   numbered lists, whose items end their sentences, stay.
struct PageNoiseRemover {
    static let chromeMarkers: [String] = [
        "版权所有", "版權所有", "技术支持", "技術支持", "ICP备", "ICP備", "ICP证", "ICP證", "公网安备", "公網安備",
        "扫一扫", "掃一掃", "通版", "当前版", "當前版", "上传人", "上傳人", "上传时间", "上傳時間", "文档编号", "文檔編號",
        "展开阅读全文", "展開閱讀全文", "相关资源", "相關資源", "猜你喜欢", "猜你喜歡", "相关搜索", "相關搜索",
        "当前位置", "當前位置", "copyright", "Copyright", "COPYRIGHT", "©", "发布日期", "發布日期", "發佈日期",
        "收藏 分享", "下载 相关 举报", "下載 相關 舉報", "该文档总共", "該文檔總共", "资源描述", "資源描述",
        "打印本页", "打印本頁", "关闭窗口", "關閉窗口", "经营许可证", "經營許可證",
    ]

    /// `chromeMarkers` in one automaton: one pass over a line finds any of them (a search per
    /// marker ran memchr to every byte that starts a Chinese character: 50,000 instructions a
    /// line, a third of cleanup's time on whole broadcasts).
    static let chromeMarkerAutomaton: DictionaryAutomaton? = {
        var builder = AutomatonBuilder(duplicateKeys: .keepFirst)
        for (k, marker) in chromeMarkers.enumerated() { builder.add(marker, value: Int32(k)) }
        return try? builder.build()
    }()

    /// Whether `line` holds one of `chromeMarkers`: the leftmost match, if any, is found first.
    static func holdsChromeMarker(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        struct Found: Error {}
        // (The list is literal: the automaton always builds; the search per marker stays as
        // the answer should it not.)
        guard let automaton = chromeMarkerAutomaton else {
            return chromeMarkers.contains { contains(line, Array($0.utf8)) }
        }
        do {
            try automaton.forEachLeftmostLongestMatch(in: line) { _ in throw Found() }
            return false
        } catch {
            return true
        }
    }

    /// Site navigation labels that stand alone on a line (seed 004 ends with 手機資訊 / 官方微信):
    /// chrome only as a whole line, since body text may mention them.
    static let navigationLabels: Set<String> = [
        "手机资讯", "手機資訊", "手机版", "手機版", "官方微信", "官方微博", "微信公众号", "微信公眾號",
        "电脑版", "電腦版", "返回顶部", "返回頂部", "网站地图", "網站地圖", "联系我们", "聯繫我們", "關於我們", "关于我们",
    ]

    static let bylineStarts = ["记者", "記者", "通讯员", "通訊員", "责任编辑", "責任編輯", "编辑：", "編輯：", "编辑:",
                               "編輯:", "来源：", "來源：", "来源:", "來源:"]

    /// Lines as byte ranges (without their line break).
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            var result: [Range<Int>] = []
            guard buffer.baseAddress != nil else { return [0..<0] }
            var start = 0
            while start <= buffer.count {
                let end = PieceCut.nextLineFeed(buffer, from: start, to: buffer.count)
                if end < buffer.count {
                    result.append(start..<end)
                    start = end + 1
                } else {
                    result.append(start..<buffer.count)
                    break
                }
            }
            return result
        }
    }

    /// Opening “ with no ” after it on its line before the next “ (scraped text drops closing
    /// quotes), and whether the text holds a ” at all (the closing-quote step restores only in a
    /// text that holds none), in one pass.
    func quotes(in bytes: [UInt8], lines: [Range<Int>]) -> (unclosed: [Range<Int>], holdsClosing: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return ([], false) }
            var result: [Range<Int>] = []
            var holdsClosing = false
            for line in lines {
                var open = -1
                var i = line.lowerBound
                while i < line.upperBound, let hit = memchr(base + i, 0xE2, line.upperBound - i) {
                    let j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if j + 2 < line.upperBound, buffer[j + 1] == 0x80 {
                        if buffer[j + 2] == 0x9C {
                            if open >= 0 { result.append(open..<(open + 3)) }
                            open = j
                        } else if buffer[j + 2] == 0x9D {
                            open = -1
                            holdsClosing = true
                        }
                    }
                    i = j + 1
                }
                if open >= 0 { result.append(open..<(open + 3)) }
            }
            return (result, holdsClosing)
        }
    }

    /// Where a piece of a document stands in it. A whole document is one piece with no body
    /// before it and none after it.
    struct PiecePosition {
        /// Whether an earlier piece had a body line (then this piece has no head chrome).
        var bodyBefore = false
        /// Whether a later piece comes (then this piece has no tail chrome: pieces are cut
        /// before a body line).
        var isLast = true
    }

    /// Chrome and page-marker removals, the unclosed quotes found on the way, and whether the
    /// text has a body line.
    func scan(_ bytes: [UInt8], position: PiecePosition = PiecePosition())
        -> (removals: [CleanupChange], unclosedQuotes: [Range<Int>], hasBody: Bool)
    {
        let lines = Self.lines(bytes)
        let (removals, hasBody) = removals(in: bytes, lines: lines, position: position)
        return (removals, quotes(in: bytes, lines: lines).unclosed, hasBody)
    }

    func removals(in bytes: [UInt8], lines: [Range<Int>], position: PiecePosition = PiecePosition())
        -> (removals: [CleanupChange], hasBody: Bool)
    {
        let strings = LazyLines(bytes: bytes, lines: lines)
        var result: [CleanupChange] = []
        // Body limits: only the lines before the first and after the last body line are read.
        let first = lines.indices.first { isBody(bytes, lines[$0]) }
        // Back from the end to the first body line, which is not asked twice (a record of one
        // line was read twice).
        let last = first.map { first in lines.indices[(first + 1)...].reversed().first { isBody(bytes, lines[$0]) } ?? first }
        // Head: before the document's first body line; tail: after its last one. With no body
        // line anywhere nothing is chrome; a piece with none after a body is all tail.
        var candidates: [Int] = []
        if let first, !position.bodyBefore { candidates += 0..<first }
        if position.isLast {
            if let last { candidates += (last + 1)..<lines.count } else if position.bodyBefore { candidates += lines.indices }
        }
        do {
            for index in candidates where !isBody(bytes, lines[index])
                && bytes.withUnsafeBufferPointer({ isChrome(UnsafeBufferPointer(rebasing: $0[lines[index]])) }) {
                // The line and the line break after it (or before it, for the last line).
                let range = lines[index]
                let end = range.upperBound < bytes.count ? range.upperBound + 1 : range.upperBound
                let start = end == range.upperBound && range.lowerBound > 0 ? range.lowerBound - 1 : range.lowerBound
                result.append(CleanupChange(range: start..<end, replacement: "", kind: .chromeLine, confidence: 0.95))
            }
        }
        result += pageMarkers(bytes, lines, strings)
        return (result.sorted { $0.range.lowerBound < $1.range.lowerBound }, first != nil)
    }

    /// A line of the article itself: long with clause punctuation, or a whole sentence of 24 or
    /// more Han characters (so that a body sentence mentioning 通版 or 相关资源 is never chrome).
    func isBody(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { isBody($0) }
    }

    /// ``isBody(_:)`` over a line's UTF-8, without making a String of it (an invalid sequence
    /// counts as the U+FFFD that decoding would write).
    func isBody(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = line.baseAddress else { return false }
        var han = 0, punctuation = false
        var last: Unicode.Scalar? = nil
        var i = 0
        while i < line.count {
            let (value, length) = decodeScalar(p, i, line.count)
            let scalar = length > 0 ? Unicode.Scalar(value) ?? "\u{FFFD}" : "\u{FFFD}"
            i += abs(length)
            switch Tokenizer.kind(of: scalar) {
            case .han: han += 1
            case .punctuation(.clauseSeparator), .punctuation(.sentenceTerminator), .punctuation(.enumerationComma):
                punctuation = true
            default: break
            }
            // Settled: the rest of the line cannot undo it (most body lines get here in their
            // first forty characters; every line of a batch of records is asked).
            if han >= 30, punctuation { return true }
            if !scalar.isLineSpace { last = scalar }
        }
        let endsSentence = last.map { Tokenizer.kind(of: $0) == .punctuation(.sentenceTerminator) } ?? false
        return (han >= 30 && punctuation) || (han >= 24 && endsSentence)
    }

    /// ``isBody(_:)`` of line `index` of `bytes`.
    func isBody(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { isBody(UnsafeBufferPointer(rebasing: $0[line])) }
    }

    func isChrome(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        // Over the line's bytes: String's prefix tests and Set<String> lookups compare by
        // canonical equivalence, some thousand instructions a call, and every head and tail
        // line of every record is asked. A line of invalid UTF-8 reads as String(decoding:)
        // would: markers and labels are whole characters, so no match starts inside a
        // replaced sequence.
        let trimmed = Self.trimmingSpaces(line)
        guard let base = trimmed.baseAddress, !trimmed.isEmpty else { return false }
        if Self.holdsChromeMarker(trimmed) { return true }
        if trimmed.count <= Self.longestNavigationLabel,
           Self.navigationLabelBytes.contains(where: { $0.elementsEqual(trimmed) }) { return true }
        // Short bylines and source lines: 记者 方舟 报道, 责任编辑：…, 来源：…
        if Self.bylineStartBytes.contains(where: { trimmed.starts(with: $0) }),
           Self.scalarCount(trimmed, atMost: 30) { return true }
        // 第1页 / 共4页, and document-site page titles ending in _第N页.
        let firstNonSpace = trimmed.firstIndex { $0 != 0x20 } ?? trimmed.count
        if trimmed[firstNonSpace...].starts(with: Self.di), Self.isPageCount(String(decoding: trimmed, as: UTF8.self)) {
            return true
        }
        return trimmed.count >= Self.ye.count
            && memcmp(base + trimmed.count - Self.ye.count, Self.ye, Self.ye.count) == 0
            && Self.contains(trimmed, Self.underscoreDi)
    }

    private static let di = Array("第".utf8), ye = Array("页".utf8), underscoreDi = Array("_第".utf8)
    private static let navigationLabelBytes = navigationLabels.map { Array($0.utf8) }
    private static let longestNavigationLabel = navigationLabelBytes.map(\.count).max() ?? 0
    private static let bylineStartBytes = bylineStarts.map { Array($0.utf8) }

    /// `line` without spaces, tabs, carriage returns and U+3000 at either end.
    static func trimmingSpaces(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = line.count
        while true {
            if start < end, line[start] == 0x20 || line[start] == 0x09 || line[start] == 0x0D { start += 1 }
            else if end - start >= 3, line[start] == 0xE3, line[start + 1] == 0x80, line[start + 2] == 0x80 { start += 3 }
            else { break }
        }
        while true {
            if end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D { end -= 1 }
            else if end - start >= 3, line[end - 3] == 0xE3, line[end - 2] == 0x80, line[end - 1] == 0x80 { end -= 3 }
            else { break }
        }
        return UnsafeBufferPointer(rebasing: line[start..<end])
    }

    /// Whether `line` decodes to at most `limit` scalars (an invalid sequence counts as the one
    /// U+FFFD that decoding writes for it).
    static func scalarCount(_ line: UnsafeBufferPointer<UInt8>, atMost limit: Int) -> Bool {
        guard let p = line.baseAddress else { return true }
        var i = 0, count = 0
        while i < line.count {
            i += abs(decodeScalar(p, i, line.count).length)
            count += 1
            if count > limit { return false }
        }
        return true
    }

    /// Whether `needle` occurs in `line`: a byte search, which in UTF-8 finds exactly the
    /// character sequence. (Foundation's `contains`, which this module sees, goes through
    /// NSString with canonical equivalence: on long records it was half of batch mode.)
    static func contains(_ line: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard let base = line.baseAddress, line.count >= needle.count else { return false }
        return needle.withUnsafeBufferPointer { n in
            // memchr to each candidate first byte, memcmp the rest (memmem is not portable).
            var i = 0
            while i + n.count <= line.count {
                guard let hit = memchr(base + i, Int32(n[0]), line.count - n.count - i + 1) else { return false }
                let j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + j, n.baseAddress!, n.count) == 0 { return true }
                i = j + 1
            }
            return false
        }
    }

    /// Whether line `range` of `bytes` holds nothing but spaces, tabs, carriage returns and U+3000.
    static func isBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { trimmingSpaces(UnsafeBufferPointer(rebasing: $0[range])).isEmpty }
    }

    static func isPageCount(_ line: String) -> Bool {
        // Most lines fail at their first character: no String is built for them.
        guard line.drop(while: { $0 == " " }).first == "第" else { return false }
        let compact = line.filter { $0 != " " }
        var bytes = compact
        guard compact.hasPrefix("第"), compact.hasSuffix("页"),
              bytes.withUTF8({ contains($0, Array("共".utf8)) }) else { return false }
        return compact.allSatisfy { $0.isNumber || "第页/共頁".contains($0) }
    }

    /// Runs of `N、` page chunks: each marker (with the blank line before it) is removed.
    /// Lines decoded only when asked for.
    struct LazyLines {
        let bytes: [UInt8]
        let lines: [Range<Int>]
        subscript(_ index: Int) -> String { String(decoding: bytes[lines[index]], as: UTF8.self) }
    }

    func pageMarkers(_ bytes: [UInt8], _ lines: [Range<Int>], _ strings: LazyLines) -> [CleanupChange] {
        // Chunk lines "N、…" numbered in sequence, each two lines after the previous one.
        var runs: [[Int]] = []
        var current: [Int] = []
        for index in lines.indices {
            guard let firstByte = bytes[lines[index]].first, (0x30...0x39).contains(firstByte),
                  let number = Self.leadingNumber(bytes[lines[index]]) else { continue }
            if let last = current.last, index == last + 2, Self.isBlank(bytes, lines[last + 1]),
               Self.leadingNumber(bytes[lines[last]]).map({ $0 + 1 }) == number {
                current.append(index)
            } else {
                if !current.isEmpty { runs.append(current) }
                current = [index]
            }
        }
        if !current.isEmpty { runs.append(current) }
        var result: [CleanupChange] = []
        for run in runs {
            // A run that starts at 2 continues the unnumbered paragraph two lines before it.
            var pieces = run
            var implicitFirst = false
            if Self.leadingNumber(strings[run[0]]) == 2, run[0] >= 2, Self.isBlank(bytes, lines[run[0] - 1]),
               !Self.isBlank(bytes, lines[run[0] - 2]), Self.leadingNumber(strings[run[0] - 2]) == nil {
                pieces.insert(run[0] - 2, at: 0)
                implicitFirst = true
            }
            guard pieces.count >= 2 else { continue }
            // Long pages (three or more, a page each) break off mid-sentence more often than not;
            // a list's items end their sentences. Shorter runs join only when every break falls
            // inside a sentence: after a comma-like mark, or inside a word (the characters on
            // either side are a frequent pair: 建|设).
            let long = !implicitFirst && run.count >= 3 && run.allSatisfy { strings[$0].unicodeScalars.count >= 80 }
            let midSentence = run.dropLast().filter { !Self.endsSentence(strings[$0]) }.count
            let continuing = zip(pieces, pieces.dropFirst()).allSatisfy { Self.breaksInsideSentence(strings[$0.0], strings[$0.1]) }
            guard (long && midSentence * 2 >= run.count - 1) || continuing else { continue }
            for (k, lineIndex) in pieces.enumerated() {
                let range = lines[lineIndex]
                if k == 0 {
                    guard !implicitFirst else { continue }
                    result.append(CleanupChange(range: range.lowerBound..<(range.lowerBound + Self.markerByteLength(strings[lineIndex])),
                                          replacement: "", kind: .pageMarker, confidence: 0.9))
                } else {
                    // "\n\nN、" from the end of the previous chunk to the start of this one's text.
                    let previousEnd = lines[pieces[k - 1]].upperBound
                    result.append(CleanupChange(range: previousEnd..<(range.lowerBound + Self.markerByteLength(strings[lineIndex])),
                                          replacement: "", kind: .pageMarker, confidence: continuing && !long ? 0.8 : 0.9))
                }
            }
        }
        return result
    }

    /// Whether the break between a piece and the next numbered one falls inside a sentence: the
    /// piece ends with a clause-internal mark, or its last character and the next piece's first
    /// (after `N、`) are a pair that news text has at least 64 times (either script).
    static func breaksInsideSentence(_ piece: String, _ next: String) -> Bool {
        guard let last = piece.lastNonSpaceScalar, !endsSentence(piece) else { return false }
        if "，、；：（“《,;:".unicodeScalars.contains(last) { return true }
        guard let marker = next.unicodeScalars.firstIndex(of: "、"),
              let first = next.unicodeScalars[next.unicodeScalars.index(after: marker)...].first,
              Tokenizer.kind(of: last) == .han, Tokenizer.kind(of: first) == .han else { return false }
        return max(BigramModel.simplified.weight(last.value, first.value), BigramModel.traditional.weight(last.value, first.value)) >= 6
    }

    static func leadingNumber(_ line: String) -> Int? {
        leadingNumber(line.utf8)
    }

    /// The number of a page marker `N、` (one to three ASCII digits, then `、`) that starts
    /// `line`'s UTF-8 bytes, or nil. Read from the bytes, so that the lines that start with a
    /// digit (a seventh of the news) build no String.
    static func leadingNumber(_ line: some Collection<UInt8>) -> Int? {
        var digits = 0, value = 0
        var i = line.startIndex
        while i != line.endIndex, (0x30...0x39).contains(line[i]) {
            // Input decides how many digits come: stop counting past three (a marker has at
            // most three), so a 20-digit number cannot overflow.
            digits += 1
            guard digits <= 3 else { return nil }
            value = value * 10 + Int(line[i] - 0x30)
            i = line.index(after: i)
        }
        guard digits > 0 else { return nil }
        // 、 is E3 80 81.
        for byte in [0xE3, 0x80, 0x81] as [UInt8] {
            guard i != line.endIndex, line[i] == byte else { return nil }
            i = line.index(after: i)
        }
        return value
    }

    static func markerByteLength(_ line: String) -> Int {
        var length = 0
        for scalar in line.unicodeScalars {
            length += UTF8.width(scalar)
            if scalar == "、" { return length }
        }
        return length
    }

    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.lastNonSpaceScalar else { return true }
        return "。！？!?”」』…".unicodeScalars.contains(last)
    }
}

extension String {
    /// The last scalar that is not a space, tab, carriage return or U+3000.
    var lastNonSpaceScalar: Unicode.Scalar? {
        unicodeScalars.reversed().first { !$0.isLineSpace }
    }
}

extension Unicode.Scalar {
    var isLineSpace: Bool { self == " " || self == "\t" || self == "\r" || self == "\u{3000}" }
}
