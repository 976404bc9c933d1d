/// How batch and JSON output write a record's parts: the results of ``Pipeline`` and the
/// members copied from the input record.
package enum PipelineJSON {
    /// A member's value as the output writes it: a string decoded and written again (so its
    /// escapes are the writer's), anything else copied without its whitespace (so a carriage
    /// return between tokens cannot split the record for a line reader).
    package static func appendJSONValue(_ member: JSONRecordReader.Member, in line: UnsafeBufferPointer<UInt8>, to out: inout some ByteAppending) {
        if member.isString {
            let contents = JSONRecordReader.decodeString(line, member.value)
            contents.withUnsafeBufferPointer { JSONWriter.appendString($0, to: &out) }
            return
        }
        var inString = false, escaped = false
        for k in member.value {
            let b = line[k]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                continue
            }
            out.append(byte: b)
        }
    }

    /// The requested result fields, each preceded by a comma.
    package static func appendFields(_ result: PipelineResult, fields: Set<String>, to out: inout some ByteAppending) {
        appendFields(result, fields: JSONLinesPipeline.FieldMask(fields), to: &out)
    }

    /// The fields in `fields`, each preceded by a comma (a mask, not a set of names: five
    /// hashed lookups were a record's largest fixed cost after allocation).
    package static func appendFields<Out: ByteAppending>(_ result: PipelineResult, fields: JSONLinesPipeline.FieldMask, to out: inout Out) {
        // Where the text needed escapes: a sentence holding none is then copied as it is,
        // without a second scan (a sentence is a piece of the text).
        var escapes: [Int]? = nil
        if fields.contains(.text) {
            out.append(literal: ",\"text\":\"")
            var text = result.text, found: [Int] = []
            text.withUTF8 { JSONWriter.appendStringContents($0, to: &out) { found.append($0) } }
            out.append(byte: 0x22)
            escapes = found
        }
        // Each array field: its name, then its elements (a comma before each but the first).
        func array(_ field: JSONLinesPipeline.Field, _ elements: (inout Out, inout Bool) -> Void) {
            guard fields.contains(field) else { return }
            out.append(",\"\(field.rawValue)\":[")
            var first = true
            elements(&out, &first)
            out.append(byte: 0x5D)
        }
        array(.sentences) { appendSentences(result, escapes: escapes, to: &$0, first: &$1) }
        array(.slogans) { appendSlogans(result, inputOffset: 0, to: &$0, first: &$1) }
        array(.edits) { appendEdits(result, inputOffset: 0, to: &$0, first: &$1) }
        array(.words) { appendWords(result, inputOffset: 0, to: &$0, first: &$1) }
    }

    /// The words of `result` as JSON array elements `{"text","input":[start,end]}`, their input
    /// ranges moved by `inputOffset`.
    package static func appendWords(_ result: PipelineResult, inputOffset: Int, to out: inout some ByteAppending, first: inout Bool) {
        var text = result.text
        text.withUTF8 { text in
            for word in result.words {
                if !first { out.append(byte: 0x2C) }
                first = false
                out.append(literal: "{\"text\":")
                JSONWriter.appendString(UnsafeBufferPointer(rebasing: text[word.value.utf8Range]), to: &out)
                appendInputRange(word.inputRange, moved: inputOffset, to: &out)
                out.append(byte: 0x7D)
            }
        }
    }

    /// The sentences of `result` as JSON array elements (a comma before each but the very first).
    /// `escapes`, when given, are the offsets in the text of every byte that needs an escape, in
    /// order: a sentence that holds none is copied without being scanned.
    package static func appendSentences(
        _ result: PipelineResult, escapes: [Int]? = nil, to out: inout some ByteAppending, first: inout Bool
    ) {
        var text = result.text
        text.withUTF8 { text in
            var k = 0
            for sentence in result.sentences {
                if !first { out.append(byte: 0x2C) }
                first = false
                let range = sentence.value.utf8Range
                let bytes = UnsafeBufferPointer(rebasing: text[range])
                if let escapes {
                    while k < escapes.count, escapes[k] < range.lowerBound { k += 1 }
                    if k == escapes.count || escapes[k] >= range.upperBound {
                        out.append(byte: 0x22)
                        out.append(bytes: bytes)
                        out.append(byte: 0x22)
                        continue
                    }
                }
                JSONWriter.appendString(bytes, to: &out)
            }
        }
    }

    /// The slogans of `result` as JSON array elements, their input ranges moved by `inputOffset`.
    package static func appendSlogans(_ result: PipelineResult, inputOffset: Int, to out: inout some ByteAppending, first: inout Bool) {
        for slogan in result.slogans {
            if !first { out.append(byte: 0x2C) }
            first = false
            out.append(literal: "{\"canonical\":")
            JSONWriter.appendString(slogan.value.canonical, to: &out)
            out.append(literal: ",\"kind\":\"")
            out.append(slogan.value.kind.rawValue)
            out.append(byte: 0x22)
            if let category = slogan.value.category {
                out.append(literal: ",\"category\":")
                JSONWriter.appendString(category, to: &out)
            }
            out.append(literal: slogan.value.isQuoted ? ",\"quoted\":true,\"confidence\":" : ",\"quoted\":false,\"confidence\":")
            out.append(fixedPoint: slogan.value.confidence)
            appendInputRange(slogan.inputRange, moved: inputOffset, to: &out)
            out.append(byte: 0x7D)
        }
    }

    /// The cleanup edits of `result` as JSON array elements, their input ranges moved by `inputOffset`.
    package static func appendEdits(_ result: PipelineResult, inputOffset: Int, to out: inout some ByteAppending, first: inout Bool) {
        for edit in result.cleanup?.edits ?? [] {
            if !first { out.append(byte: 0x2C) }
            first = false
            out.append("{\"step\":\"\(edit.reason.step.rawValue)\",\"kind\":\"\(edit.reason.kind)\"")
            appendInputRange(edit.inputRange, moved: inputOffset, to: &out)
            out.append(literal: ",\"original\":")
            JSONWriter.appendString(edit.original, to: &out)
            out.append(literal: ",\"replacement\":")
            JSONWriter.appendString(edit.replacement, to: &out)
            out.append("}")
        }
    }

    /// `,"input":[start,end]` for `range` moved by `offset`.
    package static func appendInputRange(_ range: Range<Int>, moved offset: Int, to out: inout some ByteAppending) {
        out.append(literal: ",\"input\":[")
        out.append(decimal: offset + range.lowerBound)
        out.append(byte: 0x2C)
        out.append(decimal: offset + range.upperBound)
        out.append(byte: 0x5D)
    }
}
