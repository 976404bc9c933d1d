import ZhText
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
///
/// The bytes live in a fixed block owned by a class and are written through a raw pointer kept
/// in the struct, so a small append (a word, a comma) is a bounds test and a copy, not an
/// array append with its uniqueness test. A copy shares the block: only one copy of the
/// buffer may be written at a time (the CLI moves `Standard.output` into a local and back).
struct OutputBuffer: ByteAppending {
    final class Block {
        let base: UnsafeMutablePointer<UInt8>
        init() { base = .allocate(capacity: OutputBuffer.capacity) }
        deinit { base.deallocate() }
    }

    static let capacity = 1 << 16
    /// Appends at least this large are written without a copy.
    static let directBytes = 1 << 14
    let fd: Int32
    private let block: Block
    private let base: UnsafeMutablePointer<UInt8>
    private var used = 0

    init(fd: Int32) {
        self.fd = fd
        self.block = Block()
        self.base = block.base
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    @inline(__always)
    mutating func append(bytes other: UnsafeBufferPointer<UInt8>) {
        guard let source = other.baseAddress else { return }
        if other.count >= Self.directBytes {
            // A block as large as a record goes straight out, after what is buffered: copying
            // it into the buffer first was a third of the writing thread's time in batch mode,
            // which shares the machine's cores with the workers.
            if used > 0 { flush() }
            write(other)
            return
        }
        if used &+ other.count > Self.capacity { flush() }
        (base + used).update(from: source, count: other.count)
        used &+= other.count
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        if used == Self.capacity { flush() }
        base[used] = byte
        used &+= 1
    }

    mutating func flush() {
        write(UnsafeBufferPointer(start: base, count: used))
        used = 0
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
