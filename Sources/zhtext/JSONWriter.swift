/// Where JSON text goes: the output stream, or a record being built in memory.
protocol ByteAppending {
    mutating func append(_ text: String)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
    mutating func append(byte: UInt8)
}

extension OutputBuffer: ByteAppending {}

extension Array: ByteAppending where Element == UInt8 {
    mutating func append(_ text: String) { append(contentsOf: text.utf8) }
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
    mutating func append(byte: UInt8) { append(byte) }
}

/// Appends JSON string literals to an output buffer (UTF-8 passes through unescaped).
enum JSONWriter {
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteAppending) {
        out.append(byte: 0x22)
        appendStringContents(bytes, to: &out)
        out.append(byte: 0x22)
    }

    /// The inside of a JSON string literal, without its quotes: for a string written in pieces.
    static func appendStringContents(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteAppending) {
        var runStart = 0
        for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
            if runStart < i { out.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            switch b {
            case 0x22: out.append("\\\"")
            case 0x5C: out.append("\\\\")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case 0x09: out.append("\\t")
            default:
                out.append("\\u00")
                out.append(byte: hex[Int(b >> 4)])
                out.append(byte: hex[Int(b & 0xF)])
            }
            runStart = i + 1
        }
        if runStart < bytes.count { out.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    static func appendString(_ text: String, to out: inout some ByteAppending) {
        var text = text
        text.withUTF8 { appendString($0, to: &out) }
    }

    static func hexString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0xF)]] }, as: UTF8.self)
    }
}
