import Foundation
import ZhTextCore

/// The characters of one block (a maximal run of jieba's block class) as the segmentation
/// sees them: where each character starts in the text, and its symbol in each automaton.
struct BlockText {
    /// The text the block is in.
    let text: UnsafePointer<UInt8>
    /// `count + 1` byte offsets into `text`: where each character starts, then where the block ends.
    let starts: UnsafePointer<Int>
    /// Each character's scalar.
    let scalars: UnsafePointer<UInt32>
    /// Each character's symbol in the built-in dictionary (0: in no word).
    let codes: UnsafePointer<Int32>
    /// Each character's symbol in the user dictionary, when there is one.
    let userCodes: UnsafePointer<Int32>?
    let count: Int
    /// Scratch for the route: per character, the best log-probability from there to the end
    /// (`count + 1` entries) and where the best word from there ends.
    let routeWeight: UnsafeMutablePointer<Double>
    let routeEnd: UnsafeMutablePointer<Int>

    /// Characters `range` of the block as UTF-8 bytes.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text + starts[range.lowerBound], count: starts[range.upperBound] - starts[range.lowerBound])
    }

    @inline(__always)
    func scalar(_ index: Int) -> UInt32 { scalars[index] }
}

/// jieba's `FREQ` as the segmentation consults it: every word with its frequency and every
/// prefix of a word with frequency 0. Two implementations: the compiled dictionaries of a
/// ``WordSegmenter``, and, while a user dictionary is being read, the built-in one with the
/// words read so far, which jieba's frequency suggestion must see.
protocol WordFrequencies {
    /// Calls `body(end, frequency)` for each entry made of characters `start...end` of `block`,
    /// `end` rising, until no entry starts with those characters (jieba's `get_DAG` walk).
    func forEachEntry(from start: Int, in block: BlockText, _ body: (_ end: Int, _ frequency: Int32) -> Void)
    /// The frequency of characters `range` (0 when they are no entry or only a prefix).
    func frequency(of range: Range<Int>, in block: BlockText) -> Int32
    /// `log(frequency) - log(total)`, as jieba's `calc` computes it.
    func weight(_ frequency: Int32) -> Double
    /// The weight of a character that is no word: `log(1) - log(total)`.
    var fallbackWeight: Double { get }
    /// Whether the HMM must split a word it finds into characters (a user word of frequency 0).
    func isForcedSplit(_ range: Range<Int>, in block: BlockText) -> Bool
    /// What gives each character's symbols in the built-in and the user automaton.
    var symbolReader: WordSymbolReader { get }
    /// Whether ``symbols(at:in:count:)``'s user symbol is used.
    var hasUserDictionary: Bool { get }
}

/// The compiled dictionaries of a segmenter: jieba's built-in automaton, the user words in a
/// second automaton of the same kind (their frequencies override), and the weight of every
/// frequency below 2¹⁶ computed once.
final class CompiledWordFrequencies: WordFrequencies, @unchecked Sendable {
    let base: DictionaryAutomaton
    let user: DictionaryAutomaton?
    let total: Int
    let logTotal: Double
    let fallbackWeight: Double
    /// User words of frequency 0 (jieba's `Force_Split_Words`), as UTF-8.
    let forcedSplits: Set<[UInt8]>
    /// `log(f) - log(total)` for every f below 2¹⁶, computed once.
    private let smallWeights: UnsafeMutablePointer<Double>
    let baseView: DictionaryAutomaton.UnsafeView
    let userView: DictionaryAutomaton.UnsafeView?

    init(base: DictionaryAutomaton, user: DictionaryAutomaton?, total: Int, forcedSplits: Set<[UInt8]>) {
        self.base = base
        self.user = user
        self.total = total
        self.forcedSplits = forcedSplits
        let logTotal = log(Double(total))
        self.logTotal = logTotal
        self.fallbackWeight = log(1.0) - logTotal
        self.smallWeights = .allocate(capacity: 1 << 16)
        for f in 0..<(1 << 16) { smallWeights[f] = log(Double(f)) - logTotal }
        self.baseView = base.unsafeView
        self.userView = user?.unsafeView
    }

    deinit { smallWeights.deallocate() }

    @inline(__always)
    func weight(_ frequency: Int32) -> Double {
        frequency < 1 << 16 ? smallWeights[Int(frequency)] : log(Double(frequency)) - logTotal
    }

    @inline(__always)
    func forEachEntry(from start: Int, in block: BlockText, _ body: (_ end: Int, _ frequency: Int32) -> Void) {
        var state: Int32 = 0
        let codes = block.codes
        guard let userView, let userCodes = block.userCodes else {
            var j = start
            while j < block.count {
                let code = Int(codes[j])
                if code == 0 { return }
                state = baseView.child(atBase: baseView.childBase(of: state), symbol: code)
                if state < 0 { return }
                body(j, baseView.isKey(at: state) ? baseView.value(at: state) : 0)
                j &+= 1
            }
            return
        }
        var userState: Int32 = 0
        var j = start
        while j < block.count {
            var frequency: Int32 = 0
            if state >= 0 {
                let code = Int(codes[j])
                state = code == 0 ? -1 : baseView.child(atBase: baseView.childBase(of: state), symbol: code)
                if state >= 0 { frequency = max(baseView.value(at: state), 0) }
            }
            if userState >= 0 {
                let code = Int(userCodes[j])
                userState = code == 0 ? -1 : userView.child(atBase: userView.childBase(of: userState), symbol: code)
                if userState >= 0, case let value = userView.value(at: userState), value >= 0 { frequency = value }
            }
            if state < 0, userState < 0 { return }
            body(j, frequency)
            j &+= 1
        }
    }

    /// Walks exactly the characters of `range` (the search mode asks for every 2- and 3-gram).
    func frequency(of range: Range<Int>, in block: BlockText) -> Int32 {
        var state: Int32 = 0
        var userState: Int32 = userView == nil || block.userCodes == nil ? -1 : 0
        for j in range {
            if state >= 0 {
                let code = Int(block.codes[j])
                state = code == 0 ? -1 : baseView.child(atBase: baseView.childBase(of: state), symbol: code)
            }
            if userState >= 0, let userView, let userCodes = block.userCodes {
                let code = Int(userCodes[j])
                userState = code == 0 ? -1 : userView.child(atBase: userView.childBase(of: userState), symbol: code)
            }
            if state < 0, userState < 0 { return 0 }
        }
        if userState >= 0, let userView, case let value = userView.value(at: userState), value >= 0 { return value }
        return state >= 0 && baseView.isKey(at: state) ? baseView.value(at: state) : 0
    }

    func isForcedSplit(_ range: Range<Int>, in block: BlockText) -> Bool {
        guard !forcedSplits.isEmpty else { return false }
        return forcedSplits.contains(Array(block.bytes(range)))
    }
}

extension CompiledWordFrequencies {
    var hasUserDictionary: Bool { user != nil }

    var symbolReader: WordSymbolReader { WordSymbolReader(base: baseView, user: userView) }
}

/// The automata's symbol tables, copied out of their owner once per text so that the loop over
/// characters reads them from registers.
struct WordSymbolReader {
    let base: DictionaryAutomaton.UnsafeView?
    let user: DictionaryAutomaton.UnsafeView?

    @inline(__always)
    func symbols(of scalar: UInt32) -> (base: Int32, user: Int32) {
        guard let base else { return (0, 0) }
        let code = Int32(truncatingIfNeeded: base.symbol(ofScalar: scalar))
        guard let user else { return (code, 0) }
        return (code, Int32(truncatingIfNeeded: user.symbol(ofScalar: scalar)))
    }
}
