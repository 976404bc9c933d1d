/// Where JSON text goes: the output stream, or a record being built in memory.
package protocol ByteAppending {
    mutating func append(_ text: String)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
    mutating func append(byte: UInt8)
}

extension Array: ByteAppending where Element == UInt8 {
    package mutating func append(_ text: String) { append(contentsOf: text.utf8) }
    package mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
    package mutating func append(byte: UInt8) { append(byte) }
}

extension ByteAppending {
    /// `value` in decimal, without building a String (string interpolation of the numbers was
    /// a third of writing a slogan), digit by digit from the most significant.
    package mutating func append(decimal value: Int) {
        if value < 0 { append(byte: 0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        // No overflow: divisor × 10 ≤ magnitude whenever the loop goes on.
        while magnitude / divisor >= 10 { divisor &*= 10 }
        repeat {
            append(byte: 0x30 &+ UInt8(truncatingIfNeeded: magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// A literal's bytes (no String is made of it).
    @inline(__always)
    package mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append(bytes: $0) }
    }

    /// A number from 0 to 1 with at most three decimals (``JSONWriter/fixedPoint(_:)``),
    /// without building a String.
    package mutating func append(fixedPoint value: Double) {
        let thousandths = JSONWriter.thousandths(value)
        if thousandths == 1000 || thousandths == 0 {
            append(byte: thousandths == 0 ? 0x30 : 0x31)
            return
        }
        append(byte: 0x30)
        append(byte: 0x2E)
        var rest = thousandths, divisor = 100
        repeat {
            append(byte: 0x30 &+ UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        } while rest > 0
    }
}

/// Appends JSON string literals to an output buffer (UTF-8 passes through unescaped).
package enum JSONWriter {
    package static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    package static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteAppending) {
        out.append(byte: 0x22)
        appendStringContents(bytes, to: &out)
        out.append(byte: 0x22)
    }

    /// The inside of a JSON string literal, without its quotes: for a string written in pieces.
    ///
    /// Sixteen bytes a step while none needs escaping (a control character, `"` or `\`): nearly
    /// all of Chinese text, whose bytes the byte-by-byte test cost 22 instructions each (the
    /// largest single cost of writing batch records).
    package static func appendStringContents(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteAppending) {
        appendStringContents(bytes, to: &out) { _ in }
    }

    /// ``appendStringContents(_:to:)``, calling `escaped` with the offset of each byte written
    /// as an escape (in order), so that parts of the string can later be copied unscanned.
    @inline(__always)
    package static func appendStringContents(
        _ bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteAppending, escaped: (Int) -> Void
    ) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count
        let space = SIMD16<UInt8>(repeating: 0x20), quote = SIMD16<UInt8>(repeating: 0x22)
        let backslash = SIMD16<UInt8>(repeating: 0x5C)
        var runStart = 0
        var i = 0
        while i < n {
            if i &+ 16 <= n {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let needs = (v .< space) .| (v .== quote) .| (v .== backslash)
                // A mask's lanes are all ones or all zeros: the first set byte is the lane.
                let words = unsafeBitCast(needs, to: (UInt64, UInt64).self)
                if words.0 | words.1 == 0 {
                    i &+= 16
                    continue
                }
                i &+= words.0 != 0 ? words.0.trailingZeroBitCount >> 3 : 8 &+ words.1.trailingZeroBitCount >> 3
            }
            let b = p[i]
            guard b < 0x20 || b == 0x22 || b == 0x5C else {
                i &+= 1
                continue
            }
            if runStart < i { out.append(bytes: UnsafeBufferPointer(start: p + runStart, count: i &- runStart)) }
            escaped(i)
            switch b {
            case 0x22: out.append(literal: "\\\"")
            case 0x5C: out.append(literal: "\\\\")
            case 0x0A: out.append(literal: "\\n")
            case 0x0D: out.append(literal: "\\r")
            case 0x09: out.append(literal: "\\t")
            default:
                out.append(literal: "\\u00")
                out.append(byte: hex[Int(b >> 4)])
                out.append(byte: hex[Int(b & 0xF)])
            }
            i &+= 1
            runStart = i
        }
        if runStart < n { out.append(bytes: UnsafeBufferPointer(start: p + runStart, count: n &- runStart)) }
    }

    package static func appendString(_ text: String, to out: inout some ByteAppending) {
        var text = text
        text.withUTF8 { appendString($0, to: &out) }
    }

    /// A number from 0 to 1 with at most three decimals as JSON: `1`, `0.5`, `0.873`, `0`.
    package static func fixedPoint(_ value: Double) -> String {
        var bytes: [UInt8] = []
        bytes.append(fixedPoint: value)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` clamped to 0…1, in thousandths (0 when it is not a number).
    package static func thousandths(_ value: Double) -> Int {
        value.isFinite ? Int((min(max(value, 0), 1) * 1000).rounded()) : 0
    }

    package static func hexString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0xF)]] }, as: UTF8.self)
    }
}
