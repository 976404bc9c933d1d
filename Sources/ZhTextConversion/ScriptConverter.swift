import ZhTextCore

/// Converts Chinese text between Simplified, Traditional and regional standards, with OpenCC's
/// dictionaries and exactly OpenCC 1.4.2's results.
///
/// ```swift
/// let converter = try ScriptConverter(.s2twp)
/// converter.convert("鼠标和U盘")            // "滑鼠和隨身碟"
/// let result = converter.convertWithOffsets("U盘")
/// result.offsets.sourceRange(forTargetRange: 0..<9)   // 0..<4: 隨身碟 came from U盘
/// ```
///
/// Characters no dictionary knows pass through unchanged and in order; non-Han text is never
/// altered. A converter is immutable and `Sendable`: build it once and share it. Construction
/// loads the configuration's embedded tables on first use (validated, not copied).
///
/// Cost: O(n · k) for n input bytes and keys of at most k bytes (k ≤ 45), in practice a few
/// trie transitions per character.
public struct ScriptConverter: Sendable {
    /// OpenCC's conversion configurations.
    public enum Configuration: String, Sendable, CaseIterable {
        /// Simplified → Traditional (OpenCC standard).
        case s2t
        /// Traditional (OpenCC standard) → Simplified.
        case t2s
        /// Simplified → Traditional (Taiwan standard).
        case s2tw
        /// Traditional (Taiwan standard) → Simplified.
        case tw2s
        /// Simplified → Traditional (Taiwan standard, with Taiwan phrases: 鼠标 → 滑鼠).
        case s2twp
        /// Traditional (Taiwan standard) → Simplified, with mainland phrases.
        case tw2sp
        /// Simplified → Traditional (Hong Kong variant).
        case s2hk
        /// Traditional (Hong Kong variant) → Simplified.
        case hk2s
        /// Simplified → Traditional (Hong Kong variant, with Hong Kong phrases).
        case s2hkp
        /// Traditional (Hong Kong variant) → Simplified, with mainland phrases.
        case hk2sp
        /// Traditional (OpenCC standard) → Taiwan standard.
        case t2tw
        /// Taiwan standard → Traditional (OpenCC standard).
        case tw2t
        /// Traditional (OpenCC standard) → Hong Kong variant.
        case t2hk
        /// Hong Kong variant → Traditional (OpenCC standard).
        case hk2t
        /// Traditional (Kyūjitai) → Japanese Shinjitai.
        case t2jp
        /// Japanese Shinjitai → Traditional (Kyūjitai).
        case jp2t

        /// OpenCC's description of the configuration.
        public var summary: String {
            OpenCCData.configurations.first { $0.name == rawValue }?.description ?? rawValue
        }
    }

    /// How to treat bytes that are not UTF-8 in ``convert(bytes:mode:)``.
    public enum InvalidInputMode: Sendable {
        /// Throw `ZhTextError/invalidUTF8(byteOffset:)` with the first bad byte's offset.
        case strict
        /// Replace each invalid sequence with U+FFFD (documented loss) and convert the rest.
        case lossy
    }

    /// The configuration this converter applies.
    public let configuration: Configuration
    let engine: ConversionEngine
    /// User phrases, matched first (leftmost-longest) and copied to the output as given.
    let userTable: ConversionTable?

    /// Creates a converter for `configuration`.
    ///
    /// - Parameter configuration: the OpenCC configuration to apply.
    /// - Parameter userDictionary: extra (source, replacement) pairs. They take priority over
    ///   OpenCC's dictionaries: wherever one occurs (leftmost-longest), its replacement is used
    ///   as is and no built-in phrase may overlap it. Later pairs override earlier ones.
    public init(_ configuration: Configuration, userDictionary: [(String, String)] = []) throws(ZhTextError) {
        try self.init(configuration, userDictionary: userDictionary, fusesChain: true)
    }

