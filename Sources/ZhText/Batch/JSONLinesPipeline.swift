import ZhTextCore

/// A ``Pipeline`` over JSON Lines records: one `{"id":…,"text":…,…}` line in, one JSON line out.
///
/// This is what `zhtext pipeline --jsonl` runs for each line, and what a program that feeds
/// records from elsewhere (a queue, a database cursor, a Spark partition it reads itself) can
/// call directly:
///
/// ```swift
/// let batch = JSONLinesPipeline(pipeline: try Pipeline(), fields: [.text, .slogans], passedFields: ["date"])
/// let record = batch.process(#"{"id":7,"text":"坚持绿水青山就是金山银山。","date":"2024-03-05"}"#, lineNumber: 1)
/// // {"id":7,"line":1,"date":"2024-03-05","text":"…","slogans":[…]}
/// ```
///
/// A line that is not a JSON object with a string `"text"` member, or is not UTF-8, gives an
/// error record, `{"id","line","error"}` (the id when the line is an object that has one), with
/// ``Record/isError`` set: a bad record never stops a batch. Ranges in the output are UTF-8
/// byte offsets into the record's decoded `text`. The output of ``process(utf8:lineNumber:)-(UnsafeBufferPointer<UInt8>,_)``
/// depends only on the line, its number and the settings, so records can be processed on any
/// number of threads and written in input order.
public struct JSONLinesPipeline: Sendable {
    /// A result field of the output record.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// The cleaned (and converted) text.
        case text
        /// The sentences, as strings.
        case sentences
        /// The slogans: canonical form, kind, category, quoted, confidence and input range.
        case slogans
        /// The cleanup edits: step, kind, input range, original and replacement.
        case edits
        /// The words (when the pipeline segments words), with their input ranges.
        case words
    }

    /// A set of ``Field``s as bits, asked once per field of every record.
    package struct FieldMask: Sendable {
        var bits: UInt8 = 0

        init(_ fields: some Sequence<Field>) {
            for field in fields { bits |= Self.bit(field) }
        }

        /// The fields named in `names` (names that are no field are left out).
        package init(_ names: Set<String>) {
            self.init(names.compactMap(Field.init(rawValue:)))
        }

        static func bit(_ field: Field) -> UInt8 {
            switch field {
            case .text: 1
            case .sentences: 2
            case .slogans: 4
            case .edits: 8
            case .words: 16
            }
        }

        package func contains(_ field: Field) -> Bool { bits & Self.bit(field) != 0 }
    }

    /// One output record.
    public struct Record: Sendable, Hashable {
        /// The record as one line of JSON, line feed included.
        public var json: [UInt8]
        /// Whether it is an error record (the input line was not a usable record).
        public var isError: Bool
        /// The cleanup edits made, counted by `step/kind` (`mojibake/utf8-as-gbk`).
        public var editCounts: [String: Int]

        /// A record of `json`.
        public init(json: [UInt8], isError: Bool = false, editCounts: [String: Int] = [:]) {
            self.json = json
            self.isError = isError
            self.editCounts = editCounts
        }
    }

    /// The pipeline each record's text goes through.
    public var pipeline: Pipeline
    /// The result fields written, in the order of ``Field``'s cases.
    public var fields: Set<Field> { didSet { fieldMask = FieldMask(fields) } }
    /// `fields` as the writer asks for them (not rebuilt for every record).
    private var fieldMask: FieldMask
    /// Whether each output record carries `"line"`, the `lineNumber` it was given. Under Spark or
    /// Hadoop Streaming a process sees one partition, so its line numbers mislead: leave it out.
    public var writesLineNumbers: Bool
    /// Members of the input record copied to the output record (after `id` and `line`), error
    /// records included, as written (strings re-escaped, other values without whitespace).
    public var passedFields: [String]

    /// A batch runner over `pipeline` that writes `fields`.
    public init(pipeline: Pipeline, fields: Set<Field> = [.text, .sentences, .slogans],
                writesLineNumbers: Bool = true, passedFields: [String] = []) {
        self.pipeline = pipeline
        self.fields = fields
        self.fieldMask = FieldMask(fields)
        self.writesLineNumbers = writesLineNumbers
        self.passedFields = passedFields
    }

    /// The output record for one input line (without its line feed; a carriage return at its end
    /// is ignored).
    public func process(_ line: some StringProtocol, lineNumber: Int) -> Record {
        var line = String(line)
        return line.withUTF8 { process(utf8: $0, lineNumber: lineNumber) }
    }

    /// The output record for one input line given as bytes (not UTF-8: an error record).
    public func process(utf8 line: some Collection<UInt8>, lineNumber: Int) -> Record {
        if let record = line.withContiguousStorageIfAvailable({ process(utf8: $0, lineNumber: lineNumber) }) { return record }
        return Array(line).withUnsafeBufferPointer { process(utf8: $0, lineNumber: lineNumber) }
    }

    /// The output record for one input line given as a buffer of bytes.
    public func process(utf8 line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> Record {
        var line = line
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return errorRecord(lineNumber: lineNumber, message: "empty line") }
        if let offset = firstInvalidUTF8Offset(in: line) {
            return errorRecord(lineNumber: lineNumber, message: "invalid UTF-8 at byte offset \(offset) of the line")
        }
        let members: [JSONRecordReader.Member]
        switch JSONRecordReader.read(line) {
        case .notJSON:
            let shown = line.count > 40 ? String(decoding: line.prefix(40), as: UTF8.self) + "…" : String(decoding: line, as: UTF8.self)
            return errorRecord(lineNumber: lineNumber, message: "not JSON: \(shown)")
        case .notAnObject:
            return errorRecord(lineNumber: lineNumber, message: "not a JSON object")
        case .object(let found):
            members = found
        }
        guard let textMember = JSONRecordReader.member("text", in: members), textMember.isString else {
            let present = JSONRecordReader.member("text", in: members) != nil
            return errorRecord(lineNumber: lineNumber, message: present ? "\"text\" is not a string" : "no \"text\" field",
                               record: (line, members))
        }
        // Valid UTF-8 by construction (see decodeString), so the bytes go in as they are and
        // are not validated again: what run(_:) does with a String's, without two copies, a
        // String and a scan between.
        let result = pipeline.run(validUTF8: JSONRecordReader.decodeString(line, textMember.value))
        var editCounts: [String: Int] = [:]
        for edit in result.cleanup?.edits ?? [] {
            editCounts["\(edit.reason.step.rawValue)/\(edit.reason.kind)", default: 0] += 1
        }
        // The text and its sentences, each about the size of the record, and the slogans and
        // edits: 2.2 times the record on news. Growing the buffer once copied it all again.
        let json = RecordBuffer.array(estimatedCount: line.count * 5 / 2 + 1024) { out in
            out.append(literal: "{\"id\":")
            if let id = JSONRecordReader.member("id", in: members) {
                PipelineJSON.appendJSONValue(id, in: line, to: &out)
            } else {
                out.append(literal: "null")
            }
            if writesLineNumbers {
                out.append(literal: ",\"line\":")
                out.append(decimal: lineNumber)
            }
            appendPassedFields(members, in: line, to: &out)
            PipelineJSON.appendFields(result, fields: fieldMask, to: &out)
            out.append(literal: "}\n")
        }
        return Record(json: json, editCounts: editCounts)
    }

    /// An error record for line `lineNumber`: `{"id","line","error"}` plus the passed fields,
    /// where the line was a JSON object (else no id); `line` unless left out.
    package func errorRecord(
        lineNumber: Int, message: String, record: (line: UnsafeBufferPointer<UInt8>, members: [JSONRecordReader.Member])? = nil
    ) -> Record {
        var out: [UInt8] = []
        out.append("{")
        if let record, let id = JSONRecordReader.member("id", in: record.members) {
            out.append("\"id\":")
            PipelineJSON.appendJSONValue(id, in: record.line, to: &out)
            out.append(",")
        }
        if writesLineNumbers {
            out.append("\"line\":")
            out.append(decimal: lineNumber)
            out.append(",")
        }
        out.append("\"error\":")
        JSONWriter.appendString(message, to: &out)
        if let record { appendPassedFields(record.members, in: record.line, to: &out) }
        out.append("}\n")
        return Record(json: out, isError: true)
    }

    /// The passed fields the record has, each preceded by a comma.
    func appendPassedFields(_ members: [JSONRecordReader.Member], in line: UnsafeBufferPointer<UInt8>, to out: inout some ByteAppending) {
        for name in passedFields {
            guard let member = JSONRecordReader.member(name, in: members) else { continue }
            out.append(",")
            JSONWriter.appendString(name, to: &out)
            out.append(":")
            PipelineJSON.appendJSONValue(member, in: line, to: &out)
        }
    }
}
