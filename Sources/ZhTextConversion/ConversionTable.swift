import ZhTextCore

/// One dictionary tier: a compiled automaton from keys to entry numbers, and for each entry
/// its replacement text and whether it is character-aligned with its key.
///
/// Serialised form (little-endian `UInt32` header): magic `ZHCT`, version, automaton byte
/// count, entry count, value pool byte count, longest key in bytes; then the automaton, the
/// entry count + 1 value offsets, one flag byte per entry (bit 0: aligned), the value pool.
final class ConversionTable: @unchecked Sendable {
    let name: String
    let automaton: DictionaryAutomaton
    let entryCount: Int
    let maxKeyBytes: Int
    private let offsets: UnsafePointer<UInt32>
    private let flags: UnsafePointer<UInt8>
    private let pool: UnsafePointer<UInt8>
    /// Owned storage for tables built at run time (user dictionaries); nil for embedded ones.
    private let storage: UnsafeMutableRawBufferPointer?
    /// Per automaton symbol, the character's summary as a match start (see `LeadCharacterRecord`).
    private var leads: UnsafeMutablePointer<LeadCharacterRecord>? = nil
    /// Whether some key starts with a scalar above U+FFFF (which `keyStarts` does not cover).
    private var startsAboveBMP = false
    /// One bit per BMP scalar: set when some key starts with it (8 KB). A stage of several
    /// small tiers (s2twp's Taiwan phrases and variants) tests this before asking each tier.
    private let keyStarts: UnsafeMutablePointer<UInt64> = {
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: 0x10000 / 64)
        bits.initialize(repeating: 0, count: 0x10000 / 64)
        return bits
    }()

    static let magic: UInt32 = 0x5A48_4354  // "ZHCT"

    /// Uses embedded bytes in place (they must outlive the process, as static data does).
    init(name: String, bytes: UnsafeRawBufferPointer) throws(ZhTextError) {
        self.name = name
        self.storage = nil
        (automaton, entryCount, maxKeyBytes, offsets, flags, pool) = try Self.parse(bytes, name: name)
        prepareLookups()
    }

    /// Builds a table from (key, value) pairs (later pairs override earlier ones).
    init(name: String, pairs: [(key: String, value: String)]) throws(ZhTextError) {
        var builder = AutomatonBuilder(duplicateKeys: .keepLast, alphabet: .unicodeScalars)
        var offsets: [UInt32] = [0], flags: [UInt8] = [], pool: [UInt8] = []
        var maxKey = 0
        for (key, value) in pairs {
            builder.add(key, value: Int32(flags.count))
            pool += Array(value.utf8)
            offsets.append(UInt32(pool.count))
            flags.append(Self.aligned(key, value) ? 1 : 0)
            maxKey = max(maxKey, key.utf8.count)
        }
        let automatonBytes = try builder.build().serialized()
        var blob: [UInt8] = []
        for word in [Self.magic, 1, UInt32(automatonBytes.count), UInt32(flags.count), UInt32(pool.count), UInt32(maxKey)] {
            withUnsafeBytes(of: word.littleEndian) { blob += $0 }
        }
        blob += automatonBytes
        for offset in offsets { withUnsafeBytes(of: offset.littleEndian) { blob += $0 } }
        blob += flags
        blob += pool
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: blob.count, alignment: 16)
        memory.copyBytes(from: blob)
        self.name = name
        self.storage = memory
        (automaton, entryCount, maxKeyBytes, self.offsets, self.flags, self.pool) =
            try Self.parse(UnsafeRawBufferPointer(memory), name: name)
        prepareLookups()
    }

    deinit {
        storage?.deallocate()
        leads?.deallocate()
        keyStarts.deallocate()
    }

    /// The table as plain pointers for the conversion loops (valid while the table is alive).
    var view: TierView {
        TierView(automaton: automaton.unsafeView, bmpSymbols: automaton.unsafeView.bmpSymbols,
                 labels: automaton.unsafeView.labelArray, bases: automaton.unsafeView.trieArrays.bases,
                 info: automaton.unsafeView.trieArrays.info, valueStride: automaton.unsafeView.trieArrays.valueStride,
                 offsets: offsets, flags: flags, pool: pool, leads: leads,
                 keyStarts: keyStarts, startsAboveBMP: startsAboveBMP)
    }

    /// For tables whose keys start with few distinct lead bytes (at most four), the range of
    /// second bytes seen after each: enough to rule out a whole text with one vector scan.
    private(set) var leadFilter: [(lead: UInt8, low: UInt8, high: UInt8)]? = nil

    /// The lead filter, key-start bitmap and lead records, from one listing of the key starts.
    private func prepareLookups() {
        let starts = automaton.keyStartScalars()
        var ranges: [UInt8: (low: UInt8, high: UInt8)] = [:]
        for scalar in starts {
            if scalar < 0x10000 { keyStarts[Int(scalar) >> 6] |= 1 << UInt64(scalar & 63) } else { startsAboveBMP = true }
            guard ranges.count <= 4, let unicode = Unicode.Scalar(scalar) else { continue }
            let bytes = Array(String(unicode).utf8)
            let second = bytes.count > 1 ? bytes[1] : 0
            let current = ranges[bytes[0]] ?? (second, second)
            ranges[bytes[0]] = (min(current.low, second), max(current.high, second))
        }
        if ranges.count <= 4 { leadFilter = ranges.map { ($0.key, $0.value.low, $0.value.high) } }
        leads = LeadCharacterRecord.makeRecords(for: view)
    }

    static func aligned(_ key: String, _ value: String) -> Bool {
        key.unicodeScalars.map { UTF8.width($0) } == value.unicodeScalars.map { UTF8.width($0) }
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, name: String) throws(ZhTextError) -> (
        DictionaryAutomaton, Int, Int, UnsafePointer<UInt32>, UnsafePointer<UInt8>, UnsafePointer<UInt8>
    ) {
        guard let base = bytes.baseAddress, bytes.count >= 24, Int(bitPattern: base) % 4 == 0 else {
            throw .corruptAutomatonData(reason: "\(name): table too short or misaligned")
        }
        let header = base.assumingMemoryBound(to: UInt32.self)
        guard UInt32(littleEndian: header[0]) == magic, UInt32(littleEndian: header[1]) == 1 else {
            throw .corruptAutomatonData(reason: "\(name): not a ZhText conversion table")
        }
        let automatonCount = Int(UInt32(littleEndian: header[2]))
        let entries = Int(UInt32(littleEndian: header[3]))
        let poolCount = Int(UInt32(littleEndian: header[4]))
        let maxKey = Int(UInt32(littleEndian: header[5]))
        let offsetsStart = 24 + automatonCount
        let flagsStart = offsetsStart + 4 * (entries + 1)
        let poolStart = flagsStart + entries
        guard automatonCount % 4 == 0, poolStart + poolCount == bytes.count else {
            throw .corruptAutomatonData(reason: "\(name): table sizes do not add up")
        }
        let automaton = try DictionaryAutomaton(
            unsafeStaticBytes: UnsafeRawBufferPointer(rebasing: bytes[24..<offsetsStart]))
        // The conversion loops read symbol 0 as "a character in no key", which holds for scalars only.
        guard automaton.alphabet == .unicodeScalars else {
            throw .corruptAutomatonData(reason: "\(name): the automaton does not consume Unicode scalars")
        }
        let offsets = (base + offsetsStart).assumingMemoryBound(to: UInt32.self)
        let pool = (base + poolStart).assumingMemoryBound(to: UInt8.self)
        try validateValues(offsets: offsets, entries: entries, pool: pool, poolCount: poolCount, name: name)
        return (automaton, entries, maxKey, offsets, (base + flagsStart).assumingMemoryBound(to: UInt8.self), pool)
    }

    /// Checks a value column (`entries` + 1 little-endian offsets into `pool`). Values are
    /// copied into output that becomes a String unchecked (ByteSink.makeString): each must be
    /// valid UTF-8, so the pool is, and every value starts on a character.
    static func validateValues(
        offsets: UnsafePointer<UInt32>, entries: Int, pool: UnsafePointer<UInt8>, poolCount: Int, name: String
    ) throws(ZhTextError) {
        guard firstInvalidUTF8Offset(in: UnsafeBufferPointer(start: pool, count: poolCount)) == nil else {
            throw .corruptAutomatonData(reason: "\(name): values are not valid UTF-8")
        }
        var previous: UInt32 = 0
        for i in 0...entries {
            let offset = UInt32(littleEndian: offsets[i])
            guard offset >= previous, Int(offset) <= poolCount,
                  Int(offset) == poolCount || pool[Int(offset)] & 0xC0 != 0x80 else {
                throw .corruptAutomatonData(reason: "\(name): value offsets out of order or inside a character")
            }
            previous = offset
        }
    }

    /// The replacement bytes of entry `index`.
    func value(_ index: Int32) -> UnsafeBufferPointer<UInt8> { view.value(index) }

    /// Whether entry `index` maps character by character with equal UTF-8 lengths.
    func isAligned(_ index: Int32) -> Bool { view.isAligned(index) }

    /// The replacement for exactly `key`, or nil (for inspection and tests).
    func value(forKey key: String) -> String? {
        guard let index = automaton.value(forKey: key) else { return nil }
        return String(decoding: value(index), as: UTF8.self)
    }
}

