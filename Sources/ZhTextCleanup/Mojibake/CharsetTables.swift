import CZhTextData
import ZhTextCore

/// Each character's bytes in the legacy charsets, and what those bytes read as in the other:
/// built once from ICU's converters, the tables that turn garbled text back into its bytes.
extension MojibakeRepairer {
    /// BMP characters whose GBK bytes are a UTF-8 lead byte of a three-byte sequence (E0–EF)
    /// followed by a continuation byte (80–BF): UTF-8 Chinese read as GBK always starts with one.
    static let computedLeadCapable: [UInt64] = {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 64 * 2)
        for lead in UInt8(0xE0)...0xEF { for trail in UInt8(0x80)...0xBF { bytes.append(lead); bytes.append(trail) } }
        var bitmap = [UInt64](repeating: 0, count: 0x10000 / 64)
        for scalar in ICU.decodeScalars(bytes, from: .gbk) ?? [] where scalar < 0x10000 && scalar != 0xFFFD {
            bitmap[Int(scalar) >> 6] |= 1 << UInt64(scalar & 63)
        }
        return bitmap
    }()

    /// GBK's two bytes for each BMP character that has them (0: none), from one ICU decoding of
    /// every GBK byte pair.
    static let computedGBKBytes = pairTable(from: gbkCharacters)
    /// Each GBK byte pair's character (0: none): the reverse of `gbkBytes`, duplicates included.
    static let gbkCharacters = decodedPairs(.gbk, leads: 0x81...0xFE, trails: Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFE))

    /// GB 18030's two bytes for each BMP character that has them (GBK's, and the user-defined
    /// areas that GB 18030 decoders read as private-use characters).
    static let gb18030Bytes = pairTable(.gb18030, leads: 0x81...0xFE, trails: Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFE))

    static func isLeadCapable(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 && leadCapable[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Each BMP character's two bytes in `charset` (0: none), from one ICU decoding per lead byte.
    static func pairTable(_ charset: ICU.Charset, leads: ClosedRange<UInt8>, trails: [UInt8]) -> [UInt16] {
        pairTable(from: decodedPairs(charset, leads: leads, trails: trails))
    }

    /// Each BMP character's first byte pair in `characters` (pair → character).
    static func pairTable(from characters: [UInt16]) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        for pair in characters.indices where characters[pair] != 0 && table[Int(characters[pair])] == 0 {
            table[Int(characters[pair])] = UInt16(pair)
        }
        return table
    }

    /// Each byte pair's BMP character in `charset` (0: none), from one ICU decoding per lead
    /// byte. A character may have two pairs (Big5's 十 is A2CC and A451): reading bytes back
    /// needs both, and a table by character keeps only one.
    static func decodedPairs(_ charset: ICU.Charset, leads: ClosedRange<UInt8>, trails: [UInt8]) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 * trails.count)
        for lead in leads {
            bytes.removeAll(keepingCapacity: true)
            for trail in trails { bytes.append(lead); bytes.append(trail) }
            guard let scalars = ICU.decodeScalars(bytes, from: charset) else { continue }
            guard scalars.count == trails.count else { continue }  // a pair that is not one character
            for index in trails.indices {
                let value = scalars[index]
                guard value < 0x10000, value != 0xFFFD else { continue }
                table[Int(UInt16(lead) << 8 | UInt16(trails[index]))] = UInt16(value)
            }
        }
        return table
    }

    /// Big5's two bytes for each BMP character that has them (0: none): ICU's Big5, plus the
    /// ETEN rows ICU leaves unmapped (kana, Cyrillic: 平's GBK bytes read by Python's Big5 are す).
    static let big5Bytes: [UInt16] = {
        var table = pairTable(from: big5Characters)
        var count = 0
        let base = zh_text_data_big5_eten(&count)!
        forEachHexKeyedLine(in: UnsafeBufferPointer(start: base, count: count)) { pair, rest in
            guard let scalar = String(decoding: rest, as: UTF8.self).unicodeScalars.first,
                  scalar.value < 0x10000, table[Int(scalar.value)] == 0 else { return }
            table[Int(scalar.value)] = UInt16(truncatingIfNeeded: pair)
        }
        return table
    }()

    /// Each Big5 byte pair's character (0: none), duplicates included; ICU's Big5 only.
    static let big5Characters = decodedPairs(.big5, leads: 0xA1...0xF9, trails: Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE))

    /// Big5's bytes with the HKSCS extension, as the WHATWG Big5 decoder has them: `big5Bytes`,
    /// then ICU's Big5-HKSCS for the characters it lacks (BMP, and beyond it by dictionary).
    static let big5HKSCSBytes: (bmp: [UInt16], supplementary: [UInt32: UInt16]) = {
        var bmp = big5Bytes
        var supplementary: [UInt32: UInt16] = [:]
        let trails = Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE)
        for lead in UInt8(0x81)...0xFE {
            // One decoding per lead; pair by pair only where the row does not map one to one.
            var row: [UInt8] = []
            row.reserveCapacity(2 * trails.count)
            for trail in trails { row.append(lead); row.append(trail) }
            let whole = ICU.decodeScalars(row, from: .big5HKSCS).map { $0.compactMap(Unicode.Scalar.init) }
            for (index, trail) in trails.enumerated() {
                var scalar: Unicode.Scalar
                if let whole, whole.count == trails.count {
                    scalar = whole[index]
                } else {
                    guard let decoded = try? ICU.decode([lead, trail], from: .big5HKSCS, mode: .strict),
                          decoded.text.unicodeScalars.count == 1 else { continue }
                    scalar = decoded.text.unicodeScalars.first!
                }
                guard scalar.value != 0xFFFD, scalar.value != 0x1A else { continue }
                let pair = UInt16(lead) << 8 | UInt16(trail)
                if scalar.value < 0x10000 {
                    if bmp[Int(scalar.value)] == 0 { bmp[Int(scalar.value)] = pair }
                } else if supplementary[scalar.value] == nil {
                    supplementary[scalar.value] = pair
                }
            }
        }
        return (bmp, supplementary)
    }()

    /// For each character, what its bytes in `from` read as in `to`: the reverse of a text in
    /// charset `to` that was read as `from`, one two-byte character at a time (0: none).
    static func crossTable(bytesIn from: [UInt16], decodedAs to: ICU.Charset) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        // By lead byte, in scalar order (an array of rows: a dictionary here, and a pair appended
        // as a new two-byte array, cost more than ICU's decoding itself).
        var byLead = [[(scalar: Int, trail: UInt8)]](repeating: [], count: 256)
        for scalar in 0..<0x10000 where from[scalar] != 0 {
            byLead[Int(from[scalar] >> 8)].append((scalar, UInt8(from[scalar] & 0xFF)))
        }
        var bytes: [UInt8] = []
        for lead in 0..<256 where !byLead[lead].isEmpty {
            let lead = UInt8(lead), entries = byLead[Int(lead)]
            // Decode a lead's pairs together; fall back to one pair at a time if they do not map 1:1.
            bytes.removeAll(keepingCapacity: true)
            for entry in entries { bytes.append(lead); bytes.append(entry.trail) }
            if let scalars = ICU.decodeScalars(bytes, from: to), scalars.count == entries.count {
                for index in entries.indices where scalars[index] < 0x10000 && scalars[index] != 0xFFFD {
                    table[entries[index].scalar] = UInt16(scalars[index])
                }
            } else {
                for entry in entries {
                    if let one = try? ICU.decode([lead, entry.trail], from: to, mode: .strict),
                       let scalar = one.text.unicodeScalars.first, one.text.unicodeScalars.count == 1, scalar.value < 0x10000 {
                        table[entry.scalar] = UInt16(scalar.value)
                    }
                }
            }
        }
        return table
    }

    /// Simplified text in GBK read as Big5 (`汒隴佽` for `声明说`): each character back.
    static let gbkReadAsBig5 = crossTable(bytesIn: big5Bytes, decodedAs: .gbk)
    /// Traditional text in Big5 read as GBK (`ネ篈` for `生態`): each character back.
    static let big5ReadAsGBK = crossTable(bytesIn: computedGBKBytes, decodedAs: .big5)
}
