import Foundation
import Testing
import ZhTextTestSupport
import ZhTextCore
@testable import ZhTextConversion

/// The precomposed chains (one walk) against the stages run one by one, which are byte-identical
/// to OpenCC (`passesOpenCCsOwnTestSuite`, `Scripts/compare-opencc`). Texts are random mixtures
/// of what the configuration's tables hold, in both directions: the first two characters of
/// every key of two or more characters (so walks start keys and break off), whole values (which
/// are the keys of the reverse tables), single characters of both, cut at random, with
/// characters above the BMP, ideographic description sequences (which send the fused converter
/// down the stage-by-stage path), safe cuts, ASCII and line feeds between them.
@Suite struct FusedChainTests {
    static let fusedConfigurations = ScriptConverter.Configuration.allCases.filter {
        (try? OpenCCData.configuration(named: $0.rawValue).fused) != nil
    }

    @Test func everyMultiStageConfigurationWithASegmentationIsFused() throws {
        #expect(Set(Self.fusedConfigurations.map(\.rawValue))
                == ["s2tw", "s2twp", "s2hk", "s2hkp", "tw2s", "tw2sp", "hk2s", "hk2sp"])
        for configuration in Self.fusedConfigurations {
            #expect(try ScriptConverter(configuration).engine.fused != nil)
            #expect(try ScriptConverter(configuration, userDictionary: [], fusesChain: false).engine.fused == nil)
        }
    }

    /// What the tiers of `spec` hold, as material for random texts.
    static func material(_ spec: OpenCCData.ConfigurationSpec) throws -> [String] {
        var pieces: [String] = []
        var tiers = spec.chain.flatMap { $0 }
        if let segmentation = spec.segmentation { tiers.append(segmentation.tier) }
        for index in Set(tiers) {
            let table = try OpenCCData.table(index)
            for (first, second) in table.automaton.unsafeView.keyPrefixPairs() {
                pieces.append(String(Character(Unicode.Scalar(first)!)) + String(Character(Unicode.Scalar(second)!)))
            }
            for entry in 0..<Int32(table.entryCount) {
                pieces.append(String(decoding: table.value(entry), as: UTF8.self))
            }
        }
        return pieces
    }

    @Test(arguments: fusedConfigurations)
    func fusedAndStageByStageAgreeOnRandomMixtures(_ configuration: ScriptConverter.Configuration) throws {
        let fused = try ScriptConverter(configuration)
        let staged = try ScriptConverter(configuration, userDictionary: [], fusesChain: false)
        let spec = try OpenCCData.configuration(named: configuration.rawValue)
        let pieces = try Self.material(spec)
        var random = SplitMix64(seed: 0xF05E_D000 ^ UInt64(configuration.rawValue.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        // Punctuation, digits and Latin letters are what the character-wise walk reads as its
        // inert symbol, and what a pair filter must let through after a key's first character.
        let extras = ["a", " ", "12", "，", "。", "\n", "U", "é", "𠀾", "𪚏", "😀", "⿰氵青", "！", "；",
                      "、", "（", "）", "“", "”", "：", "《", "》", "·", "—", "Z", "0"]
        var differing: [String] = []
        for round in 0..<1500 {
            var text = ""
            for _ in 0..<Int.random(in: 1...10, using: &random) {
                var piece = pieces.randomElement(using: &random)!
                switch Int.random(in: 0..<6, using: &random) {
                case 0: piece = String(piece.prefix(1))
                case 1: piece = String(piece.dropFirst())
                default: break
                }
                text += piece
                if Int.random(in: 0..<5, using: &random) == 0 {
                    // Description sequences only in a few rounds: they turn fusion off for the text.
                    let extra = extras.randomElement(using: &random)!
                    if extra != "⿰氵青" || round % 10 == 0 { text += extra }
                }
            }
            if fused.convert(text) != staged.convert(text) { differing.append(text) }
        }
        #expect(differing.isEmpty, "\(differing.count) texts differ, first: \(differing.prefix(3))")
    }

    @Test(arguments: fusedConfigurations)
    func fusedAndStageByStageAgreeOnTheCorpusLinesAndSeeds(_ configuration: ScriptConverter.Configuration) throws {
        let fused = try ScriptConverter(configuration)
        let staged = try ScriptConverter(configuration, userDictionary: [], fusesChain: false)
        var texts = try fixtureText("corpus/xwlb-clean-lines.txt").split(separator: "\n").map(String.init)
        texts += try fixtureText("corpus/traditional-clean-lines.txt").split(separator: "\n").map(String.init)
        let seeds = try FileManager.default.contentsOfDirectory(
            at: fixturesDirectory.appendingPathComponent("seeds"), includingPropertiesForKeys: nil)
        for seed in seeds where seed.pathExtension == "txt" { texts.append(try String(contentsOf: seed, encoding: .utf8)) }
        // The same lines in the script the configuration reads, so its keys are met.
        let toSource = try ScriptConverter(configuration.rawValue.hasPrefix("s") ? .t2s : .s2tw)
        texts += texts.map { toSource.convert($0) }
        let whole = texts.joined(separator: "\n")
        #expect(fused.convert(whole) == staged.convert(whole))
        let differing = texts.filter { fused.convert($0) != staged.convert($0) }
        #expect(differing.isEmpty, "\(differing.count) lines differ, first: \(differing.prefix(2))")
    }
}
