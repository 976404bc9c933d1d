import ZhText

/// A user table named on the command line (a conversion dictionary, a recurrence table): read
/// whole, checked as UTF-8 and parsed, with every failure a data error that names the file, and
/// the line for a malformed entry (`path:line: reason`).
enum TableFile {
    static func load<Table>(_ path: String, parse: (String) throws(ZhTextError) -> Table) throws -> Table {
        var data: [UInt8] = []
        try InputReader(path: path).forEachPiece { piece, _ in data.append(contentsOf: piece) }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = data.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) } ?? 0
            throw CLIError(code: .dataError, message: "\(path): invalid UTF-8 at byte offset \(offset)")
        }
        do {
            return try parse(text)
        } catch {
            if error.kind == .invalidDictionaryEntry, let line = error.line {
                throw CLIError(code: .dataError, message: "\(path):\(line): \(error.reason ?? "")")
            }
            throw CLIError(code: .dataError, message: "\(path): \(error)")
        }
    }
}
