import CZhICU

extension ICU {
    /// The kinds of boundary ICU's break iterators find.
    public enum BreakKind: Int32, Sendable, CaseIterable {
        /// Grapheme clusters.
        case character = 0
        /// Words (dictionary-based for Chinese).
        case word = 1
        /// Line-break opportunities.
        case line = 2
        /// Sentences (UAX #29; ZhText's own segmenter improves on it for Chinese).
        case sentence = 3
    }

    /// Calls `body` with each boundary ICU finds in `text`, as a UTF-8 byte offset
    /// (the final offset, `text.utf8.count`, included; offset 0 not).
    public static func forEachBoundary(
        in text: some StringProtocol, kind: BreakKind, locale: String = "zh",
        _ body: (Int) throws -> Void
    ) throws {
        try withCString(text) { (pointer, length) throws(ZhTextError) in
            var status: Int32 = 0
            guard let handle = zh_icu_break_open(kind.rawValue, locale, pointer, length, &status), status <= 0 else {
                throw failure("break iterator", status)
            }
            defer { zh_icu_break_close(handle) }
            do {
                while case let boundary = zh_icu_break_next(handle), boundary >= 0 {
                    try body(Int(boundary))
                }
            } catch let error as ZhTextError {
                throw error
            } catch {
                throw .icuFailure(operation: "break iteration callback", code: -1, name: "\(error)")
            }
        }
    }

    /// All boundaries ICU finds in `text`, as UTF-8 byte offsets (see ``forEachBoundary(in:kind:locale:_:)``).
    public static func boundaries(in text: some StringProtocol, kind: BreakKind, locale: String = "zh") throws(ZhTextError) -> [Int] {
        var result: [Int] = []
        do {
            try forEachBoundary(in: text, kind: kind, locale: locale) { result.append($0) }
        } catch let error as ZhTextError {
            throw error
        } catch {
            throw .icuFailure(operation: "break iteration", code: -1, name: "\(error)")
        }
        return result
    }
}
