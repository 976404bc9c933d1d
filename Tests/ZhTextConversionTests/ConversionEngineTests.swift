import Foundation
import Testing
import ZhTextTestSupport
import ZhTextCore
@testable import ZhTextConversion

/// The hand-walked maximal-matching loop (lead-character records, carried symbols) against the
/// plainest statement of forward maximum matching: at each character the automaton's longest
/// prefix, else copy the character.
@Suite struct ConversionEngineTests {
    static func reference(_ table: ConversionTable, _ text: [UInt8]) -> [UInt8] {
        text.withUnsafeBufferPointer { buffer in
            var output: [UInt8] = []
            var i = 0
            while i < buffer.count {
                if let match = table.automaton.longestPrefix(in: buffer, at: i) {
                    output += table.value(match.value)
                    i += match.length
                } else {
                    let width = utf8Length(buffer[i])
                    output += buffer[i..<(i + width)]
                    i += width
                }
            }
            return output
        }
    }

    static func fast(_ table: ConversionTable, _ text: [UInt8]) -> (bytes: [UInt8], map: OffsetMap) {
        text.withUnsafeBufferPointer { buffer in
            let sink = ByteSink(capacity: buffer.count)
            var recorder = MapRecorder()
            if let base = buffer.baseAddress {
                ConversionEngine.applyStage([table.view], base, 0, buffer.count, into: sink, recorder: &recorder,
                                            hasDescriptions: false)
            }
            return (Array(sink.bytes), recorder.map)
        }
    }

