import Testing
import ZhTextTestSupport
@testable import ZhTextCleanup

/// The misreading readers on random mixtures of what garbled text is made of: characters that
/// decoders write for misread bytes (GBK, Big5, Latin-1, €, private use, HKSCS beyond the BMP),
/// U+FFFD and U+001A, ASCII, CJK punctuation, line feeds. Whatever they read, the edit log must
/// rebuild the input exactly, every unit must cover garbled characters in order, and a reading
/// must stay inside the text. Seeded, so a failure replays.
@Suite struct MisreadReaderPropertyTests {
    static func randomText(_ rng: inout SplitMix64) -> [Unicode.Scalar] {
        let pools: [ClosedRange<UInt32>] = [0x4E00...0x9FA5, 0x3000...0x303F, 0xFF00...0xFF5E, 0x00A0...0x00FF, 0xE000...0xE765,
                                            0x2460...0x24FF, 0x0391...0x03C9, 0x3105...0x312F, 0x20000...0x2A6DF]
        var result: [Unicode.Scalar] = []
        for _ in 0..<Int.random(in: 0...80, using: &rng) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: result.append("\u{FFFD}")
            case 1: result.append(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng)))
            case 2: result.append(["\u{20AC}", "\u{1A}", "\n", "\u{FFFD}"].randomElement(using: &rng)!)
            default:
                let pool = pools.randomElement(using: &rng)!
                result.append(Unicode.Scalar(UInt32.random(in: pool, using: &rng)) ?? "?")
            }
        }
        return result
    }

    @Test func readersStayInBounds() {
        var rng = SplitMix64(seed: 20261207)
        for _ in 0..<3_000 {
            let scalars = Self.randomText(&rng)
            for reader in [MisreadUTF8Reader.gb18030, .big5, .windows1252] {
                var position = 0
                for unit in reader.read(scalars[...]) {
                    #expect(unit.garbled.lowerBound >= position - 1 && unit.garbled.upperBound <= scalars.count)
                    position = unit.garbled.upperBound
                }
                for span in MojibakeRepairer().misreadSpans(scalars, reader: reader) {
                    #expect(span.range.upperBound <= scalars.count && !span.range.isEmpty)
                    for piece in span.pieces { #expect(span.range.contains(piece.range.lowerBound)) }
                }
            }
            for reader in [MisreadDoubleByteReader.gbkReadAsBig5, .big5ReadAsGBK] {
                for reading in reader.readings(scalars) { #expect(reading.range.upperBound <= scalars.count) }
            }
        }
    }

    @Test func editLogRebuildsRandomGarble() {
        var rng = SplitMix64(seed: 7_202_612)
        let cleaner = Cleaner(options: .init(steps: [.mojibake]))
        let plain = Cleaner(options: .init(steps: [.mojibake], restoresLostCharacters: false))
        for _ in 0..<1_500 {
            let text = String(String.UnicodeScalarView(Self.randomText(&rng)))
            for result in [cleaner.clean(text), plain.clean(text)] {
                #expect(result.reconstructedInput() == text)
                for edit in result.edits { #expect(edit.inputRange.upperBound <= text.utf8.count) }
            }
        }
    }
}
