import Foundation
import ZhTextCore

/// Turns user entries into the segmenter's second automaton, taking them in order as jieba's
/// `add_word` does: the total grows with each frequency, and a word without one gets
/// `suggest_freq(word)` computed against everything added before it.
struct UserWordCompiler {
    let data: JiebaData

    func compile(_ entries: [WordDictionary.Entry]) throws(ZhTextError) -> CompiledWordFrequencies {
        guard !entries.isEmpty else {
            return CompiledWordFrequencies(base: data.dictionary, user: nil, total: data.total, forcedSplits: [])
        }
        let overlay = BuildingFrequencies(base: data.dictionary, total: data.total)
        var forcedSplits = Set<[UInt8]>()
        for entry in entries {
            let frequency = entry.frequency.map { Int32($0) } ?? overlay.suggestedFrequency(of: entry.word, model: data.model)
            overlay.add(entry.word, frequency: frequency)
            if frequency == 0 { forcedSplits.insert(Array(entry.word.utf8)) }
        }
        var builder = AutomatonBuilder(duplicateKeys: .reject, alphabet: .unicodeScalars)
        for (word, frequency) in overlay.words { builder.add(word, value: frequency) }
        let user = try builder.build()
        return CompiledWordFrequencies(base: data.dictionary, user: user, total: overlay.total, forcedSplits: forcedSplits)
    }
}

/// jieba's `FREQ` while user words are being added: the built-in automaton and a hash map of the
/// user words so far and of their prefixes that the dictionary lacks (frequency 0). Only
/// `suggest_freq` segments against it, and only the user words themselves.
final class BuildingFrequencies: WordFrequencies {
    let base: DictionaryAutomaton
    let baseView: DictionaryAutomaton.UnsafeView
    private(set) var total: Int
    /// User words (their frequency) and new prefixes (0).
    private var entries: [[UInt8]: Int32] = [:]
    /// The user words in the order first added, with their last frequency.
    private var order: [[UInt8]] = []

    init(base: DictionaryAutomaton, total: Int) {
        self.base = base
        self.baseView = base.unsafeView
        self.total = total
    }

    var words: [(String, Int32)] {
        order.compactMap { key in
            guard let frequency = userFrequency[key] else { return nil }
            return (String(decoding: key, as: UTF8.self), frequency)
        }
    }
    private var userFrequency: [[UInt8]: Int32] = [:]

    var hasUserDictionary: Bool { false }
    var fallbackWeight: Double { log(1.0) - log(Double(total)) }

    func weight(_ frequency: Int32) -> Double { log(Double(frequency)) - log(Double(total)) }

    func add(_ word: String, frequency: Int32) {
        let key = Array(word.utf8)
        if userFrequency.updateValue(frequency, forKey: key) == nil { order.append(key) }
        entries[key] = frequency
        total += Int(frequency)
        var end = 0
        for scalar in word.unicodeScalars {
            end += UTF8.width(scalar)
            let prefix = Array(key[..<end])
            if entries[prefix] == nil, baseFrequency(prefix) == nil { entries[prefix] = 0 }
        }
    }

    /// The built-in entry's frequency (0 for a prefix), or nil when it is no entry.
    private func baseFrequency(_ key: [UInt8]) -> Int32? {
        key.withUnsafeBufferPointer { buffer -> Int32? in
            withExtendedLifetime(base) {
                var state: Int32 = 0
                var i = 0
                while i < buffer.count {
                    let (code, width) = baseView.symbol(at: i, in: buffer.baseAddress!, count: buffer.count)
                    if code == 0 { return nil }
                    state = baseView.child(atBase: baseView.childBase(of: state), symbol: code)
                    if state < 0 { return nil }
                    i += width
                }
                return max(baseView.value(at: state), 0)
            }
        }
    }

    /// `FREQ.get(key)`: nil when absent.
    func entryFrequency(_ key: [UInt8]) -> Int32? {
        entries[key] ?? baseFrequency(key)
    }

    func forEachEntry(from start: Int, in block: BlockText, _ body: (_ end: Int, _ frequency: Int32) -> Void) {
        var j = start
        while j < block.count {
            guard let frequency = entryFrequency(Array(block.bytes(start..<(j + 1)))) else { return }
            body(j, frequency)
            j += 1
        }
    }

    func frequency(of range: Range<Int>, in block: BlockText) -> Int32 {
        entryFrequency(Array(block.bytes(range))) ?? 0
    }

    func isForcedSplit(_ range: Range<Int>, in block: BlockText) -> Bool { false }

    var symbolReader: WordSymbolReader { WordSymbolReader(base: nil, user: nil) }

    /// `suggest_freq(word, tune=False)`: just above the product of the word's pieces under
    /// `cut(word, HMM=False)`, and at least its current frequency.
    func suggestedFrequency(of word: String, model: HiddenMarkovModel) -> Int32 {
        let totalNow = Double(total)
        var product = 1.0
        var segmentation = TextSegmentation(frequencies: self, model: model, mode: .accurate, usesHMM: false)
        let bytes = Array(word.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            segmentation.segment(buffer.baseAddress!, buffer.count, origin: .zero) { piece in
                let frequency = entryFrequency(Array(bytes[piece.utf8Range])) ?? 1
                product *= Double(frequency) / totalNow
            }
        }
        let scaled = product * totalNow
        let suggestion = scaled < Double(Int32.max) ? Int(scaled) + 1 : Int(Int32.max)
        return Int32(min(max(suggestion, Int(entryFrequency(bytes) ?? 1)), Int(Int32.max)))
    }
}
