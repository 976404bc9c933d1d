import ZhText

/// A document too large to hold, run through the pipeline piece by piece (pieces from
/// `DocumentPieceCutter`) and written as it goes, with the same output as the whole document:
/// sentences go straight out, while what is printed after them (the slogans line; in JSON the
/// fields after "text") waits in spill buffers that move to a temporary file past a megabyte.
struct StreamedDocument {
    let name: String
    let asJSON: Bool
    let withHeader: Bool
    let fields: Set<String>
    private var state = CleanupDocumentState()
    private var inputOffset = 0
    private var started = false
    private(set) var skipped = false
    private var warnedInvalid = false
    private var sentences = SpillBuffer(), slogans = SpillBuffer(), edits = SpillBuffer(), words = SpillBuffer()
    private var firstSentence = true, firstSlogan = true, firstEdit = true, firstWord = true

    init(name: String, asJSON: Bool, withHeader: Bool, fields: Set<String>) {
        self.name = name
        self.asJSON = asJSON
        self.withHeader = withHeader
        self.fields = fields
    }

    mutating func add(_ piece: [UInt8], isLast: Bool, pipeline: Pipeline, summary: inout PipelineSummary) throws {
        guard !skipped else { return }
        if !started {
            started = true
            // The first piece holds the first 64 KB: the same checks as for a whole document.
            if let nul = piece.prefix(1 << 16).firstIndex(of: 0) {
                Standard.error("zhtext: \(name): binary data (NUL byte at offset \(nul)), skipped")
                skipped = true
                return
            }
            begin()
        }
        // One warning a document, at the first invalid byte, as for a document read whole.
        if !warnedInvalid, let offset = piece.withUnsafeBufferPointer({ firstInvalidUTF8Offset(in: $0) }) {
            warnedInvalid = true
            Standard.error("zhtext: warning: \(name): invalid UTF-8 at byte offset \(inputOffset + offset); "
                + (pipeline.configuration.cleanup == nil ? "replaced with U+FFFD" : "decoded as GB 18030/Big5 or replaced with U+FFFD"))
        }
        let result = pipeline.run(piece: piece, state: &state, isLast: isLast)
        for edit in result.cleanup?.edits ?? [] {
            summary.edits["\(edit.reason.step.rawValue)/\(edit.reason.kind)", default: 0] += 1
        }
        if asJSON {
            if fields.contains("text") {
                var text = result.text
                text.withUTF8 { JSONWriter.appendStringContents($0, to: &Standard.output) }
            }
            if fields.contains("sentences") { PipelineJSON.appendSentences(result, to: &sentences, first: &firstSentence) }
            if fields.contains("slogans") {
                PipelineJSON.appendSlogans(result, inputOffset: inputOffset, to: &slogans, first: &firstSlogan)
            }
            if fields.contains("edits") { PipelineJSON.appendEdits(result, inputOffset: inputOffset, to: &edits, first: &firstEdit) }
            // A piece ends at a line break, which no word crosses: the pieces' words are the document's.
            if fields.contains("words") { PipelineJSON.appendWords(result, inputOffset: inputOffset, to: &words, first: &firstWord) }
        } else {
            PipelineRunner.appendPlainSentences(result, isLast: isLast, to: &Standard.output)
            for slogan in result.slogans {
                if !firstSlogan { slogans.append("、") }
                firstSlogan = false
                slogans.append("\(slogan.value.canonical) (\(slogan.value.kind.rawValue))")
            }
        }
        inputOffset += piece.count
        if isLast { try end() }
    }

    private func begin() {
        if asJSON {
            Standard.output.append("{\"file\":")
            JSONWriter.appendString(name, to: &Standard.output)
            if fields.contains("text") { Standard.output.append(",\"text\":\"") }
        } else if withHeader {
            Standard.output.append("==> \(name) <==\n")
        }
    }

    private func end() throws {
        guard asJSON else {
            if !slogans.isEmpty {
                Standard.output.append("# slogans: ")
                try slogans.drain(into: &Standard.output)
                Standard.output.append("\n")
            }
            return
        }
        if fields.contains("text") { Standard.output.append("\"") }
        for (field, buffer) in [("sentences", sentences), ("slogans", slogans), ("edits", edits), ("words", words)]
        where fields.contains(field) {
            Standard.output.append(",\"\(field)\":[")
            try buffer.drain(into: &Standard.output)
            Standard.output.append("]")
        }
        Standard.output.append("}\n")
    }
}
