import CZhICU

extension ICU {
    /// The legacy charsets that Chinese web text is (mis)decoded with.
    public enum Charset: String, Sendable, CaseIterable {
        /// GB 18030, the full Chinese national standard (a superset of GBK).
        case gb18030 = "GB18030"
        /// GBK / Windows code page 936.
        case gbk = "GBK"
        /// Big5 / Windows code page 950.
        case big5 = "Big5"
        /// Big5 with the Hong Kong Supplementary Character Set.
        case big5HKSCS = "Big5-HKSCS"
        /// Windows code page 1252, the usual "Latin-1" of browsers.
        case windows1252 = "windows-1252"
        /// ISO 8859-1.
        case iso8859_1 = "ISO-8859-1"

        /// ICU's converter name for the charset.
        public var icuName: String { rawValue }
    }

    /// What to do with bytes (or characters) that the charset cannot convert.
    public enum ConversionMode: Sendable {
        /// Throw ``ZhTextError/undecodableBytes(charset:byteOffsets:)`` (or `unencodableCharacters`).
        case strict
        /// Put a substitute in their place (U+FFFD when decoding, the charset's substitution
        /// byte when encoding) and report their offsets in the result.
        case substitute
    }

    /// The result of a decoding: the text and the byte ranges that could not be decoded.
    public struct Decoded: Sendable, Hashable {
        /// The decoded text (with U+FFFD for each undecodable sequence in substitute mode).
        public var text: String
        /// The input byte ranges that were not valid in the charset, in order.
        public var invalidByteRanges: [Range<Int>]
    }

    /// The result of an encoding: the bytes and where characters had to be substituted.
    public struct Encoded: Sendable, Hashable {
        /// The encoded bytes.
        public var bytes: [UInt8]
        /// UTF-8 byte offsets, in the input, of characters the charset cannot represent.
        public var unencodableOffsets: [Int]
    }

    /// Decodes `bytes` in `charset` to a string.
    public static func decode(
        _ bytes: some Collection<UInt8>, from charset: Charset, mode: ConversionMode = .strict
    ) throws(ZhTextError) -> Decoded {
        try decode(bytes, fromCharsetNamed: charset.icuName, mode: mode)
    }

    /// Decodes `bytes` with any converter ICU knows by `name` (see `uconv -l`).
    public static func decode(
        _ bytes: some Collection<UInt8>, fromCharsetNamed name: String, mode: ConversionMode = .strict
    ) throws(ZhTextError) -> Decoded {
        var array = Array(bytes)
        let length = try checkedLength(array.count)
        array.append(0)  // never a NULL pointer, even for empty input
        var out: UnsafeMutablePointer<CChar>?
        var outLength: Int32 = 0
        var badOffsets: UnsafeMutablePointer<Int32>?
        var badLengths: UnsafeMutablePointer<Int32>?
        var badCount: Int32 = 0
        let status = array.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                zh_icu_decode(name, chars.baseAddress!, length, &out, &outLength, &badOffsets, &badLengths, &badCount)
            }
        }
        guard status <= 0 else { throw failure("decode(\(name))", status) }
        let text = adoptString(out, outLength)
        let offsets = adoptInts(badOffsets, badCount)
        let lengths = adoptInts(badLengths, badCount)
        let ranges = zip(offsets, lengths).map { $0..<($0 + max($1, 1)) }
        if mode == .strict, !ranges.isEmpty {
            throw .undecodableBytes(charset: name, byteOffsets: ranges.map(\.lowerBound))
        }
        return Decoded(text: text, invalidByteRanges: ranges)
    }

    /// The Unicode scalars of `bytes` decoded in `charset`, each illegal or unmappable sequence
    /// as U+FFFD (the scalars of `decode(_:from:mode:)`'s text in `.substitute` mode), or nil
    /// when ICU fails. For tables built from a converter, one decoding per row: the text,
    /// its UTF-8 and its scalar view cost as much again as ICU's decoding.
    package static func decodeScalars(_ bytes: [UInt8], from charset: Charset) -> [UInt32]? {
        guard let length = try? checkedLength(bytes.count) else { return nil }
        var out: UnsafeMutablePointer<UInt32>?
        var count: Int32 = 0
        let status = (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { zh_icu_decode_scalars(charset.icuName, $0.baseAddress!, length, &out, &count) }
        }
        guard status <= 0, let out else { return nil }
        defer { zh_icu_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(count)))
    }

    /// Encodes `text` in `charset`.
    public static func encode(
        _ text: String, to charset: Charset, mode: ConversionMode = .strict
    ) throws(ZhTextError) -> Encoded {
        try encode(text, toCharsetNamed: charset.icuName, mode: mode)
    }

    /// Encodes `text` with any converter ICU knows by `name`.
    public static func encode(
        _ text: String, toCharsetNamed name: String, mode: ConversionMode = .strict
    ) throws(ZhTextError) -> Encoded {
        try withCString(text) { (pointer, length) throws(ZhTextError) in
            var out: UnsafeMutablePointer<CChar>?
            var outLength: Int32 = 0
            var badOffsets: UnsafeMutablePointer<Int32>?
            var badCount: Int32 = 0
            let status = zh_icu_encode(name, pointer, length, &out, &outLength, &badOffsets, &badCount)
            guard status <= 0 else { throw failure("encode(\(name))", status) }
            let bytes = adoptBytes(out, outLength)
            let offsets = adoptInts(badOffsets, badCount)
            if mode == .strict, !offsets.isEmpty {
                throw .unencodableCharacters(charset: name, byteOffsets: offsets)
            }
            return Encoded(bytes: bytes, unencodableOffsets: offsets)
        }
    }

    /// Whether ICU has a converter by this name.
    public static func hasCharset(named name: String) -> Bool {
        zh_icu_charset_exists(name) != 0
    }
}
