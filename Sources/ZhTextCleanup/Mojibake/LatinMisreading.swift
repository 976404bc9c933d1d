import ZhTextCore

/// Text misread as windows-1252 or Latin-1 (`å‘å±•`, `·¢Õ¹`), run by run, lossless.
extension MojibakeRepairer {
    /// Characters that decoding UTF-8 as windows-1252 or Latin-1 produces (besides U+0080–U+00FF).
    static let cp1252Specials: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    static func isLatinMojibake(_ s: UInt32) -> Bool {
        (0x80...0xFF).contains(s) || cp1252Specials[s] != nil
    }

    /// A run of Latin-1/windows-1252 characters (with single ASCII bytes that GBK and Big5 use as
    /// trail bytes) that decodes, as UTF-8, GB 18030 or Big5, to frequent Chinese.
    func latinRun(_ scalars: [Unicode.Scalar], _ start: Int) -> (Int, String, EditKind)? {
        var end = start
        var bytes: [UInt8] = []
        while end < scalars.count {
            let s = scalars[end].value
            if let special = Self.cp1252Specials[s] {
                bytes.append(special)
            } else if (0x80...0xFF).contains(s) {
                bytes.append(UInt8(s))
            } else if s < 0x80, s > 0x20, end > start, Self.isLatinMojibake(scalars[end - 1].value), bytes.last.map({ $0 >= 0x81 }) ?? false {
                bytes.append(UInt8(s))   // possibly a GBK/Big5 trail byte
            } else {
                break
            }
            end += 1
        }
        // Chinese text has its own Latin-1 and windows-1252 characters (·, ×, °, —, “”, …): as GBK
        // or Big5 bytes a run needs two or more letters or controls of U+0080–U+00FF besides those;
        // as UTF-8 its validity is evidence enough.
        let telling = scalars[start..<end].filter {
            (0x80...0xFF).contains($0.value) && ![0xB7, 0xD7, 0xF7, 0xB0, 0xB1, 0xA0].contains($0.value)
        }.count
        // Trailing ASCII or punctuation taken into the run may have been real text: back off.
        while end - start >= 2 {
            if var text = String(validating: bytes, as: UTF8.self), text.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
                // Double (or triple) encoding: the decoded text is itself UTF-8 read as Latin-1.
                var rounds = 1
                while !Self.isPlausible(text), rounds < 3, let again = Self.latinBytes(text),
                      let decoded = String(validating: again, as: UTF8.self) {
                    text = decoded
                    rounds += 1
                }
                let (score, han) = Self.chineseScore(text.unicodeScalars)
                if Self.isPlausible(text), han == 0 || score >= 0.8 {
                    return (end, text, rounds > 1 ? "utf8-double-encoded" : "utf8-as-latin1")
                }
            }
            // Each legacy charset is judged by its own frequent characters (GBK decodings of random
            // bytes are full of traditional-looking characters that Big5 would call frequent).
            for (charset, kind, set) in [(ICU.Charset.gb18030, EditKind.gbkAsLatin1, Self.gb2312Level1Bitmap),
                                         (.big5, "big5-as-latin1", Self.big5Level1Bitmap)] where telling >= 2 {
                if let decoded = try? ICU.decode(bytes, from: charset), Self.isPlausible(decoded.text) {
                    let (score, han) = Self.chineseScore(decoded.text.unicodeScalars, in: set)
                    if han >= 1, score >= 0.9 { return (end, decoded.text, kind) }
                }
            }
            let last = scalars[end - 1].value
            guard last < 0x80 || Self.cp1252Specials[last] != nil else { return nil }
            end -= 1
            bytes.removeLast()
        }
        return nil
    }

    /// The windows-1252/Latin-1 bytes of `text`, or nil when a character has none.
    static func latinBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x100 { bytes.append(UInt8(scalar.value)) }
            else if let byte = cp1252Specials[scalar.value] { bytes.append(byte) }
            else { return nil }
        }
        return bytes
    }
}
