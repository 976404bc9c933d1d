import CZhTextData
import ZhTextCore

/// The terms of ZhText's built-in slogan lexicon, read from the data target (ZhTextWords does
/// not import ZhTextSlogans): the first field of each `term<TAB>canonical<TAB>category` line.
enum BuiltInSloganTerms {
    static let terms: [String] = {
        var count = 0
        let pointer = zh_text_data_slogan_lexicon(&count)
        let text = String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
        return textLines(text).compactMap { line -> String? in
            guard !line.hasPrefix("#"), let term = line.split(separator: "\t", omittingEmptySubsequences: false).first,
                  !term.isEmpty else { return nil }
            return String(term)
        }
    }()
}