    /// `fusesChain: false` runs the stages one by one even where the chain is precomposed: the
    /// tests compare the two.
    init(_ configuration: Configuration, userDictionary: [(String, String)], fusesChain: Bool) throws(ZhTextError) {
        let spec = try OpenCCData.configuration(named: configuration.rawValue)
        func tiers(_ indices: [Int]) throws(ZhTextError) -> [ConversionTable] {
            var result: [ConversionTable] = []
            for index in indices { result.append(try OpenCCData.table(index)) }
            return result
        }
        var normalization: [[ConversionTable]] = []
        for stage in spec.normalization { normalization.append(try tiers(stage)) }
        var chain: [[ConversionTable]] = []
        for stage in spec.chain { chain.append(try tiers(stage)) }
        var segmentation: (ConversionTable, Bool)? = nil
        if let s = spec.segmentation { segmentation = (try OpenCCData.table(s.tier), s.multiCharacterOnly) }

        for (index, pair) in userDictionary.enumerated() {
            if pair.0.isEmpty { throw .invalidDictionaryEntry(line: index + 1, reason: "empty source phrase") }
            if pair.1.isEmpty { throw .invalidDictionaryEntry(line: index + 1, reason: "empty replacement for '\(pair.0)'") }
        }
        let user = userDictionary.isEmpty
            ? nil : try ConversionTable(name: "user", pairs: userDictionary.map { (key: $0.0, value: $0.1) })
        // No dictionary key contains these (checked by the importer), so the text may be cut after
        // them without changing the result; user phrases may, so theirs are removed.
        var safe: Set<UInt32> = [0x0A, 0x3002, 0xFF01, 0xFF1F, 0xFF0C, 0xFF1B]
        for (source, _) in userDictionary { for scalar in source.unicodeScalars { safe.remove(scalar.value) } }
        self.configuration = configuration
        self.userTable = user
        self.engine = try ConversionEngine(normalization: normalization, segmentation: segmentation, chain: chain,
                                           safeCutScalars: safe, fusedChain: fusesChain ? spec.fused : nil)
    }

    /// Creates a converter for the configuration named `name` (`"s2t"`, `"tw2sp"`, …; a trailing
    /// `.json` is accepted). An unknown name throws `ZhTextError/unknownConfiguration(name:validNames:)`.
    public init(configurationNamed name: String, userDictionary: [(String, String)] = []) throws(ZhTextError) {
        let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        guard let configuration = Configuration(rawValue: stem) else {
            throw .unknownConfiguration(name: name, validNames: Configuration.allCases.map(\.rawValue))
        }
        try self.init(configuration, userDictionary: userDictionary)
    }

    /// Converts `text`.
    public func convert(_ text: some StringProtocol) -> String {
        var recorder = DiscardingRecorder()
        return convert(String(text), recorder: &recorder)
    }

    /// Converts `text` and returns the result with a map between input and output offsets.
    public func convertWithOffsets(_ text: some StringProtocol) -> ConversionResult {
        var recorder = MapRecorder()
        let converted = convert(String(text), recorder: &recorder)
        return ConversionResult(text: converted, offsets: recorder.map)
    }

    private func convert<R: PieceRecorder>(_ text: String, recorder: inout R) -> String {
        var text = text
        return text.withUTF8 { input in
            let output = ByteSink(capacity: input.count + input.count / 8)
            convert(input, into: output, recorder: &recorder)
            return output.makeString()
        }
    }

