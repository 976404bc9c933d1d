#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an input (a file path, or `-` for stdin) in pieces that end at line breaks, so
/// that memory stays bounded however large the input is (a single line is kept whole).
struct InputReader {
    let path: String
    var displayName: String { path == "-" ? "<stdin>" : path }

    /// 256 KB: a piece stays in the second-level cache through validation, prefilters and
    /// conversion (1 MB pieces were a few per cent slower on s2t).
    static let chunkSize = 1 << 18

    /// Calls `body` with consecutive pieces of the input and the byte offset each starts at.
    func forEachPiece(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            if fd < 0 {
                throw CLIError(code: .noInput, message: "cannot open '\(path)': \(String(cString: strerror(errno)))")
            }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw CLIError(code: .noInput, message: "cannot read '\(path)': is a directory")
            }
        }
        defer { if fd != 0 { close(fd) } }
        var buffer = [UInt8]()
        var consumed = 0
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(code: .ioError, message: "cannot read '\(displayName)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            buffer.append(contentsOf: chunk[0..<n])
            // Hand over everything up to the last line feed; keep the rest for the next round.
            guard let lastLineFeed = buffer.lastIndex(of: 0x0A) else { continue }
            let pieceEnd = lastLineFeed + 1
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<pieceEnd]), consumed) }
            consumed += pieceEnd
            buffer.removeFirst(pieceEnd)
        }
        if !buffer.isEmpty {
            try buffer.withUnsafeBufferPointer { try body($0, consumed) }
        }
    }
}
