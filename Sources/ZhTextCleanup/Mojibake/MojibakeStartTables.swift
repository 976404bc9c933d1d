import CZhTextData
import ZhTextCore

/// The tables the mojibake scan reads on every document, clean or not: the prefilter's and the
/// cross-decoding starts by document script, the forms only one script has, the characters whose
/// GBK bytes begin a UTF-8 character, and each character's GBK bytes.
///
/// They are built from ICU's GBK and Big5 converters and the frequent-character lists
/// (`CharsetTables`, `DocumentScript`, `MojibakePrefilter`), which took half the instructions
/// of `zhtext clean` on a short file, so they are embedded (`CZhTextData`,
/// `tables/mojibake-start-tables.bin`, written by `Scripts/make-derived-tables`) and the
/// builders run only when the embedded bytes are not a table. `MojibakeStartTablesTests`
/// checks that the embedded tables are the ones the builders make with the system's ICU.
struct MojibakeStartTables: Equatable {
    var leadCapable: [UInt64]
    var scriptOnlySimplified: [UInt64]
    var scriptOnlyTraditional: [UInt64]
    /// `DocumentScript.starts` by index: (cross, prefilter) pairs.
    var startsByScript: [[UInt64]]
    var gbkBytes: [UInt16]

    static let bitmapWords = 0x10000 / 64
    static let magic: [UInt8] = Array("ZMS1".utf8)
    /// Header, eleven bitmaps, the GBK table.
    static let byteCount = 16 + 11 * bitmapWords * 8 + 0x10000 * 2

    /// What the builders make from the system's ICU.
    ///
    /// The builders (`computed…`, and `big5ReadAsGBK` and `scriptFormStarts` that they use) read
    /// only each other, never the embedded tables: those are made from the builders when their
    /// bytes do not decode, and a builder reading them would wait on its own initialisation.
    static func computed() -> MojibakeStartTables {
        let starts = MojibakeRepairer.computedStartsByScript
        return MojibakeStartTables(
            leadCapable: MojibakeRepairer.computedLeadCapable,
            scriptOnlySimplified: MojibakeRepairer.computedScriptOnlyForms.simplified,
            scriptOnlyTraditional: MojibakeRepairer.computedScriptOnlyForms.traditional,
            startsByScript: starts.flatMap { [$0.cross, $0.prefilter] },
            gbkBytes: MojibakeRepairer.computedGBKBytes)
    }

    /// The embedded tables, or nil when their bytes are not tables.
    static func embedded() -> MojibakeStartTables? {
        let blob = zh_text_data_mojibake_start_tables()
        guard let bytes = blob.bytes else { return nil }
        return decoded(UnsafeRawBufferPointer(start: bytes, count: blob.count))
    }

    /// The layout: "ZMS1" and twelve bytes of zeros; the bitmaps `leadCapable`,
    /// `scriptOnlySimplified`, `scriptOnlyTraditional` and the eight of `startsByScript`, 1,024
    /// UInt64s each; then `gbkBytes`, 65,536 UInt16s; all little-endian.
    func serialized() -> [UInt8] {
        var out = Self.magic + [UInt8](repeating: 0, count: 12)
        out.reserveCapacity(Self.byteCount)
        for bitmap in [leadCapable, scriptOnlySimplified, scriptOnlyTraditional] + startsByScript {
            for word in bitmap { withUnsafeBytes(of: word.littleEndian) { out += $0 } }
        }
        for pair in gbkBytes { withUnsafeBytes(of: pair.littleEndian) { out += $0 } }
        return out
    }

    /// The tables in `bytes`, or nil when they are not the layout of ``serialized()``.
    static func decoded(_ bytes: UnsafeRawBufferPointer) -> MojibakeStartTables? {
        guard bytes.count == byteCount, Array(bytes[0..<4]) == magic, bytes[4..<16].allSatisfy({ $0 == 0 }) else { return nil }
        var offset = 16
        func bitmap() -> [UInt64] {
            defer { offset += bitmapWords * 8 }
            return (0..<bitmapWords).map { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8 * $0, as: UInt64.self)) }
        }
        let leadCapable = bitmap(), simplified = bitmap(), traditional = bitmap()
        let starts = (0..<8).map { _ in bitmap() }
        let gbk = (0..<0x10000).map { UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 2 * $0, as: UInt16.self)) }
        return MojibakeStartTables(leadCapable: leadCapable, scriptOnlySimplified: simplified, scriptOnlyTraditional: traditional,
                                   startsByScript: starts, gbkBytes: gbk)
    }
}

extension MojibakeRepairer {
    static let startTables = MojibakeStartTables.embedded() ?? .computed()

    /// BMP characters whose GBK bytes are a UTF-8 lead byte of a three-byte sequence (E0–EF)
    /// followed by a continuation byte (80–BF): UTF-8 Chinese read as GBK always starts with one.
    static let leadCapable = startTables.leadCapable
    /// GBK's two bytes for each BMP character that has them (0: none).
    static let gbkBytes = startTables.gbkBytes
    /// Forms only one script has (see `computedScriptOnlyForms`).
    static let scriptOnlyForms = (simplified: startTables.scriptOnlySimplified, traditional: startTables.scriptOnlyTraditional)
    /// The four combinations of `DocumentScript.starts` (see `computedStartsByScript`).
    static let startsByScript: [(cross: [UInt64], prefilter: [UInt64])] =
        (0..<4).map { (startTables.startsByScript[2 * $0], startTables.startsByScript[2 * $0 + 1]) }
    /// Characters that can start a cross-decoding repair in any document (see `computedCrossStart`).
    static let crossStart = startsByScript[0].cross
}