    /// Converts UTF-8 bytes. Invalid UTF-8 throws in `.strict` mode (with the first bad byte's
    /// offset) and is replaced by U+FFFD in `.lossy` mode.
    public func convert(utf8 bytes: some Collection<UInt8>, mode: InvalidInputMode = .strict) throws(ZhTextError) -> String {
        let done: Result<String, ZhTextError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(ZhTextError) in try convert(validating: buffer, mode: mode) }
        }
        if let done { return try done.get() }
        let array = Array(bytes)
        let result: Result<String, ZhTextError> = array.withUnsafeBufferPointer { buffer in
            Result { () throws(ZhTextError) in try convert(validating: buffer, mode: mode) }
        }
        return try result.get()
    }

    /// Converts UTF-8 bytes and hands the converted UTF-8 to `body` (no `String` is built, which
    /// saves a copy and a validation pass for callers that write bytes out). Invalid UTF-8 throws
    /// in `.strict` mode and is replaced by U+FFFD in `.lossy` mode.
    public func convert(
        utf8 input: UnsafeBufferPointer<UInt8>, mode: InvalidInputMode = .strict,
        into body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(ZhTextError) {
        try convert(validating: input, mode: mode, offsetBase: 0, into: body)
    }

    /// Converts UTF-8 bytes.
    @available(*, deprecated, renamed: "convert(utf8:mode:)")
    public func convert(bytes: some Collection<UInt8>, mode: InvalidInputMode = .strict) throws(ZhTextError) -> String {
        try convert(utf8: bytes, mode: mode)
    }

    /// Converts UTF-8 bytes and hands the converted UTF-8 to `body`.
    @available(*, deprecated, renamed: "convert(utf8:mode:into:)")
    public func convert(
        bytes input: UnsafeBufferPointer<UInt8>, mode: InvalidInputMode = .strict,
        into body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(ZhTextError) {
        try convert(utf8: input, mode: mode, into: body)
    }

    /// Validates and converts; `offsetBase` is added to the offset of an invalid byte.
    func convert(validating input: UnsafeBufferPointer<UInt8>, mode: InvalidInputMode, offsetBase: Int = 0)
        throws(ZhTextError) -> String
    {
        var result = ""
        try convert(validating: input, mode: mode, offsetBase: offsetBase) { result = String(convertedUTF8: $0) }
        return result
    }

    func convert(
        validating input: UnsafeBufferPointer<UInt8>, mode: InvalidInputMode, offsetBase: Int,
        into body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(ZhTextError) {
        let scan = scanUTF8(input, noting: engine.inputPairs)
        if let offset = scan.firstInvalidOffset {
            if mode == .strict { throw .invalidUTF8(byteOffset: offsetBase + offset) }
            var repaired = String(decoding: input, as: UTF8.self)
            repaired.withUTF8 { valid in
                let output = ByteSink(capacity: valid.count + valid.count / 8)
                var recorder = DiscardingRecorder()
                convert(valid, into: output, recorder: &recorder)
                body(output.bytes)
            }
            return
        }
        let output = ByteSink(capacity: input.count + input.count / 8)
        var recorder = DiscardingRecorder()
        convert(input, into: output, recorder: &recorder, pairsSeen: scan.pairsSeen)
        body(output.bytes)
    }

    /// Appends the conversion of valid UTF-8 `input` to `output`. `pairsSeen`: what validating
    /// `input` with the engine's pairs noted (every piece of it holds at most those).
    func convert<R: PieceRecorder>(
        _ input: UnsafeBufferPointer<UInt8>, into output: ByteSink, recorder: inout R, pairsSeen: UInt64 = ~0
    ) {
        guard let user = userTable else {
            engine.convert(input, into: output, recorder: &recorder, pairsSeen: pairsSeen)
            return
        }
        var position = 0
        user.automaton.forEachLeftmostLongestMatch(in: input) { match in
            if position < match.utf8Range.lowerBound {
                engine.convert(UnsafeBufferPointer(rebasing: input[position..<match.utf8Range.lowerBound]),
                               into: output, recorder: &recorder, pairsSeen: pairsSeen)
            }
            let value = user.value(match.value)
            output.append(value)
            recorder.record(source: match.utf8Range.count, target: value.count, linear: user.isAligned(match.value))
            position = match.utf8Range.upperBound
        }
        if position < input.count {
            engine.convert(UnsafeBufferPointer(rebasing: input[position...]), into: output, recorder: &recorder,
                           pairsSeen: pairsSeen)
        }
    }

    /// A stream that converts text arriving in chunks (see ``ConversionStream``).
    public func makeStream() -> ConversionStream {
        ConversionStream(converter: self)
    }
}

/// A converted text with the map from its offsets back to the input's.
public struct ConversionResult: Sendable, Hashable {
    /// The converted text.
    public var text: String
    /// UTF-8 offsets: source = the input, target = ``text``.
    public var offsets: OffsetMap
}