/// A ``ConversionTable`` as plain pointers: lookups and values without reference counting.
struct TierView: @unchecked Sendable {
    let automaton: DictionaryAutomaton.UnsafeView
    /// The automaton's symbols of U+0000–U+FFFF, read by ``symbol(atValid:in:)``, and its
    /// labels, read by ``child(atBase:symbol:)``.
    let bmpSymbols: UnsafeMutablePointer<UInt16>
    let labels: UnsafeMutablePointer<UInt16>
    /// The automaton's state bases and values, read by ``childBase(of:)`` and ``value(at:)``.
    let bases: UnsafeMutablePointer<Int32>
    let info: UnsafeMutablePointer<Int32>
    let valueStride: Int
    let offsets: UnsafePointer<UInt32>
    let flags: UnsafePointer<UInt8>
    let pool: UnsafePointer<UInt8>
    /// Per symbol, the character as a match start; nil only while the table is being set up.
    let leads: UnsafeMutablePointer<LeadCharacterRecord>?
    /// One bit per BMP scalar that starts some key.
    let keyStarts: UnsafeMutablePointer<UInt64>
    /// Whether some key starts with a scalar above U+FFFF.
    let startsAboveBMP: Bool

    /// The automaton's symbol of the character at byte `offset` of valid UTF-8 `p`, and its
    /// width: `DictionaryAutomaton.UnsafeView.scalarSymbol(atValid:in:)`, written here so that
    /// it is inlined into the conversion loops (that one is a call from this module).
    @inline(__always)
    func symbol(atValid offset: Int, in p: UnsafePointer<UInt8>) -> (code: Int, width: Int) {
        symbol(atValid: offset, in: p, bmpSymbols: bmpSymbols)
    }

