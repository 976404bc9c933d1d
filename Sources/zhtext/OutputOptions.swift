import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `-o FILE`, shared by every subcommand: output goes to the file instead of standard output.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
    var output: String?

    /// Sends `Standard.output` to the file, when one was named.
    func redirect() throws {
        guard let output else { return }
        let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw CLIError(code: .ioError, message: "cannot write '\(output)': \(String(cString: strerror(errno)))")
        }
        Standard.output = OutputBuffer(fd: fd)
    }
}
