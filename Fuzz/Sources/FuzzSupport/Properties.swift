import Foundation
import ZhText

// One function per fuzz target: each runs a public entry point on the input and checks what
// must hold for any input. They live here, not in the executables, so that a test can run the
// same checks over the committed seed corpora without libFuzzer.

/// `Cleaner.clean(utf8:)`: the edit log rebuilds the input byte for byte; edits are in order,
/// inside the input, and the offset map spans input and output.
public func fuzzCleaner(_ data: UnsafeRawBufferPointer) {
    var input = FuzzInput(data)
    let flags = input.byte()
    let bytes = input.rest
    var steps = Cleaner.Options.defaultSteps
    if flags & 1 != 0 { steps.insert(.spinning) }
    if flags & 2 != 0 { steps.remove(.mojibake) }
    if flags & 4 != 0 { steps.insert(.closingQuotes) }
    let result = Cleaner(options: .init(steps: steps)).clean(utf8: bytes)
    check(result.reconstructedInputBytes() == bytes, "reconstruction differs from the input")
    check(result.offsets.sourceLength == bytes.count, "offset map source \(result.offsets.sourceLength) ≠ \(bytes.count)")
    check(result.offsets.targetLength == result.text.utf8.count, "offset map target ≠ text length")
    var previous = 0
    for edit in result.edits {
        check(edit.inputRange.lowerBound >= previous && edit.inputRange.upperBound <= bytes.count, "edit out of order or range")
        check(edit.outputRange.upperBound <= result.text.utf8.count, "edit output range beyond the text")
        previous = edit.inputRange.upperBound
    }
    for finding in result.findings { check(finding.inputRange.upperBound <= bytes.count, "finding beyond the input") }
    check(result.findings.count <= Cleaner.maxFindings, "more findings than the cap")
}

/// `ScriptConverter`, every configuration: the stream, fed in odd-sized chunks, equals the whole;
/// the offset map spans input and output; strict mode throws exactly when the input is not UTF-8.
public func fuzzConverter(_ data: UnsafeRawBufferPointer) {
    var input = FuzzInput(data)
    let all = ScriptConverter.Configuration.allCases
    let configuration = all[Int(input.byte()) % all.count]
    let sizes = input.byte()
    let bytes = input.rest
    guard let converter = try? ScriptConverter(configuration) else { return check(false, "\(configuration) did not build") }
    let valid = String(validating: bytes, as: UTF8.self)
    let whole: String
    do {
        whole = try converter.convert(utf8: bytes, mode: .strict)
        check(valid != nil, "strict mode accepted invalid UTF-8")
    } catch {
        check(valid == nil, "strict mode rejected valid UTF-8: \(error)")
        whole = (try? converter.convert(utf8: bytes, mode: .lossy)) ?? ""
    }
    var stream = converter.makeStream()
    var streamed = ""
    do {
        for chunk in chunks(of: bytes, sizes: sizes) { streamed += try stream.convert(chunk: chunk, mode: .lossy) }
        streamed += try stream.finish(mode: .lossy)
    } catch {
        check(false, "lossy stream threw \(error)")
    }
    check(streamed == whole, "stream ≠ whole for \(configuration)")
    if let valid {
        let result = converter.convertWithOffsets(valid)
        check(result.text == whole, "convertWithOffsets text ≠ convert")
        check(result.offsets.sourceLength == bytes.count && result.offsets.targetLength == whole.utf8.count,
              "offset map does not span input and output")
    }
}

/// `SentenceSegmenter`: sentences are in order, do not overlap and lie inside the text; the
/// stream gives the same sentences.
public func fuzzSentences(_ data: UnsafeRawBufferPointer) {
    var input = FuzzInput(data)
    let flags = input.byte()
    let text = String(decoding: input.rest, as: UTF8.self)
    let segmenter = SentenceSegmenter(options: .init(splitsClauses: flags & 1 != 0))
    let sentences = segmenter.sentences(in: text)
    var previous = 0
    for sentence in sentences {
        check(sentence.utf8Range.lowerBound >= previous && sentence.utf8Range.upperBound <= text.utf8.count,
              "sentence \(sentence.utf8Range) out of order or range")
        check(!sentence.utf8Range.isEmpty, "empty sentence")
        for clause in sentence.clauses {
            check(clause.lowerBound >= sentence.utf8Range.lowerBound && clause.upperBound <= sentence.utf8Range.upperBound,
                  "clause outside its sentence")
        }
        previous = sentence.utf8Range.upperBound
    }
}

