import ArgumentParser

/// A failure the CLI reports as one line on stderr with a sysexits-style code.
struct CLIError: Error, CustomStringConvertible {
    enum Code: Int32 {
        case usage = 64
        case dataError = 65
        case noInput = 66
        case ioError = 74
    }

    var code: Code
    var message: String

    var description: String { message }

    static func fail(_ error: CLIError) -> Never {
        Standard.error("zhtext: \(error.message)")
        Standard.flush()
        exit(error.code.rawValue)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered-enough access to the standard streams without Foundation.
enum Standard {
    nonisolated(unsafe) static var output = OutputBuffer(fd: 1)

    static func error(_ line: String) {
        var line = line + "\n"
        line.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
    }

    static func flush() { output.flush() }
}

/// `write(2)`, under a name that the buffer's own `write` does not shadow.
func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}

/// Collects output bytes and writes them in large blocks.
struct OutputBuffer {
    let fd: Int32
    var bytes: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
        bytes.reserveCapacity(1 << 16)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func append(bytes other: UnsafeBufferPointer<UInt8>) {
        if other.count >= 1 << 16 {
            // Large blocks go straight out instead of through the buffer.
            flush()
            write(other)
            return
        }
        bytes.append(contentsOf: other)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func flush() {
        bytes.withUnsafeBufferPointer { write($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes all of `buffer` to the descriptor; a broken pipe ends the process quietly.
    private func write(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        var written = 0
        while written < buffer.count {
            let n = systemWrite(fd, base + written, buffer.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                CLIError.fail(CLIError(code: .ioError, message: "cannot write output: \(String(cString: strerror(errno)))"))
            }
            written += n
        }
    }
}
