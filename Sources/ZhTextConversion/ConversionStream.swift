import ZhTextCore

/// Converts a text that arrives in chunks, with exactly the result of converting it whole.
///
/// OpenCC's stream holds back a fixed tail of 16 characters, which still breaks a longer phrase
/// or segment at a chunk edge. This stream instead cuts only after a character that no
/// dictionary key contains (a line break, `。！？，；`) and outside any ideographic description
/// sequence, so no phrase, segment or IDS can straddle a cut. Text without such a character is
/// held until one arrives or ``finish(mode:)`` is called.
public struct ConversionStream: Sendable {
    let converter: ScriptConverter
    var pending: [UInt8] = []
    /// Bytes of the stream converted and handed out so far (offsets in errors count from the start).
    var consumed = 0
    /// Bytes of `pending` already known to hold no safe cut, so that a long line is scanned once.
    var searched = 0

    init(converter: ScriptConverter) {
        self.converter = converter
    }

    /// The number of bytes held back, waiting for a safe place to cut.
    public var pendingByteCount: Int { pending.count }

    /// Adds a chunk (any split of the UTF-8 bytes, even inside a character) and returns the
    /// converted text that is final. Invalid UTF-8 throws with its byte offset from the start
    /// of the stream unless `mode` is `.lossy`.
    public mutating func convert(
        chunk: some Collection<UInt8>, mode: ScriptConverter.InvalidInputMode = .strict
    ) throws(ZhTextError) -> String {
        var result = ""
        try convert(chunk: chunk, mode: mode) { result = String(convertedUTF8: $0) }
        return result
    }

    /// Adds a chunk and hands the converted UTF-8 that is final to `body` (at most one call).
    public mutating func convert(
        chunk: some Collection<UInt8>, mode: ScriptConverter.InvalidInputMode = .strict,
        into body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(ZhTextError) {
        // Nothing held back and the chunk in one piece (a reader's line-ended piece, say): convert
        // it where it lies, holding back only what follows its last safe cut.
        if pending.isEmpty {
            let direct: Result<Bool, ZhTextError>? = chunk.withContiguousStorageIfAvailable { buffer in
                guard let cut = safeCut(in: buffer, from: 0) else { return .success(false) }
                let base = consumed
                let converter = self.converter
                let result = Result { () throws(ZhTextError) in
                    try converter.convert(validating: UnsafeBufferPointer(rebasing: buffer[..<cut]), mode: mode,
                                          offsetBase: base, into: body)
                }
                pending.append(contentsOf: buffer[cut...])
                consumed += cut
                searched = max(0, pending.count - 2)
                return result.map { true }
            }
            if let direct, try direct.get() { return }
        }
        pending.append(contentsOf: chunk)
        guard let cut = pending.withUnsafeBufferPointer({ safeCut(in: $0, from: searched) }) else {
            searched = max(0, pending.count - 2)
            return
        }
        let base = consumed
        let converter = self.converter
        let result: Result<Void, ZhTextError> = pending.withUnsafeBufferPointer { buffer in
            Result { () throws(ZhTextError) in
                try converter.convert(validating: UnsafeBufferPointer(rebasing: buffer[..<cut]), mode: mode,
                                      offsetBase: base, into: body)
            }
        }
        pending.removeFirst(cut)
        consumed += cut
        searched = max(0, pending.count - 2)
        try result.get()
    }

    /// Adds a chunk of text and returns the converted text that is final.
    public mutating func convert(_ chunk: some StringProtocol) -> String {
        // A String is valid UTF-8, and the cut is always at a character boundary.
        (try? convert(chunk: Array(chunk.utf8), mode: .lossy)) ?? ""
    }

    /// Converts whatever is still held back and empties the stream.
    public mutating func finish(mode: ScriptConverter.InvalidInputMode = .strict) throws(ZhTextError) -> String {
        var result = ""
        try finish(mode: mode) { result = String(convertedUTF8: $0) }
        return result
    }

    /// Converts whatever is still held back, hands it to `body` and empties the stream.
    public mutating func finish(
        mode: ScriptConverter.InvalidInputMode = .strict, into body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(ZhTextError) {
        let base = consumed
        let converter = self.converter
        let result: Result<Void, ZhTextError> = pending.withUnsafeBufferPointer { buffer in
            Result { () throws(ZhTextError) in
                try converter.convert(validating: buffer, mode: mode, offsetBase: base, into: body)
            }
        }
        consumed += pending.count
        pending.removeAll()
        searched = 0
        try result.get()
    }

    /// The end of the last safe character in `buffer` at or after `searched`, or nil when there
    /// is none.
    func safeCut(in buffer: UnsafeBufferPointer<UInt8>, from searched: Int) -> Int? {
        guard let p = buffer.baseAddress else { return nil }
        var i = buffer.count - 1
        while i >= searched {
            // Look at scalars ending at i + 1: ASCII newline, or a three-byte safe punctuation mark.
            if p[i] == 0x0A, converter.engine.safeCutScalars.contains(0x0A), outsideDescription(p, i + 1) {
                return i + 1
            }
            if i >= 2, p[i - 2] & 0xF0 == 0xE0, p[i - 1] & 0xC0 == 0x80, p[i] & 0xC0 == 0x80 {
                let scalar = UInt32(p[i - 2] & 0x0F) << 12 | UInt32(p[i - 1] & 0x3F) << 6 | UInt32(p[i] & 0x3F)
                if converter.engine.safeCutScalars.contains(scalar), outsideDescription(p, i + 1) { return i + 1 }
            }
            i -= 1
        }
        return nil
    }

    /// An IDS is at most 15 nested description characters plus their operands; refusing a cut with
    /// a description character in the 256 bytes before it is a simple, safe bound.
    func outsideDescription(_ p: UnsafePointer<UInt8>, _ cut: Int) -> Bool {
        var i = max(0, cut - 256)
        while i + 2 < cut {
            if IdeographicDescription.startsDescription(p, i, cut) { return false }
            i += 1
        }
        return true
    }
}
