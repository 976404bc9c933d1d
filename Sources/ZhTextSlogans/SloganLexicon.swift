import CZhTextData
import ZhTextCore

/// A list of canonical slogans with categories: the built-in list, a user list, or both.
///
/// The text form is one slogan per line, `term<TAB>canonical<TAB>category`; canonical and
/// category may be left out (the canonical form is then the term, the category `user`).
/// Lines starting with `#` and empty lines are ignored. Terms may be written in either
/// script: they are matched after folding to Simplified.
///
/// ```swift
/// let user = try SloganLexicon(tsv: "双减\t\teducation\n")
/// let matcher = try SloganMatcher(lexicon: user.merging(over: .builtIn))
/// ```
public struct SloganLexicon: Sendable {
    /// One lexicon entry.
    public struct Entry: Sendable, Hashable {
        /// The text to find (either script).
        public var term: String
        /// The form reported in ``SloganMatch/canonical``.
        public var canonical: String
        /// A free-form category such as `ecology` or `party`.
        public var category: String

        /// Creates an entry; an empty canonical form means the term itself.
        public init(term: String, canonical: String = "", category: String = "user") {
            self.term = term
            self.canonical = canonical.isEmpty ? term : canonical
            self.category = category.isEmpty ? "user" : category
        }
    }

    /// A malformed line that was skipped while reading a lexicon.
    public struct SkippedLine: Sendable, Hashable {
        /// The 1-based line number.
        public var line: Int
        /// Why the line was skipped.
        public var reason: String
    }

    /// The entries, in priority order: when two terms fold to the same key, the earlier wins.
    public private(set) var entries: [Entry]
    /// Malformed lines skipped by ``init(tsv:strict:)`` (always empty with `strict`).
    public private(set) var skippedLines: [SkippedLine] = []

    /// A lexicon of the given entries.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads a lexicon in its text form.
    ///
    /// A line is malformed when it has more than three tab-separated fields, an empty term, a
    /// term longer than 64 characters or a control character. Malformed lines are skipped and
    /// listed in ``skippedLines``; with `strict` the first one throws
    /// `ZhTextError/invalidDictionaryEntry(line:reason:)` instead.
    public init(tsv text: some StringProtocol, strict: Bool = false) throws(ZhTextError) {
        entries = []
        var number = 0
        for line in textLines(text) {
            number += 1
            if line.isEmpty || line.first == "#" { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { String($0).trimmingSpaces() }
            let problem: String?
            if fields.count > 3 {
                problem = "\(fields.count) tab-separated fields (at most 3: term, canonical, category)"
            } else if fields[0].isEmpty {
                problem = "empty term"
            } else if fields[0].unicodeScalars.count > 64 {
                problem = "term longer than 64 characters"
            } else if fields.contains(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) {
                problem = "control character"
            } else {
                problem = nil
            }
            if let problem {
                if strict { throw .invalidDictionaryEntry(line: number, reason: problem) }
                skippedLines.append(SkippedLine(line: number, reason: problem))
                continue
            }
            entries.append(Entry(term: fields[0], canonical: fields.count > 1 ? fields[1] : "",
                                 category: fields.count > 2 ? fields[2] : ""))
        }
    }

    /// The built-in lexicon (`Sources/ZhTextSlogans/Lexicon/slogans.tsv`, embedded in the binary).
    public static let builtIn: SloganLexicon = {
        // The file is part of the source tree and checked by the tests (strictly): a malformed
        // edit shows up as a failing test, not here.
        (try? SloganLexicon(tsv: builtInText)) ?? SloganLexicon(entries: [])
    }()

    /// The embedded text of the built-in lexicon.
    static var builtInText: String {
        var count = 0
        let base = zh_text_data_slogan_lexicon(&count)!
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// This lexicon's entries first, then `other`'s: this lexicon wins on equal terms.
    public func merging(over other: SloganLexicon) -> SloganLexicon {
        var merged = SloganLexicon(entries: entries + other.entries)
        merged.skippedLines = skippedLines
        return merged
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start] == " " || scalars[start] == "\u{3000}" { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)] == " " || scalars[scalars.index(before: end)] == "\u{3000}" {
            end = scalars.index(before: end)
        }
        return String(self[start..<end])
    }
}
