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
        bytes.append(contentsOf: other)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func flush() {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                bytes.removeAll()
                if errno == EPIPE { exit(0) }
                CLIError.fail(CLIError(code: .ioError, message: "cannot write output: \(reason)"))
            }
            written += n
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
