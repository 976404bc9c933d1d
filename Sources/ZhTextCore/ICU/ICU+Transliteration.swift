import CZhICU

extension ICU {
    /// Applies the ICU transform `id` (for example `"Han-Latin"`, `"Latin-ASCII"`,
    /// `"Traditional-Simplified"`, or a compound id `"Han-Latin; Latin-ASCII"`).
    public static func transliterate(_ text: some StringProtocol, transform id: String) throws(ZhTextError) -> String {
        let idBytes = Array(id.utf8CString)
        let idLength = try checkedLength(idBytes.count - 1)
        return try withCString(text) { (pointer, length) throws(ZhTextError) in
            var out: UnsafeMutablePointer<CChar>?
            var outLength: Int32 = 0
            var parseOffset: Int32 = -1
            let status = idBytes.withUnsafeBufferPointer { idChars in
                zh_icu_transliterate(idChars.baseAddress!, idLength, pointer, length, &out, &outLength, &parseOffset)
            }
            guard status <= 0 else {
                let name = String(cString: zh_icu_error_name(status))
                if name.contains("INVALID_ID") || name.contains("ILLEGAL_ARGUMENT") || parseOffset >= 0 {
                    throw .invalidTransform(id: id, reason: name)
                }
                throw failure("transliterate", status)
            }
            return adoptString(out, outLength)
        }
    }
}