    /// Texts that exercise every branch: real lines in both scripts, every tier's keys glued
    /// together in random order and cut at random characters (so walks end at the text's end,
    /// inside a key, and after a first character that is no key on its own), ASCII between.
    static func texts(for table: ConversionTable, random: inout SplitMix64) throws -> [String] {
        let lines = try fixtureText("corpus/xwlb-clean-lines.txt").split(separator: "\n").prefix(300).map(String.init)
        let seeds = try ["002_b20d73b1386a8c16", "004_c85ba3acf2c804d7"].map { try fixtureText("seeds/\($0).txt") }
        var keys: [String] = []
        for line in lines.prefix(60) {
            var chars = Array(line)
            while !chars.isEmpty {
                let take = min(chars.count, Int.random(in: 1...4, using: &random))
                keys.append(String(chars.prefix(take)))
                chars.removeFirst(take)
            }
        }
        var mixed: [String] = []
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let piece = keys.randomElement(using: &random)!
                text += Bool.random(using: &random) ? piece : String(piece.prefix(1))
                if Int.random(in: 0..<6, using: &random) == 0 { text += ["a", " ", "1", "，", "U", "é", "𠀾", "𪚏", "😀", "\u{2FF0}"].randomElement(using: &random)! }
            }
            mixed.append(text)
        }
        // Lines in the table's target script, so its reverse keys are met too.
        let converted = lines.prefix(100).map { String(decoding: reference(table, Array($0.utf8)), as: UTF8.self) }
        return lines + seeds + mixed + converted + ["", "盘", "U盘", "a"]
    }

    @Test(arguments: 0..<OpenCCData.tierNames.count)
    func maximalMatchingEqualsLongestPrefixAtEachPosition(tier: Int) throws {
        let table = try OpenCCData.table(tier)
        var random = SplitMix64(seed: 0x0C0C_2026)
        for text in try Self.texts(for: table, random: &random) {
            let bytes = Array(text.utf8)
            let (output, map) = Self.fast(table, bytes)
            #expect(output == Self.reference(table, bytes), "\(table.name): \(text.prefix(40))")
            // The pieces tile input and output.
            #expect(map.pieces.reduce(0) { $0 + $1.sourceRange.count } == bytes.count)
            #expect(map.pieces.reduce(0) { $0 + $1.targetRange.count } == output.count)
        }
    }

    @Test func leadRecordsAgreeWithTheAutomaton() throws {
        let table = try OpenCCData.table(OpenCCData.tierNames.firstIndex(of: "STPhrases+STPhrases_GeneratedFromRegionalPhrases+STCharacters")!)
        let view = table.view
        var inline = 0
        for scalar in ["这", "发", "干", "U", "了", "盘", "𠀾"].flatMap(\.unicodeScalars) {
            let key = String(scalar)
            let (code, _) = Array(key.utf8).withUnsafeBufferPointer { view.automaton.symbol(at: 0, in: $0.baseAddress!, count: $0.count) }
            let lead = view.leads![code]
            let entry = table.automaton.value(forKey: key)
            #expect((lead.replacement == 0) == (entry == nil), "\(key)")
            guard let entry else { continue }
            if lead.replacement & LeadCharacterRecord.entryFlag != 0 {
                #expect(Int32(bitPattern: lead.replacement & ~LeadCharacterRecord.entryFlag) == entry)
            } else {
                inline += 1
                let length = Int(lead.replacement >> 24 & 3)
                let packed = withUnsafeBytes(of: lead.replacement.littleEndian) { Array($0.prefix(length)) }
                #expect(packed == Array(table.value(entry)), "\(key)")
                #expect((lead.replacement & LeadCharacterRecord.alignedFlag != 0) == table.isAligned(entry))
            }
        }
        #expect(inline >= 4)
    }

    /// A stage over many segments at once (how chains run) equals the stage over each segment
    /// alone, concatenated; the output segment ends it reports are where those pieces end.
    @Test(arguments: [OpenCCData.tierNames.firstIndex(of: "TWPhrases")!,
                      OpenCCData.tierNames.firstIndex(of: "STPhrases+STPhrases_GeneratedFromRegionalPhrases+STCharacters")!])
    func stageOverSegmentsEqualsStagePerSegment(tier: Int) throws {
        let table = try OpenCCData.table(tier)
        let variants = try OpenCCData.table(OpenCCData.tierNames.firstIndex(of: "TWVariantsPhrases+TWVariants")!)
        var random = SplitMix64(seed: 0x0C0C_2026)
        for text in try Self.texts(for: table, random: &random) where !text.isEmpty {
            let bytes = Array(text.utf8)
            // Cut at random character boundaries, with empty segments now and then.
            var ends: [Int] = []
            var i = 0
            while i < bytes.count {
                i += utf8Length(bytes[i])
                if Int.random(in: 0..<3, using: &random) == 0 || i == bytes.count { ends.append(i) }
                if Int.random(in: 0..<20, using: &random) == 0 { ends.append(i) }
            }
            for tiers in [[table.view], [table.view, variants.view]] {
                var expected: [UInt8] = []
                var expectedEnds: [Int] = []
                var start = 0
                for end in ends {
                    bytes.withUnsafeBufferPointer { buffer in
                        let sink = ByteSink(capacity: 16)
                        var recorder = DiscardingRecorder()
                        ConversionEngine.applyStage(tiers, buffer.baseAddress!, start, end, into: sink, recorder: &recorder,
                                                    hasDescriptions: false)
                        expected += sink.bytes
                    }
                    expectedEnds.append(expected.count)
                    start = end
                }
                let (output, outputEnds, map) = bytes.withUnsafeBufferPointer { buffer in
                    let sink = ByteSink(capacity: 16)
                    var recorder = MapRecorder()
                    var outputEnds: [Int]? = []
                    ConversionEngine.applyStage(tiers, buffer.baseAddress!, 0, segmentEnds: ends, into: sink,
                                                recorder: &recorder, hasDescriptions: false, outputSegmentEnds: &outputEnds)
                    return (Array(sink.bytes), outputEnds ?? [], recorder.map)
                }
                #expect(output == expected, "\(table.name) \(tiers.count): \(text.prefix(40))")
                #expect(outputEnds == expectedEnds, "\(text.prefix(40))")
                #expect(map.pieces.reduce(0) { $0 + $1.sourceRange.count } == bytes.count)
                #expect(map.pieces.reduce(0) { $0 + $1.targetRange.count } == output.count)
            }
        }
    }
}
