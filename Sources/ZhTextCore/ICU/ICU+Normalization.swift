import CZhICU

extension ICU {
    /// Unicode normalisation forms.
    public enum NormalizationForm: Int32, Sendable, CaseIterable {
        /// Canonical composition.
        case nfc = 0
        /// Canonical decomposition.
        case nfd = 1
        /// Compatibility composition: full-width ASCII becomes ASCII, `（` becomes `(`.
        case nfkc = 2
        /// Compatibility decomposition.
        case nfkd = 3
        /// NFKC with case folding (`NFKC_Casefold`).
        case nfkcCasefold = 4
    }

    /// Returns `text` normalised to `form`.
    public static func normalize(_ text: some StringProtocol, to form: NormalizationForm) throws(ZhTextError) -> String {
        try withCString(text) { (pointer, length) throws(ZhTextError) in
            var out: UnsafeMutablePointer<CChar>?
            var outLength: Int32 = 0
            let status = zh_icu_normalize(form.rawValue, pointer, length, &out, &outLength)
            guard status <= 0 else { throw failure("normalize", status) }
            return adoptString(out, outLength)
        }
    }

    /// Whether `text` is already in `form` (a quick check that allocates only a UTF-16 copy).
    public static func isNormalized(_ text: some StringProtocol, in form: NormalizationForm) throws(ZhTextError) -> Bool {
        try withCString(text) { (pointer, length) throws(ZhTextError) in
            var status: Int32 = 0
            let answer = zh_icu_is_normalized(form.rawValue, pointer, length, &status)
            guard status <= 0, answer >= 0 else { throw failure("isNormalized", status) }
            return answer == 1
        }
    }
}