/// `SloganMatcher`: matches are in order, inside the text, and their text is the text there.
public func fuzzSlogans(_ data: UnsafeRawBufferPointer) {
    let text = String(decoding: Array(data), as: UTF8.self)
    guard let matcher = try? SloganMatcher(), let everything = try? SloganMatcher(minimumConfidence: 0)
    else { return check(false, "built-in lexicon did not build") }
    let bytes = Array(text.utf8)
    let all = everything.matches(in: text)
    for match in matcher.matches(in: text) {
        check(match.utf8Range.upperBound <= bytes.count, "match beyond the text")
        check(String(decoding: bytes[match.utf8Range], as: UTF8.self) == match.text, "match text ≠ text at its range")
        check(!match.canonical.isEmpty, "empty canonical form")
        check(match.confidence >= SloganMatcher.defaultMinimumConfidence && match.confidence <= 1, "confidence out of range")
    }
    for match in all { check(match.confidence >= 0 && match.confidence <= 1, "candidate confidence out of range") }
    Array(data).withUnsafeBufferPointer { raw in
        matcher.forEachMatch(inUTF8: raw) { match in check(match.utf8Range.upperBound <= raw.count, "raw match beyond the input") }
    }
}

/// `Pipeline.run(utf8:)` with conversion: every range points inside the raw input or the text.
/// With flag 4, `JSONLinesPipeline` on the input as a record: one line of JSON whatever the bytes.
public func fuzzPipeline(_ data: UnsafeRawBufferPointer) {
    var input = FuzzInput(data)
    let flags = input.byte()
    let bytes = input.rest
    let configuration = Pipeline.Configuration(conversion: flags & 1 != 0 ? .t2s : (flags & 2 != 0 ? .s2twp : nil))
    guard let pipeline = try? Pipeline(configuration) else { return check(false, "pipeline did not build") }
    if flags & 4 != 0 {
        // The input as one JSON Lines record: any bytes give exactly one line, a JSON object,
        // with the text when it is not an error record and the error when it is.
        let record = JSONLinesPipeline(pipeline: pipeline, fields: Set(JSONLinesPipeline.Field.allCases), passedFields: ["a"])
            .process(utf8: bytes, lineNumber: 1)
        check(record.json.last == 0x0A && record.json.dropLast().firstIndex(of: 0x0A) == nil, "not one line")
        let object = try? JSONSerialization.jsonObject(with: Data(record.json)) as? [String: Any]
        check(object != nil, "record is not a JSON object")
        check(object?[record.isError ? "error" : "text"] is String, "record has no \(record.isError ? "error" : "text")")
        // Invalid UTF-8 is reported where the standard library's decoder first fails (the
        // batch path's own vector validation must agree), and only then.
        var line = Array(bytes)
        if line.last == 0x0D { line.removeLast() }
        var iterator = line.makeIterator(), decoder = UTF8(), offset = 0, invalidAt: Int? = nil
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break decoding
            case .error: invalidAt = offset; break decoding
            }
        }
        let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        let error = object?["error"] as? String ?? ""
        if let invalidAt, !blank {
            check(error == "invalid UTF-8 at byte offset \(invalidAt) of the line", "invalid UTF-8 at \(invalidAt), error: \(error)")
        } else {
            check(!error.hasPrefix("invalid UTF-8"), "valid UTF-8 reported invalid: \(error)")
        }
        return
    }
    let result = pipeline.run(utf8: bytes)
    let length = result.text.utf8.count
    check(result.offsets.sourceLength == bytes.count && result.offsets.targetLength == length, "offsets do not span")
    for sentence in result.sentences {
        check(sentence.value.utf8Range.upperBound <= length, "sentence beyond the text")
        check(sentence.inputRange.upperBound <= bytes.count, "sentence input range beyond the input")
    }
    for slogan in result.slogans {
        check(slogan.value.utf8Range.upperBound <= length, "slogan beyond the text")
        check(slogan.inputRange.upperBound <= bytes.count, "slogan input range beyond the input")
    }
    if let cleanup = result.cleanup { check(cleanup.reconstructedInputBytes() == bytes, "cleanup does not rebuild the input") }
}

