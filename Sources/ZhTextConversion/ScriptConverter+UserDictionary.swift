import ZhTextCore

extension ScriptConverter {
    /// The pairs of a user dictionary in OpenCC's text format, for
    /// ``init(_:userDictionary:)``: one `source<TAB>replacement` per line, where further
    /// candidates separated by spaces may follow the first (which is used), as in OpenCC's own
    /// dictionaries. Empty lines and lines starting with `#` are skipped; CRLF line ends are
    /// accepted.
    ///
    /// - Throws: `ZhTextError.invalidDictionaryEntry(line:reason:)` for the first line that has
    ///   no source or no replacement, with its 1-based line number.
    public static func userDictionary(tsv text: some StringProtocol) throws(ZhTextError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (number, trimmed) in textLines(text).enumerated() {
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].isEmpty,
                  let replacement = fields[1].split(separator: " ").first else {
                throw .invalidDictionaryEntry(line: number + 1, reason: "expected 'source<TAB>replacement'")
            }
            pairs.append((String(fields[0]), String(replacement)))
        }
        return pairs
    }
}
