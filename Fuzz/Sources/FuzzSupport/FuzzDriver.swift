import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif

/// Runs libFuzzer with `body` as the test: called with each input; a failed `check` (or any
/// crash, leak or AddressSanitizer report) is a finding.
public func runFuzzer(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
    FuzzTarget.body = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        FuzzTarget.body?(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
    exit(status)
}

enum FuzzTarget {
    // Set once before the driver starts; libFuzzer calls back on this thread only.
    nonisolated(unsafe) static var body: ((UnsafeRawBufferPointer) -> Void)?
}

/// Stops the run with `message` when a property does not hold (libFuzzer saves the input).
public func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                  file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        let text = "property failed at \(file):\(line): \(message())\n"
        text.utf8CString.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count - 1) }
        abort()
    }
}

/// Reads choices off the front of a fuzz input; the rest is the text.
public struct FuzzInput {
    public private(set) var bytes: ArraySlice<UInt8>

    public init(_ data: UnsafeRawBufferPointer) {
        bytes = ArraySlice(data)
    }

    /// The next byte, or 0 when the input is used up.
    public mutating func byte() -> UInt8 {
        guard let first = bytes.first else { return 0 }
        bytes = bytes.dropFirst()
        return first
    }

    /// The rest of the input.
    public var rest: [UInt8] { Array(bytes) }
}

/// Splits `bytes` into chunks whose sizes come from `sizes` (1 to 64 bytes each, cycling), for
/// stream-equals-whole checks at every kind of boundary, inside characters too.
public func chunks(of bytes: [UInt8], sizes: UInt8) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = 0, step = Int(sizes)
    while start < bytes.count {
        step = (step * 37 + 11) % 64 + 1
        let end = min(bytes.count, start + step)
        result.append(bytes[start..<end])
        start = end
    }
    return result
}