    /// ``symbol(atValid:in:)`` with another table for U+0000–U+FFFF (the character-wise walk's,
    /// which gives the characters that no stage changes a symbol of their own); characters above
    /// the BMP get the automaton's symbol.
    @inline(__always)
    func symbol(
        atValid offset: Int, in p: UnsafePointer<UInt8>, bmpSymbols: UnsafeMutablePointer<UInt16>
    ) -> (code: Int, width: Int) {
        let b0 = p[offset]
        if b0 < 0x80 { return (Int(bmpSymbols[Int(b0)]), 1) }
        if b0 & 0xF0 == 0xE0 {
            let scalar = Int(b0 & 0x0F) &<< 12 | Int(p[offset &+ 1] & 0x3F) &<< 6 | Int(p[offset &+ 2] & 0x3F)
            return (Int(bmpSymbols[scalar]), 3)
        }
        if b0 < 0xE0 { return (Int(bmpSymbols[Int(b0 & 0x1F) &<< 6 | Int(p[offset &+ 1] & 0x3F)]), 2) }
        return (automaton.symbol(ofScalar: decodeValidScalar(p, offset).scalar), 4)
    }

    /// `DictionaryAutomaton.UnsafeView.child(atBase:symbol:)`, inlined into the walks here.
    @inline(__always)
    func child(atBase base: Int32, symbol: Int) -> Int32 {
        let next = Int(base) &+ symbol
        return labels[next] == UInt16(truncatingIfNeeded: symbol &+ 1) ? Int32(truncatingIfNeeded: next) : -1
    }

    /// `DictionaryAutomaton.UnsafeView.childBase(of:)`, inlined into the walks here.
    @inline(__always)
    func childBase(of state: Int32) -> Int32 { bases[Int(state)] & 0x7FFF_FFFF }

    /// `DictionaryAutomaton.UnsafeView.value(at:)`, inlined into the walks here.
    @inline(__always)
    func value(at state: Int32) -> Int32 { info[valueStride &* Int(state)] }

    /// The automaton's symbol of `scalar` (0: in no key), inlined for BMP scalars.
    @inline(__always)
    func symbol(ofScalar scalar: UInt32) -> Int {
        scalar < 0x10000 ? Int(bmpSymbols[Int(scalar)]) : automaton.symbol(ofScalar: scalar)
    }

    /// Whether some key may start with `scalar` (always for scalars above the BMP).
    @inline(__always)
    func mayStartKey(with scalar: UInt32) -> Bool {
        scalar >= 0x10000 || keyStarts[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0
    }

    /// The replacement bytes of entry `index`.
    @inline(__always)
    func value(_ index: Int32) -> UnsafeBufferPointer<UInt8> { pooledValue(index, offsets: offsets, pool: pool) }

    /// Whether entry `index` maps character by character with equal UTF-8 lengths.
    @inline(__always)
    func isAligned(_ index: Int32) -> Bool { flags[Int(index)] & 1 != 0 }
}

/// Entry `index` of an embedded value table: little-endian offsets (one past the last entry too)
/// into a pool of UTF-8 bytes, as `Scripts/import-opencc-data` writes both the tables' values and
/// the fused chains' outputs (checked on load by ``ConversionTable/validateValues``).
@inline(__always)
func pooledValue(_ index: Int32, offsets: UnsafePointer<UInt32>, pool: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    let start = Int(UInt32(littleEndian: offsets[Int(index)]))
    let end = Int(UInt32(littleEndian: offsets[Int(index) + 1]))
    return UnsafeBufferPointer(start: pool + start, count: end - start)
}
