import Testing
@_spi(ZhTextImport) @testable import ZhTextCore
import ZhTextTestSupport

/// The prefix-walk layout answers every prefix lookup as the full layout does, validates what
/// it is given, and refuses to search.
@Suite struct PrefixWalkLayoutTests {
    /// Bytes kept alive and 16-byte aligned for the in-place initialiser.
    final class AlignedBytes {
        let buffer: UnsafeMutableRawBufferPointer
        init(_ bytes: [UInt8]) {
            buffer = .allocate(byteCount: max(bytes.count, 1), alignment: 16)
            buffer.copyBytes(from: bytes)
        }
        var raw: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[..<buffer.count]) }
        deinit { buffer.deallocate() }
    }

    @Test func walksAgreeWithTheFullLayout() throws {
        var rng = SplitMix64(seed: 0x9A1C_0002)
        let alphabet = ["中", "国", "式", "现", "代", "化", "a", "𠀀", "。"]
        func randomString(_ maxLength: Int) -> String {
            (0..<Int.random(in: 1...maxLength, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        }
        for round in 0..<100 {
            for kind in [DictionaryAutomaton.Alphabet.bytes, .unicodeScalars] {
                var builder = AutomatonBuilder(duplicateKeys: .keepFirst, alphabet: kind)
                for index in 0..<Int.random(in: 1...40, using: &rng) { builder.add(randomString(6), value: Int32(index)) }
                let full = try builder.build()
                let bytes = AlignedBytes(full.serializedForPrefixWalks())
                let walk = try DictionaryAutomaton(prefixWalkBytes: bytes.raw, validating: true)
                #expect(!walk.supportsSearch)
                #expect(walk.keyCount == full.keyCount)
                #expect(walk.keyStartScalars() == full.keyStartScalars())
                for _ in 0..<10 {
                    let text = Array(randomString(12).utf8)
                    text.withUnsafeBufferPointer { buffer in
                        for offset in 0..<buffer.count where buffer[offset] & 0xC0 != 0x80 {
                            var fullPrefixes: [Int] = [], walkPrefixes: [Int] = []
                            full.forEachPrefix(in: buffer, at: offset) { length, value in fullPrefixes += [length, Int(value)] }
                            walk.forEachPrefix(in: buffer, at: offset) { length, value in walkPrefixes += [length, Int(value)] }
                            #expect(walkPrefixes == fullPrefixes, "round \(round)")
                            #expect(walk.longestPrefix(in: buffer, at: offset)?.length == full.longestPrefix(in: buffer, at: offset)?.length)
                        }
                    }
                }
                withExtendedLifetime(bytes) {}
            }
        }
    }

    @Test func corruptBytesThrow() throws {
        var builder = AutomatonBuilder(alphabet: .unicodeScalars)
        for (index, word) in ["中国", "中国式", "现代化", "式"].enumerated() { builder.add(word, value: Int32(index)) }
        let good = try builder.build().serializedForPrefixWalks()
        var rng = SplitMix64(seed: 0x9A1C_0003)
        var rejected = 0
        for _ in 0..<2_000 {
            var bytes = good
            let position = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[position] = UInt8.random(in: 0...255, using: &rng)
            let aligned = AlignedBytes(bytes)
            do {
                let automaton = try DictionaryAutomaton(prefixWalkBytes: aligned.raw, validating: true)
                // Accepted bytes must walk safely (AddressSanitizer would catch a stray read).
                _ = automaton.value(forKey: "中国式现代化")
                _ = automaton.longestPrefix(in: UnsafeBufferPointer(start: nil, count: 0), at: 0)
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 100)
        #expect(throws: ZhTextError.self) { try DictionaryAutomaton(prefixWalkBytes: AlignedBytes(Array(good.dropLast(4))).raw, validating: true) }
    }
}