/// `DictionaryAutomaton(serialized:)`: corrupt bytes throw or load an automaton that searches
/// without crashing; keys taken from the input build an automaton whose bytes load back equal
/// and whose matches are keys.
public func fuzzAutomaton(_ data: UnsafeRawBufferPointer) {
    let bytes = Array(data)
    if let loaded = try? DictionaryAutomaton(serialized: bytes) {
        loaded.forEachLeftmostLongestMatch(in: "全面推进生态文明建设abc") { match in
            check(match.utf8Range.upperBound <= 33, "match beyond the text")
        }
        bytes.withUnsafeBufferPointer { loaded.forEachLeftmostLongestMatch(in: $0) { check($0.utf8Range.upperBound <= bytes.count, "match beyond the input") } }
    }
    // One input in four also builds: the input's lines as keys (the first byte picks the
    // alphabet). Building costs far more than a rejected load, so most runs go to loading.
    guard let flags = bytes.first, flags & 6 == 0 else { return }
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let keys = Array(Set(text.split(separator: "\n").prefix(64).map(String.init)))
    guard !keys.isEmpty else { return }
    var builder = AutomatonBuilder(alphabet: flags & 1 == 0 ? .unicodeScalars : .bytes)
    for (index, key) in keys.enumerated() { builder.add(key, value: Int32(index)) }
    guard let automaton = try? builder.build() else { return }
    let serialized = automaton.serialized()
    guard let again = try? DictionaryAutomaton(serialized: serialized) else { return check(false, "own bytes did not load") }
    check(again.serialized() == serialized, "serialization does not round-trip")
    for (index, key) in keys.enumerated() { check(again.value(forKey: key) == Int32(index), "key \(index) lost") }
    let utf8 = Array(text.utf8)
    again.forEachLeftmostLongestMatch(in: text) { match in
        check(match.utf8Range.upperBound <= utf8.count, "match beyond the text")
        check(String(decoding: utf8[match.utf8Range], as: UTF8.self) == keys[Int(match.value)], "match is not its key")
    }
}

/// `Tokenizer`: tokens tile the input from its first byte to its last, bytes or string.
public func fuzzTokenizer(_ data: UnsafeRawBufferPointer) {
    let bytes = Array(data)
    var end = 0, scalars = 0
    Tokenizer().forEachToken(in: bytes) { token in
        check(token.utf8Range.lowerBound == end && !token.utf8Range.isEmpty, "tokens do not tile at \(end)")
        check(token.scalarRange.lowerBound == scalars, "scalar ranges do not tile")
        end = token.utf8Range.upperBound
        scalars = token.scalarRange.upperBound
    }
    check(end == bytes.count, "tokens end at \(end), input at \(bytes.count)")
    let text = String(decoding: bytes, as: UTF8.self)
    var textEnd = 0
    Tokenizer().forEachToken(in: text) { token in
        check(token.utf8Range.lowerBound == textEnd, "string tokens do not tile")
        textEnd = token.utf8Range.upperBound
    }
    check(textEnd == text.utf8.count, "string tokens do not reach the end")
}

/// `SloganLexicon(tsv:)` and `ScriptConverter.userDictionary(tsv:)`: malformed text throws or
/// is skipped with its line; what parses builds a matcher or converter, or throws, and works.
public func fuzzDictionaries(_ data: UnsafeRawBufferPointer) {
    let text = String(decoding: Array(data), as: UTF8.self)
    // Lines as the parsers count them: at every line feed (a CRLF is one Character in Swift).
    let lines = text.unicodeScalars.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
    if let lexicon = try? SloganLexicon(tsv: text) {
        for skipped in lexicon.skippedLines { check(skipped.line >= 1 && skipped.line <= lines, "skipped line out of range") }
        if let matcher = try? SloganMatcher(lexicon: lexicon) {
            for match in matcher.matches(in: text) { check(match.utf8Range.upperBound <= text.utf8.count, "match beyond the text") }
        }
    }
    _ = try? SloganLexicon(tsv: text, strict: true)
    // A recurrence table: parses, or fails with a line inside the text; a parsed one scores
    // candidates within 0...1.
    do {
        let table = try SloganRecurrence(tsv: text)
        check(table.count <= lines, "more keys than lines")
        if let matcher = try? SloganMatcher(recurrence: table, minimumConfidence: 0) {
            for match in matcher.matches(in: text) { check(match.confidence >= 0 && match.confidence <= 1, "confidence out of range") }
        }
    } catch {
        if error.kind == .invalidDictionaryEntry, let line = error.line {
            check(line >= 1 && line <= lines, "recurrence error line \(line) out of range")
        } else {
            check(false, "recurrence table failed with \(error)")
        }
    }
    do {
        let pairs = try ScriptConverter.userDictionary(tsv: text)
        if let converter = try? ScriptConverter(.s2t, userDictionary: pairs) {
            let converted = converter.convertWithOffsets(text)
            check(converted.offsets.sourceLength == text.utf8.count, "offsets do not span the input")
        }
    } catch {
        if error.kind == .invalidDictionaryEntry, let line = error.line {
            check(line >= 1 && line <= lines, "error line \(line) out of range")
        }
    }
}

