import Foundation
import Testing
import ZhTextTestSupport
@testable import ZhTextCore

@Suite struct DictionaryAutomatonTests {
    func automaton(_ words: [String], alphabet: DictionaryAutomaton.Alphabet = .bytes) throws -> DictionaryAutomaton {
        var builder = AutomatonBuilder(alphabet: alphabet)
        for (i, word) in words.enumerated() { builder.add(word, value: Int32(i)) }
        return try builder.build()
    }

    /// The definition: at each position take the longest key starting there; if none, move on one byte.
    func naiveLeftmostLongest(_ words: [String], _ text: String) -> [DictionaryAutomaton.Match] {
        let bytes = Array(text.utf8)
        let keys = words.enumerated().map { (Array($0.element.utf8), Int32($0.offset)) }
        var result: [DictionaryAutomaton.Match] = []
        var i = 0
        while i < bytes.count {
            var best: ([UInt8], Int32)?
            for (key, value) in keys where bytes.count - i >= key.count && Array(bytes[i..<(i + key.count)]) == key {
                if best == nil || key.count > best!.0.count { best = (key, value) }
            }
            if let best {
                result.append(.init(utf8Range: i..<(i + best.0.count), value: best.1))
                i += best.0.count
            } else {
                i += 1
            }
        }
        return result
    }

    @Test func findsSlogansLeftmostLongest() throws {
        let words = ["绿水青山", "绿水青山就是金山银山", "金山银山", "四减四增", "三大战役", "河长制"]
        let a = try automaton(words)
        let text = "坚持绿水青山就是金山银山理念，推进“四减四增”，打好三大战役，全面推行河(湖)长制。"
        let found = a.leftmostLongestMatches(in: text).map { words[Int($0.value)] }
        #expect(found == ["绿水青山就是金山银山", "四减四增", "三大战役"])
        #expect(a.keyCount == words.count)
    }

    @Test(arguments: [DictionaryAutomaton.Alphabet.bytes, .unicodeScalars])
    func exactAndPrefixLookups(alphabet: DictionaryAutomaton.Alphabet) throws {
        let words = ["低", "低级", "低级别", "产品", "U盘"]
        let a = try automaton(words, alphabet: alphabet)
        #expect(a.value(forKey: "低级") == 1)
        #expect(a.value(forKey: "低级别产") == nil)
        #expect(a.value(forKey: "") == nil)
        let text = Array("低级别产品".utf8)
        text.withUnsafeBufferPointer { buffer in
            #expect(a.longestPrefix(in: buffer, at: 0)?.length == 9)
            #expect(a.longestPrefix(in: buffer, at: 9)?.value == 3)
            #expect(a.longestPrefix(in: buffer, at: 3) == nil)
            var prefixes: [Int] = []
            a.forEachPrefix(in: buffer, at: 0) { length, _ in prefixes.append(length) }
            #expect(prefixes == [3, 6, 9])
        }
    }

