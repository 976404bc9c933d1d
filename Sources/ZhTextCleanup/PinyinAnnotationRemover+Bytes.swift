import ZhTextCore

extension PinyinAnnotationRemover {
    /// The annotations to remove from `bytes` (valid UTF-8), as byte-range deletions. A dense
    /// document has at least three "(letters)" right after a Han character; one pass over the
    /// bytes tells when there cannot be. With one or two, only the lines that hold them are
    /// looked at, for evident annotations (`減(jiǎn)`).
    func changes(in bytes: [UInt8]) -> [CleanupChange] {
        let groups = Self.parenthesisedLetterGroups(bytes, upTo: 3)
        guard groups >= 3 else { return groups == 0 ? [] : sparseReadings(bytes) }
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        let found = removals(in: scalars)
        guard !found.isEmpty else { return sparseReadings(bytes) }
        let utf8Offsets = utf8Offsets(of: scalars)
        return found.map {
            CleanupChange(range: utf8Offsets[$0.range.lowerBound]..<utf8Offsets[$0.range.upperBound], replacement: "",
                          kind: $0.kind, confidence: $0.confidence)
        }
    }

    /// Evident pinyin annotations in the lines of `bytes` that hold a parenthesis, each line
    /// judged on its own (a document with fewer than three candidate groups).
    func sparseReadings(_ bytes: [UInt8]) -> [CleanupChange] {
        var result: [CleanupChange] = []
        for line in PageNoiseRemover.lines(bytes) where Self.holdsParenthesis(bytes[line]) {
            let scalars = Array(String(decoding: bytes[line], as: UTF8.self).unicodeScalars)
            let found = removals(in: scalars, sparse: true)
            guard !found.isEmpty else { continue }
            let offsets = utf8Offsets(of: scalars)
            for removal in found {
                result.append(CleanupChange(
                    range: (line.lowerBound + offsets[removal.range.lowerBound])..<(line.lowerBound + offsets[removal.range.upperBound]),
                    replacement: "", kind: removal.kind, confidence: removal.confidence))
            }
        }
        return result
    }

    /// Whether `line` holds an ASCII or a full-width (`（`, EF BC 88) opening parenthesis.
    static func holdsParenthesis(_ line: ArraySlice<UInt8>) -> Bool {
        line.indices.contains { k in
            line[k] == 0x28 || (line[k] == 0xEF && k + 2 < line.endIndex && line[k + 1] == 0xBC && line[k + 2] == 0x88)
        }
    }

    /// How many groups "(lowercase letters)" follow a non-ASCII character, counted up to `limit`
    /// (ASCII or full-width parentheses; letters a–z, tone-marked vowels, digits 1–5, spaces, `'`,
    /// `:`): one pass over the bytes, sixteen a step between parentheses.
    static func parenthesisedLetterGroups(_ bytes: [UInt8], upTo limit: Int) -> Int {
        bytes.withUnsafeBufferPointer { parenthesisedLetterGroups($0, upTo: limit) }
    }

    static func parenthesisedLetterGroups(_ b: UnsafeBufferPointer<UInt8>, upTo limit: Int) -> Int {
        var found = 0
        var i = 1
        let open = SIMD16<UInt8>(repeating: 0x28), lead = SIMD16<UInt8>(repeating: 0xEF), third = SIMD16<UInt8>(repeating: 0x88)
        while i + 1 < b.count {
            // Sixteen positions per step until one holds ( or （ (EF BC 88: lead and third byte
            // tested): full-width commas and colons share its lead byte, so the lead alone is no test.
            // A block that holds one goes straight to its lane.
            while i + 18 <= b.count {
                let here = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let after = UnsafeRawPointer(b.baseAddress! + i + 2).loadUnaligned(as: SIMD16<UInt8>.self)
                // (The two-word test is written out: SIMDLanes' calls are not inlined across
                // modules here, and the call cost 4% of a clean.)
                let words = unsafeBitCast((here .== open) .| ((here .== lead) .& (after .== third)), to: (UInt64, UInt64).self)
                if words.0 | words.1 != 0 {
                    i += words.0 != 0 ? words.0.trailingZeroBitCount >> 3 : 8 + words.1.trailingZeroBitCount >> 3
                    break
                }
                i += 16
            }
            guard i + 1 < b.count else { break }
            // Only ( and the lead byte of （ can start a group.
            guard b[i] == 0x28 || b[i] == 0xEF else {
                i += 1
                continue
            }
            var bodyStart = -1
            if b[i] == 0x28, b[i - 1] >= 0x80 { bodyStart = i + 1 }
            else if b[i] == 0xEF, i + 3 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0x88, b[i - 1] >= 0x80 { bodyStart = i + 3 }
            if bodyStart > 0 {
                var j = bodyStart, letters = 0
                while j < b.count, j - bodyStart < 40 {
                    let c = b[j]
                    if (0x61...0x7A).contains(c) { letters += 1 }
                    else if c == 0x29 || (c == 0xEF && j + 2 < b.count && b[j + 1] == 0xBC && b[j + 2] == 0x89) { break }
                    else if c >= 0x80 && c < 0xE0 || c >= 0x80 && c <= 0xBF { }  // tone-marked vowels (2-byte)
                    else if !(c == 0x20 || c == 0x27 || c == 0x3A || (0x31...0x35).contains(c)) { letters = -1; break }
                    j += 1
                }
                if letters > 0, j < b.count { found += 1 }
                if found >= limit { return found }
            }
            i += 1
        }
        return found
    }
}