/// `WordSegmenter` in every mode: words lie inside the input with matching byte and scalar
/// ranges, accurate words tile the input (invalid bytes included), the stream fed at character
/// boundaries equals the whole; a jieba user dictionary read from the input parses or fails
/// with a line number, and a segmenter built from it obeys the same rules.
public func fuzzWords(_ data: UnsafeRawBufferPointer) {
    var input = FuzzInput(data)
    let flags = input.byte()
    let sizes = input.byte()
    var bytes = input.rest
    let modes = WordSegmenter.Mode.allCases
    let mode = modes[Int(flags) % modes.count]
    var dictionary = WordDictionary()
    if flags & 0x80 != 0, let split = bytes.firstIndex(of: 0) {
        // The bytes before the first NUL are a user dictionary (at most 64 lines).
        let text = Array(bytes[..<split])
        bytes = Array(bytes[(split + 1)...])
        let lines = text.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        do {
            let parsed = try WordDictionary(jiebaFormat: text)
            dictionary = try WordDictionary(entries: Array(parsed.entries.prefix(64)))
        } catch {
            if error.kind == .invalidDictionaryEntry, let line = error.line {
                check(line >= 0 && line <= lines, "dictionary error line \(line) out of range")
            }
        }
    }
    guard let segmenter = try? WordSegmenter(mode: mode, usesHMM: flags & 0x40 == 0, dictionary: dictionary) else {
        return check(false, "the segmenter did not build")
    }
    let whole = segmenter.words(inUTF8: bytes)
    var end = 0
    for word in whole {
        check(word.utf8Range.upperBound <= bytes.count, "word beyond the input")
        if mode == .accurate {
            check(word.utf8Range.lowerBound == end && !word.utf8Range.isEmpty, "accurate words do not tile the input")
            end = word.utf8Range.upperBound
        }
    }
    if mode == .accurate { check(end == bytes.count, "accurate words end at \(end) of \(bytes.count)") }
    if let text = String(validating: bytes, as: UTF8.self) {
        let scalars = Array(text.unicodeScalars)
        for word in whole {
            check(word.scalarRange.upperBound <= scalars.count, "scalar range beyond the input")
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[word.scalarRange])
            check(Array(String(view).utf8) == Array(bytes[word.utf8Range]), "byte and scalar ranges name different text")
        }
    }
    // The stream, fed pieces that end at character boundaries.
    var stream = segmenter.makeStream()
    var streamed: [Word] = []
    var pending: [UInt8] = []
    for chunk in chunks(of: bytes, sizes: sizes) {
        pending += chunk
        // Feed all but a last character that the chunk cut short; it waits for its other bytes.
        var feedCount = pending.count
        if let lead = pending.lastIndex(where: { $0 & 0xC0 != 0x80 }) {
            let b = pending[lead]
            let width = b >= 0xF8 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if pending.count - lead < width { feedCount = lead }
        }
        pending.withUnsafeBufferPointer { stream.feed(UnsafeBufferPointer(rebasing: $0[..<feedCount])) { streamed.append($0) } }
        pending.removeFirst(feedCount)
    }
    pending.withUnsafeBufferPointer { stream.feed($0) { streamed.append($0) } }
    stream.finish { streamed.append($0) }
    check(streamed == whole, "stream ≠ whole (\(streamed.count) vs \(whole.count) words)")
}
