import Foundation
import Testing
@testable import zhtext
import ZhText
import ZhTextTestSupport

/// Batch mode's JSON reader against Python's `json` (the fixture, made by
/// `Scripts/make-json-fixtures`) and against `JSONSerialization`, which it replaced.
@Suite struct JSONRecordReaderTests {
    func read(_ line: String) -> (JSONRecordReader.Outcome, [UInt8]) {
        let bytes = Array(line.utf8)
        return (bytes.withUnsafeBufferPointer { JSONRecordReader.read($0) }, bytes)
    }

    /// The text member decoded, or why there is none.
    func text(_ outcome: JSONRecordReader.Outcome, _ bytes: [UInt8]) -> String? {
        guard case .object(let members) = outcome, let member = JSONRecordReader.member("text", in: members), member.isString
        else { return nil }
        return bytes.withUnsafeBufferPointer { String(decoding: JSONRecordReader.decodeString($0, member.value), as: UTF8.self) }
    }

    /// The id as batch mode writes it, read back as a Foundation value.
    func id(_ outcome: JSONRecordReader.Outcome, _ bytes: [UInt8]) throws -> NSObject? {
        guard case .object(let members) = outcome, let member = JSONRecordReader.member("id", in: members) else { return nil }
        var written: [UInt8] = []
        bytes.withUnsafeBufferPointer { PipelineJSON.appendJSONValue(member, in: $0, to: &written) }
        // Non-ASCII written as escapes before Foundation reads it back: JSONSerialization drops a
        // raw U+FEFF inside a string (as a byte order mark), an escaped one it keeps.
        var escaped = ""
        for scalar in String(decoding: written, as: UTF8.self).unicodeScalars {
            if scalar.isASCII { escaped.unicodeScalars.append(scalar); continue }
            for unit in String(scalar).utf16 { escaped += String(format: "\\u%04x", unit) }
        }
        return try JSONSerialization.jsonObject(with: Data(escaped.utf8), options: [.fragmentsAllowed]) as? NSObject
    }

    @Test func agreesWithPythonOnEveryFixtureRecord() throws {
        let directory = fixtures.appendingPathComponent("json")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(!files.isEmpty)
        let rows = try files.flatMap { file in
            try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
        }
        #expect(rows.count >= 1_000)
        var verdicts: [String: Int] = [:]
        for (n, row) in rows.enumerated() {
            let line = row["line"] as! String
            let (outcome, bytes) = read(line)
            let verdict = row["verdict"] as! String
            verdicts[verdict, default: 0] += 1
            switch verdict {
            case "invalid": #expect(outcome == .notJSON, "row \(n): \(line)")
            case "array": #expect(outcome == .notAnObject, "row \(n): \(line)")
            default:
                guard case .object = outcome else {
                    Issue.record("row \(n): not read as an object: \(line)")
                    continue
                }
                #expect(text(outcome, bytes) == row["text"] as? String, "row \(n): \(line)")
                let kind = row["text_kind"] as! String
                let member = { () -> JSONRecordReader.Member? in
                    if case .object(let members) = outcome { return JSONRecordReader.member("text", in: members) }
                    return nil
                }()
                #expect((member == nil) == (kind == "missing") && (member?.isString ?? false) == (kind == "string"), "row \(n)")
                if let expected = row["id"] as? String {
                    let value = try JSONSerialization.jsonObject(with: Data(expected.utf8), options: [.fragmentsAllowed]) as? NSObject
                    #expect(try id(outcome, bytes) == value, "row \(n): \(line)")
                } else {
                    #expect(try id(outcome, bytes) == nil, "row \(n)")
                }
            }
        }
        // The fixture exercises every verdict.
        #expect(verdicts["object", default: 0] > 500 && verdicts["invalid", default: 0] > 100 && verdicts["array", default: 0] > 0)
    }

    /// Random damage to records (the reader lives in the command-line module, which the libFuzzer
    /// package cannot reach, so this is its fuzzing): the reader says JSON exactly where
    /// `JSONSerialization` does, and reads the same text and id.
    @Test func agreesWithJSONSerializationOnDamagedRecords() throws {
        var rng = SplitMix64(seed: 0x5EED_0152)
        let pieces = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud83d\\ude00", "\\ud800", "\\n", "0", "-", "1.5e3",
                      "true", "null", " ", "\t", "\"text\"", "\"id\"", "中文", "\u{1F600}", "x", "e", "."]
        let base = #"{"id": 12, "text": "推进\"生态\"文明\\建设\n", "meta": [1, {"a": null}, -0.5e-3]}"#
        var agreed = 0, trailingCommas = 0, hugeNumbers = 0
        for round in 0..<40_000 {
            var line = Array(base.utf8)
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                let at = Int.random(in: 0...line.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0 where at < line.count: line.remove(at: at)
                case 1, 2: line.insert(contentsOf: Array(pieces.randomElement(using: &rng)!.utf8), at: at)
                case 3: line.insert(UInt8.random(in: 0...0x7F, using: &rng), at: at)
                default: line = Array(line.prefix(at))
                }
            }
            guard let string = String(validating: line, as: UTF8.self) else { continue }
            let (outcome, bytes) = read(string)
            let reference = try? JSONSerialization.jsonObject(with: Data(line), options: [])
            // Two deliberate differences, both where Foundation leaves RFC 8259 (Python agrees
            // with the reader): a trailing comma, which Foundation accepts and the reader does
            // not; a number beyond a Double, which Foundation refuses and the reader copies.
            if reference != nil, outcome == .notJSON, hasTrailingComma(line) {
                trailingCommas += 1
                continue
            }
            if reference == nil, outcome != .notJSON, hasHugeNumber(line) {
                hugeNumbers += 1
                continue
            }
            switch reference {
            case let object as [String: Any]:
                guard case .object = outcome else {
                    Issue.record("round \(round): JSONSerialization reads an object: \(string)")
                    continue
                }
                #expect(text(outcome, bytes) == object["text"] as? String, "round \(round): \(string)")
                if let expected = object["id"] as? NSObject, !(expected is NSNull), !"\(expected)".contains("\u{FEFF}") {
                    #expect(try id(outcome, bytes) == expected, "round \(round): \(string)")
                }
            case is [Any]: #expect(outcome == .notAnObject, "round \(round): \(string)")
            default: #expect(outcome == .notJSON, "round \(round): \(string)")
            }
            agreed += 1
        }
        #expect(agreed > 25_000)
        #expect(trailingCommas > 0 && hugeNumbers > 0 && trailingCommas + hugeNumbers < 2_000, "\(trailingCommas) \(hugeNumbers)")
    }

    /// A comma followed (after whitespace) by `]` or `}`, outside strings.
    func hasTrailingComma(_ line: [UInt8]) -> Bool {
        var inString = false, escaped = false, afterComma = false
        for b in line {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if b == UInt8(ascii: "]") || b == UInt8(ascii: "}"), afterComma { return true }
            if b == UInt8(ascii: "\"") { inString = true }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            afterComma = b == UInt8(ascii: ",")
        }
        return false
    }

    /// An exponent of three digits or more outside strings (beyond a Double).
    func hasHugeNumber(_ line: [UInt8]) -> Bool {
        var inString = false, escaped = false
        for (k, b) in line.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if b == UInt8(ascii: "\"") { inString = true }
            if b | 0x20 == UInt8(ascii: "e"), k + 3 < line.count,
               line[(k + 1)...].prefix(4).drop(while: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }).prefix(3)
                .allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) { return true }
        }
        return false
    }
}
