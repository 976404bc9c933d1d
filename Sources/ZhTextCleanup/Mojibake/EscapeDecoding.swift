import ZhTextCore

/// HTML entities (also double-escaped), percent-encoding and `\\uXXXX` escapes.
extension MojibakeRepairer {
    static let namedEntities: [String: String] = [
        "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "mdash": "—", "ndash": "–", "hellip": "…",
        "middot": "·", "nbsp": "\u{00A0}", "quot": "\"", "lt": "<", "gt": ">", "amp": "&", "apos": "'",
        "times": "×", "divide": "÷", "deg": "°", "yen": "¥", "copy": "©", "reg": "®", "bull": "•",
    ]

    /// `&#…;`, `&#x…;`, `&name;` and their `&amp;` double escapes, in a row.
    func entities(_ scalars: [Unicode.Scalar], _ start: Int) -> (Int, String, EditKind)? {
        var i = start
        var result = ""
        var double = false
        while i < scalars.count, scalars[i] == "&" {
            var j = i + 1
            if j + 4 <= scalars.count, String(String.UnicodeScalarView(scalars[j..<(j + 4)])) == "amp;",
               j + 4 < scalars.count, scalars[j + 4] == "#" || scalars[j + 4].properties.isAlphabetic {
                double = true
                j += 4
            }
            guard let semicolon = scalars[j..<min(scalars.count, j + 12)].firstIndex(of: ";") else { break }
            let body = String(String.UnicodeScalarView(scalars[j..<semicolon]))
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = Self.namedEntities[body]
            }
            guard let decoded, body != "amp" || double else { break }
            result += decoded
            i = semicolon + 1
        }
        guard i > start else { return nil }
        return (i, result, double ? "html-double-escaped" : "html-entities")
    }

    func isPercentByte(_ scalars: [Unicode.Scalar], _ i: Int) -> Bool {
        i + 2 < scalars.count && scalars[i] == "%" && scalars[i + 1].properties.isASCIIHexDigit
            && scalars[i + 2].properties.isASCIIHexDigit
    }

    /// Two or more `%XX` in a row that decode to text with Han in it (UTF-8 first, then GBK).
    func percent(_ scalars: [Unicode.Scalar], _ start: Int) -> (Int, String, EditKind)? {
        var bytes: [UInt8] = []
        var i = start
        while i + 2 < scalars.count, scalars[i] == "%", let byte = UInt8(String(String.UnicodeScalarView(scalars[(i + 1)...(i + 2)])), radix: 16) {
            bytes.append(byte)
            i += 3
        }
        guard bytes.count >= 2, bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        if let text = String(validating: bytes, as: UTF8.self), Self.isPlausible(text) {
            return (i, text, "percent-utf8")
        }
        if let decoded = try? ICU.decode(bytes, from: .gb18030), Self.chineseScore(decoded.text.unicodeScalars).score >= 0.8 {
            return (i, decoded.text, "percent-gbk")
        }
        return nil
    }

    /// `\uXXXX` escapes in a row (surrogate pairs joined).
    func unicodeEscapes(_ scalars: [Unicode.Scalar], _ start: Int) -> (Int, String)? {
        var units: [UInt16] = []
        var i = start
        while i + 5 < scalars.count, scalars[i] == "\\", scalars[i + 1] == "u",
              let unit = UInt16(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16) {
            units.append(unit)
            i += 6
        }
        guard !units.isEmpty, units.contains(where: { $0 >= 0x80 }) else { return nil }
        return (i, String(decoding: units, as: UTF16.self))
    }
}
