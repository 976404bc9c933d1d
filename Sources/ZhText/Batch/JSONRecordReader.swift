#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one JSON Lines record for batch mode: validates the line as JSON (RFC 8259), decodes its
/// `"text"` string and finds the raw bytes of the other members asked for (`id`, the passed
/// fields), without building a dictionary of every value the way `JSONSerialization` does.
///
/// Foundation's parser was a sixth of batch mode's instructions; this one reads the line once and
/// allocates only the decoded text and the list of members. It agrees with `JSONSerialization`
/// on what is JSON (a lone surrogate escape is not; nesting deeper than 512 is not; a top-level
/// value that is not an object or array is not), and a repeated member's last value wins.
package struct JSONRecordReader {
    /// What a line holds.
    package enum Outcome: Equatable {
        /// Not JSON at all.
        case notJSON
        /// JSON, but its top level is an array.
        case notAnObject
        /// An object: its members, in order (a name may repeat; the last one counts).
        case object([Member])
    }

    /// One member of the top-level object: its decoded name, and where its value lies in the line.
    package struct Member: Equatable {
        package var name: [UInt8]
        package var value: Range<Int>
        /// Whether the value is a string (then `value` includes its quotes).
        package var isString: Bool
    }

    package static let maxDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Reads `line` (valid UTF-8, no line feed).
    package static func read(_ line: UnsafeBufferPointer<UInt8>) -> Outcome {
        var reader = JSONRecordReader(line)
        reader.skipWhitespace()
        guard reader.i < line.count else { return .notJSON }
        switch line[reader.i] {
        case UInt8(ascii: "{"):
            guard let members = reader.readTopLevelObject() else { return .notJSON }
            reader.skipWhitespace()
            return reader.i == line.count ? .object(members) : .notJSON
        case UInt8(ascii: "["):
            guard reader.skipValue(depth: 0) else { return .notJSON }
            reader.skipWhitespace()
            return reader.i == line.count ? .notAnObject : .notJSON
        default:
            // A bare scalar is a fragment, which JSONSerialization refuses without .fragmentsAllowed.
            return .notJSON
        }
    }

    /// The last member called `name`.
    package static func member(_ name: String, in members: [Member]) -> Member? {
        let key = Array(name.utf8)
        return members.last { $0.name == key }
    }

    /// The contents of the string at `range` (quotes included) with its escapes decoded: valid
    /// UTF-8, since the line is and every escape was checked to be a scalar.
    ///
    /// The runs between escapes are found with memchr (the string holds no bare quote or control
    /// character: `read` checked it) and copied into the array's storage: escapes only shorten,
    /// so the decoded string fits the raw one's size.
    package static func decodeString(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        let start = range.lowerBound + 1, end = range.upperBound - 1
        guard start < end, let base = line.baseAddress else { return [] }
        return [UInt8](unsafeUninitializedCapacity: end - start) { out, written in
            let target = out.baseAddress!
            var w = 0
            func put(_ byte: UInt8) {
                target[w] = byte
                w += 1
            }
            var k = start
            while k < end {
                let run = memchr(base + k, 0x5C, end - k).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
                if run > k {
                    (target + w).initialize(from: base + k, count: run - k)
                    w += run - k
                }
                k = run
                guard k < end else { break }
                let escape = line[k + 1]
                k += 2
                switch escape {
                case UInt8(ascii: "b"): put(0x08)
                case UInt8(ascii: "f"): put(0x0C)
                case UInt8(ascii: "n"): put(0x0A)
                case UInt8(ascii: "r"): put(0x0D)
                case UInt8(ascii: "t"): put(0x09)
                case UInt8(ascii: "u"):
                    var scalar = UInt32(hexValue(line, k))
                    k += 4
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        // Checked when the line was read: a low surrogate escape follows.
                        let low = UInt32(hexValue(line, k + 2))
                        k += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    switch scalar {
                    case ..<0x80: put(UInt8(scalar))
                    case ..<0x800:
                        put(UInt8(0xC0 | scalar >> 6)); put(UInt8(0x80 | scalar & 0x3F))
                    case ..<0x10000:
                        put(UInt8(0xE0 | scalar >> 12)); put(UInt8(0x80 | scalar >> 6 & 0x3F)); put(UInt8(0x80 | scalar & 0x3F))
                    default:
                        put(UInt8(0xF0 | scalar >> 18)); put(UInt8(0x80 | scalar >> 12 & 0x3F))
                        put(UInt8(0x80 | scalar >> 6 & 0x3F)); put(UInt8(0x80 | scalar & 0x3F))
                    }
                default: put(escape)  // " \ /
                }
            }
            written = w
        }
    }

    // MARK: Reading

    private mutating func skipWhitespace() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
            i += 1
        }
    }

    /// The top-level object's members, or nil when it is not JSON. `i` is at its `{`.
    private mutating func readTopLevelObject() -> [Member]? {
        var members: [Member]? = []
        return skipContainer(depth: 0, members: &members) ? members : nil
    }

    /// Skips one value starting at `i` (no leading whitespace); false when it is not JSON.
    private mutating func skipValue(depth: Int) -> Bool {
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            guard let end = stringEnd(from: i) else { return false }
            i = end
            return true
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var members: [Member]? = nil
            return skipContainer(depth: depth, members: &members)
        case UInt8(ascii: "t"): return skipLiteral("true")
        case UInt8(ascii: "f"): return skipLiteral("false")
        case UInt8(ascii: "n"): return skipLiteral("null")
        default: return skipNumber()
        }
    }

    /// Skips the object or array at `i`; an object's members go to `members` when it is not nil
    /// (the top level only). False when it is not JSON.
    private mutating func skipContainer(depth: Int, members: inout [Member]?) -> Bool {
        guard depth < Self.maxDepth else { return false }
        let close = bytes[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let isObject = close == UInt8(ascii: "}")
        i += 1
        skipWhitespace()
        if i < bytes.count, bytes[i] == close {
            i += 1
            return true
        }
        while true {
            var name: Range<Int>? = nil
            if isObject {
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let end = stringEnd(from: i) else { return false }
                name = i..<end
                i = end
                skipWhitespace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                i += 1
                skipWhitespace()
            }
            let start = i
            guard skipValue(depth: depth + 1) else { return false }
            if let name, members != nil {
                members!.append(Member(name: Self.decodeString(bytes, name), value: start..<i,
                                       isString: bytes[start] == UInt8(ascii: "\"")))
            }
            skipWhitespace()
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
                continue
            }
            guard bytes[i] == close else { return false }
            i += 1
            return true
        }
    }

    private mutating func skipLiteral(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - i >= count else { return false }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
        i += count
        return true
    }

    /// -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?
    private mutating func skipNumber() -> Bool {
        func isDigit(_ k: Int) -> Bool { k < bytes.count && bytes[k] &- UInt8(ascii: "0") < 10 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return false }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        return true
    }

    /// The end (after the closing quote) of the string whose opening quote is at `start`, or nil
    /// when it is not a JSON string: a control character, an unknown escape, a bad `\u` escape or
    /// a lone surrogate, or no closing quote.
    private func stringEnd(from start: Int) -> Int? {
        var k = start + 1
        let n = bytes.count
        while k < n {
            k = Self.nextSpecial(bytes, from: k, to: n)
            guard k < n else { return nil }
            let b = bytes[k]
            if b == UInt8(ascii: "\"") { return k + 1 }
            if b < 0x20 { return nil }
            if b != UInt8(ascii: "\\") {
                k += 1
                continue
            }
            guard k + 1 < n else { return nil }
            switch bytes[k + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                k += 2
            case UInt8(ascii: "u"):
                guard k + 6 <= n, Self.isHex(bytes, k + 2) else { return nil }
                let unit = Self.hexValue(bytes, k + 2)
                k += 6
                if unit >= 0xDC00, unit < 0xE000 { return nil }
                if unit >= 0xD800, unit < 0xDC00 {
                    guard k + 6 <= n, bytes[k] == UInt8(ascii: "\\"), bytes[k + 1] == UInt8(ascii: "u"), Self.isHex(bytes, k + 2)
                    else { return nil }
                    let low = Self.hexValue(bytes, k + 2)
                    guard low >= 0xDC00, low < 0xE000 else { return nil }
                    k += 6
                }
            default:
                return nil
            }
        }
        return nil
    }

    /// The first `k` in `from..<to` whose byte is a quote, a backslash or a control character
    /// (`to` when none is), sixteen bytes per step: most of a record is text.
    package static func nextSpecial(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var k = from
        let base = p.baseAddress!
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\"")), backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let space = SIMD16<UInt8>(repeating: 0x20)
        while k + 16 <= to {
            let v = UnsafeRawPointer(base + k).loadUnaligned(as: SIMD16<UInt8>.self)
            let special = (v .== quote) .| (v .== backslash) .| (v .< space)
            // Read as two words, a mask's lanes are all ones or all zeros.
            let words = unsafeBitCast(special, to: (UInt64, UInt64).self)
            if words.0 != 0 { return k + words.0.trailingZeroBitCount >> 3 }
            if words.1 != 0 { return k + 8 + words.1.trailingZeroBitCount >> 3 }
            k += 16
        }
        while k < to {
            let b = p[k]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { return k }
            k += 1
        }
        return to
    }

    private static func isHex(_ p: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        (k..<k + 4).allSatisfy { p[$0] &- UInt8(ascii: "0") < 10 || p[$0] | 0x20 &- UInt8(ascii: "a") < 6 }
    }

    /// The four hex digits at `k` (checked already).
    private static func hexValue(_ p: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt16 {
        var value: UInt16 = 0
        for j in k..<k + 4 {
            let c = p[j]
            let digit = c &- UInt8(ascii: "0") < 10 ? c &- UInt8(ascii: "0") : (c | 0x20) &- UInt8(ascii: "a") &+ 10
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
