#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ZhText

/// Bytes kept for later output: in memory up to a megabyte, then in an unnamed temporary file,
/// so that a field written after a streamed document's text (its sentences, slogans, edits)
/// costs disk, not memory.
final class SpillBuffer: ByteAppending {
    private var memory: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private var writeFailed = false
    static let memoryLimit = 1 << 20

    var isEmpty: Bool { memory.isEmpty && file == nil }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    func append(byte: UInt8) {
        memory.append(byte)
        if memory.count >= Self.memoryLimit { spill() }
    }

    func append(bytes: UnsafeBufferPointer<UInt8>) {
        memory.append(contentsOf: bytes)
        if memory.count >= Self.memoryLimit { spill() }
    }

    private func spill() {
        if file == nil {
            guard let opened = tmpfile() else { return }  // no temporary file: stay in memory
            file = opened
        }
        let written = memory.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != memory.count { writeFailed = true }
        memory.removeAll(keepingCapacity: true)
    }

    /// Writes everything kept, in order, to `out`, and empties the buffer.
    func drain(into out: inout some ByteAppending) throws {
        if writeFailed { throw CLIError(code: .ioError, message: "cannot write a temporary file: \(String(cString: strerror(errno)))") }
        if let file {
            rewind(file)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                if n == 0 { break }
                chunk.withUnsafeBufferPointer { out.append(bytes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            }
            let failed = ferror(file) != 0
            fclose(file)
            self.file = nil
            if failed { throw CLIError(code: .ioError, message: "cannot read back a temporary file") }
        }
        memory.withUnsafeBufferPointer { out.append(bytes: $0) }
        memory.removeAll()
    }

    deinit {
        if let file { fclose(file) }
    }
}