    @Test func agreesWithNaiveSearchOnRandomLexicons() throws {
        var rng = SplitMix64(seed: 0xAC_0001)
        let alphabet = ["四", "减", "增", "三", "a", "b", "大"]
        func randomString(_ maxLength: Int) -> String {
            (0..<Int.random(in: 1...maxLength, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        }
        for round in 0..<300 {
            var words: [String] = []
            var seen = Set<String>()
            for _ in 0..<Int.random(in: 1...25, using: &rng) {
                let w = randomString(5)
                if seen.insert(w).inserted { words.append(w) }
            }
            let a = try automaton(words)
            let s = try automaton(words, alphabet: .unicodeScalars)
            #expect(s.alphabet == .unicodeScalars)
            for _ in 0..<5 {
                let text = randomString(60) + "中" + randomString(10)
                let expected = naiveLeftmostLongest(words, text)
                #expect(a.leftmostLongestMatches(in: text) == expected, "round \(round): \(words) in \(text)")
                #expect(s.leftmostLongestMatches(in: text) == expected, "scalars, round \(round): \(words) in \(text)")
                // The search over decoded scalars finds the same matches, in scalar indices.
                let scalars = text.unicodeScalars.map(\.value)
                var byteOffsets = [0]
                for scalar in text.unicodeScalars { byteOffsets.append(byteOffsets.last! + String(scalar).utf8.count) }
                var fromScalars: [DictionaryAutomaton.Match] = []
                scalars.withUnsafeBufferPointer { buffer in
                    s.unsafeView.forEachLeftmostLongestMatch(inScalars: buffer) { range, value in
                        fromScalars.append(.init(utf8Range: byteOffsets[range.lowerBound]..<byteOffsets[range.upperBound], value: value))
                    }
                }
                #expect(fromScalars == expected, "scalar input, round \(round): \(words) in \(text)")
            }
        }
    }

    @Test func duplicateKeysFollowThePolicy() throws {
        var reject = AutomatonBuilder()
        reject.add("发展", value: 1)
        reject.add("发展", value: 2)
        #expect(throws: ZhTextError.self) { try reject.build() }

        var first = AutomatonBuilder(duplicateKeys: .keepFirst)
        var last = AutomatonBuilder(duplicateKeys: .keepLast)
        for (i, key) in ["发展", "基础", "发展"].enumerated() {
            first.add(key, value: Int32(i))
            last.add(key, value: Int32(i))
        }
        #expect(try first.build().value(forKey: "发展") == 0)
        #expect(try last.build().value(forKey: "发展") == 2)
        #expect(try last.build().keyCount == 2)
    }

    @Test func rejectsUnusableKeys() {
        var empty = AutomatonBuilder()
        empty.add("", value: 0)
        #expect(throws: ZhTextError.invalidKey(index: 0, reason: "empty key")) { try empty.build() }
        var negative = AutomatonBuilder()
        negative.add("原则", value: -3)
        #expect(throws: ZhTextError.self) { try negative.build() }
    }

    @Test func emptyDictionaryAndEmptyText() throws {
        let none = try AutomatonBuilder().build()
        #expect(none.leftmostLongestMatches(in: "发展").isEmpty)
        #expect(try automaton(["发展"]).leftmostLongestMatches(in: "").isEmpty)
    }

    @Test(arguments: [DictionaryAutomaton.Alphabet.bytes, .unicodeScalars])
    func serialisationRoundTrips(alphabet: DictionaryAutomaton.Alphabet) throws {
        let words = ["开展", "发展", "根底", "基础", "原那么", "原则", "效劳", "服务", "𠀀字"]
        let a = try automaton(words, alphabet: alphabet)
        let bytes = a.serialized()
        let b = try DictionaryAutomaton(serialized: bytes)
        let text = "坚持原那么，夯实根底，开展经济，提供效劳，𠀀字"
        #expect(a.leftmostLongestMatches(in: text).count == 5)
        #expect(b.leftmostLongestMatches(in: text) == a.leftmostLongestMatches(in: text))
        #expect(b.alphabet == alphabet)
        #expect(b.keyCount == a.keyCount)

        // In place, from aligned memory.
        let words32 = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        defer { words32.deallocate() }
        words32.copyBytes(from: bytes)
        let c = try DictionaryAutomaton(unsafeStaticBytes: UnsafeRawBufferPointer(words32))
        #expect(c.leftmostLongestMatches(in: text) == a.leftmostLongestMatches(in: text))
    }

    @Test(arguments: [DictionaryAutomaton.Alphabet.bytes, .unicodeScalars])
    func corruptBytesThrowOrStaySafe(alphabet: DictionaryAutomaton.Alphabet) throws {
        let a = try automaton(["四个全面", "五位一体", "一岗双责", "两高一低"], alphabet: alphabet)
        let bytes = a.serialized()
        #expect(throws: ZhTextError.self) { try DictionaryAutomaton(serialized: bytes.dropLast(4)) }
        #expect(throws: ZhTextError.self) { try DictionaryAutomaton(serialized: [UInt8](repeating: 0, count: 64)) }
        // Scalar keys must be UTF-8.
        var bad = AutomatonBuilder(alphabet: .unicodeScalars)
        bad.add(bytes: [0xE5, 0x8F], value: 0)
        #expect(throws: ZhTextError.self) { try bad.build() }
        var rng = SplitMix64(seed: 0xC0DE)
        for _ in 0..<300 {
            var damaged = bytes
            for _ in 0..<3 {
                let i = Int.random(in: 16..<damaged.count, using: &rng)
                damaged[i] = UInt8.random(in: 0...255, using: &rng)
            }
            if let loaded = try? DictionaryAutomaton(serialized: damaged) {
                // Whatever it finds, it must finish and stay within the text.
                for match in loaded.leftmostLongestMatches(in: "坚持四个全面和五位一体，落实一岗双责") {
                    #expect(match.utf8Range.lowerBound >= 0)
                    #expect(match.utf8Range.upperBound <= "坚持四个全面和五位一体，落实一岗双责".utf8.count)
                }
            }
        }
    }

    /// The search tests a transition by its symbol alone, which is sound only while no two
    /// states with children share a base: the builder guarantees it, loading enforces it.
    @Test func innerStatesHaveTheirOwnBases() throws {
        var rng = SplitMix64(seed: 0xBA5E)
        let alphabet = Array("发展基础原则服务成本部分否则那么开展根底效劳本钱局部")
        for _ in 0..<20 {
            let words = (0..<200).map { _ in String((0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
            for kind in [DictionaryAutomaton.Alphabet.bytes, .unicodeScalars] {
                var builder = AutomatonBuilder(duplicateKeys: .keepFirst, alphabet: kind)
                for (i, word) in words.enumerated() { builder.add(word, value: Int32(i)) }
                let storage = try builder.build().storage
                var seen = Set<Int32>()
                for slot in 0..<storage.slotCount where slot == 0 || storage.units[3 * slot + 1] >= 0 {
                    let base = storage.units[3 * slot] & DictionaryAutomaton.baseMask
                    if base != 0 { #expect(seen.insert(base).inserted, "slot \(slot) reuses base \(base)") }
                }
            }
        }
    }

    @Test func loadingRejectsStatesThatShareABase() throws {
        let bytes = try automaton(["ab", "cd"]).serialized()
        var words = stride(from: 0, to: bytes.count, by: 4).map { i in
            Int32(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        }
        let slots = Int(words[2]), header = 6
        func unit(_ slot: Int, _ k: Int) -> Int { header + 3 * slot + k }
        func info(_ slot: Int, _ k: Int) -> Int { header + 3 * slots + 3 * slot + k }
        func base(_ slot: Int) -> Int { Int(words[unit(slot, 0)] & DictionaryAutomaton.baseMask) }
        let a = base(0) + Int(UInt8(ascii: "a")), c = base(0) + Int(UInt8(ascii: "c"))
        let oldChild = base(c) + Int(UInt8(ascii: "d")), newChild = base(a) + Int(UInt8(ascii: "d"))
        try #require(newChild < slots && words[unit(newChild, 1)] == -1)
        // Give "c" the base of "a" and move its child so that the trie stays well formed.
        for k in 0..<3 {
            words[unit(newChild, k)] = words[unit(oldChild, k)]
            words[info(newChild, k)] = words[info(oldChild, k)]
        }
        words[unit(oldChild, 0)] = 0; words[unit(oldChild, 1)] = -1; words[unit(oldChild, 2)] = 0
        words[info(oldChild, 0)] = -1; words[info(oldChild, 1)] = -1; words[info(oldChild, 2)] = 0
        words[unit(c, 0)] = (words[unit(c, 0)] & ~DictionaryAutomaton.baseMask) | Int32(base(a))
        let damaged = words.flatMap { word -> [UInt8] in
            let v = UInt32(bitPattern: word)
            return [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
        }
        #expect(throws: ZhTextError.self) { try DictionaryAutomaton(serialized: damaged) }
    }

    /// The pairs that start keys of two or more characters, against the keys themselves, on
    /// jieba words and random ones (with characters above the BMP).
    @Test func keyPrefixPairsAreTheFirstTwoCharactersOfTheLongerKeys() throws {
        var words = ["发展", "发达", "展开", "中", "中国人", "𠀾𠀾", "a𠀾", "高质量发展"]
        let pool = Array("发展中国人民高质量经济𠀾𪚏abc")
        var random = SplitMix64(seed: 7)
        for _ in 0..<300 {
            words.append(String((0...Int.random(in: 0..<4, using: &random)).map { _ in pool.randomElement(using: &random)! }))
        }
        words = Array(Set(words)).sorted()
        let automaton = try automaton(words, alphabet: .unicodeScalars)
        let pairs = automaton.unsafeView.keyPrefixPairs().map { "\(Character(Unicode.Scalar($0.first)!))\(Character(Unicode.Scalar($0.second)!))" }
        let expected = Set(words.filter { $0.unicodeScalars.count > 1 }.map { String($0.unicodeScalars.prefix(2)) })
        #expect(pairs.count == Set(pairs).count)
        #expect(Set(pairs) == expected)
    }
}

/// A corrupt base in a slot no state uses must not size the search arrays (it asked for 3.4 GB).
@Suite struct AutomatonValidationTests {
    @Test func aCorruptBaseInAnUnusedSlotThrows() throws {
        var builder = AutomatonBuilder()
        for (i, word) in ["发展", "基础", "原则", "服务", "成本", "部分"].enumerated() { builder.add(word, value: Int32(i)) }
        let bytes = try builder.build().serialized()
        let slots = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16
        var unused: Int? = nil
        for slot in 1..<slots {
            let check = 24 + 12 * slot + 4
            if bytes[check..<(check + 4)].allSatisfy({ $0 == 0xFF }) { unused = slot; break }
        }
        let slot = try #require(unused)
        var damaged = bytes
        damaged[24 + 12 * slot + 2] = 0xFF  // base ≈ 0x00FF0000: far beyond the data
        damaged[24 + 12 * slot + 3] = 0x0F
        #expect(throws: ZhTextError.self) { try DictionaryAutomaton(serialized: damaged) }
    }
}

@Suite struct PieceCutTests {
    @Test func linesEndAtLineFeedsAndLoneCarriageReturns() {
        func end(_ s: String, from: Int = 0) -> Int {
            Array(s.utf8).withUnsafeBufferPointer { PieceCut.endOfLastLine($0, searchingFrom: from) }
        }
        #expect(end("a\nb") == 2)
        #expect(end("a\rb") == 2)
        #expect(end("a\r\nb") == 3)
        #expect(end("ab\r") == 0)  // a line feed may follow
        #expect(end("abc") == 0)
        #expect(end("a\nbcd", from: 2) == 0)  // only from where it was not searched yet
    }

    @Test func longLinesAreCutAfterSentencesThenClausesThenCharacters() {
        func cut(_ s: String) -> String {
            let bytes = Array(s.utf8)
            return String(decoding: bytes[..<bytes.withUnsafeBufferPointer { PieceCut.cutInLongLine($0) }], as: UTF8.self)
        }
        #expect(cut("发展。基础，原则服务") == "发展。基础，")
        #expect(cut("发展基础原则。服务") == "发展基础原则。")
        #expect(cut("发展基础原则服务成本") == "发展基础原则服务成")
        #expect(cut("发展基础原则服务，成本") == "发展基础原则服务，")
    }
}


