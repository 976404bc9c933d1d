import CZhTextData
import Foundation
import ZhTextCore

/// OpenCC's dictionaries as embedded, compiled tiers, loaded lazily and shared.
enum OpenCCData {
    /// One OpenCC configuration: normalisation stages, optional segmentation, conversion chain.
    /// Each stage is a list of tier indices consulted in order (the first tier with a match wins).
    struct ConfigurationSpec: Sendable {
        struct Segmentation: Sendable {
            var tier: Int
            /// Ignore single-character matches: the tier is a conversion tier that holds the
            /// segmentation dictionary's phrases plus single characters.
            var multiCharacterOnly: Bool
        }

        var name: String
        var description: String
        var normalization: [[Int]]
        var segmentation: Segmentation?
        var chain: [[Int]]
        /// The index of the chain's precomposed values (`zh_text_data_fused`), if it has them.
        var fused: Int?
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [Int: ConversionTable] = [:]

    /// The tier at `index`, loaded (validated, zero-copy) on first use.
    static func table(_ index: Int) throws(ZhTextError) -> ConversionTable {
        lock.lock()
        defer { lock.unlock() }
        if let table = loaded[index] { return table }
        var count: Int32 = 0
        guard let blobs = zh_text_data_tiers(&count), index >= 0, index < Int(count) else {
            throw .corruptAutomatonData(reason: "no embedded table #\(index)")
        }
        let blob = blobs[index]
        let table = try ConversionTable(
            name: tierNames[index], bytes: UnsafeRawBufferPointer(start: blob.bytes, count: blob.count))
        loaded[index] = table
        return table
    }

    nonisolated(unsafe) private static var fusedChains: [Int: FusedChain] = [:]

    /// The precomposed chain at `index`, made by `make` on first use and shared: it depends only
    /// on the embedded tables, so every converter of a configuration uses the same one.
    static func fusedChain(_ index: Int, _ make: () throws(ZhTextError) -> FusedChain) throws(ZhTextError) -> FusedChain {
        lock.lock()
        defer { lock.unlock() }
        if let chain = fusedChains[index] { return chain }
        let chain = try make()
        fusedChains[index] = chain
        return chain
    }

    static func configuration(named name: String) throws(ZhTextError) -> ConfigurationSpec {
        guard let spec = configurations.first(where: { $0.name == name }) else {
            throw .unknownConfiguration(name: name, validNames: configurations.map(\.name))
        }
        return spec
    }
}
