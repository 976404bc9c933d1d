#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ZhTextCore

/// Reads an input (a file path, or `-` for stdin) in pieces that end at line breaks, so
/// that memory stays bounded however large the input is.
///
/// A piece ends after a line feed, or after a carriage return not followed by a line feed (old
/// Mac files are lines too). A line longer than ``maxLineBytes`` is handed over in pieces of
/// about that size, cut after its last sentence terminator (。！？!?) where there is one, else at
/// a character boundary, so a file with no line break costs bounded memory, not all of it.
struct InputReader {
    let path: String
    var displayName: String { path == "-" ? "<stdin>" : path }

    /// 256 KB: a piece stays in the second-level cache through validation, prefilters and
    /// conversion (1 MB pieces were a few per cent slower on s2t).
    static let chunkSize = 1 << 18

    /// The longest piece handed over without a line break.
    static let maxLineBytes = 1 << 20

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
            // Only the new bytes (and a carriage return held back at the end) are searched: the
            // rest of the buffer was searched before and holds no line break, so a file without
            // line feeds is read in linear time.
            let searchFrom = max(0, buffer.count - 1)
            buffer.append(contentsOf: chunk[0..<n])
            var pieceEnd = buffer.withUnsafeBufferPointer { PieceCut.endOfLastLine($0, searchingFrom: searchFrom) }
            if pieceEnd == 0, buffer.count >= Self.maxLineBytes {
                pieceEnd = buffer.withUnsafeBufferPointer { PieceCut.cutInLongLine($0) }
            }
            guard pieceEnd > 0 else { continue }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<pieceEnd]), consumed) }
            consumed += pieceEnd
            buffer.removeFirst(pieceEnd)
        }
        if !buffer.isEmpty {
            try buffer.withUnsafeBufferPointer { try body($0, consumed) }
        }
    }
}
