import ArgumentParser
import Dispatch
import Foundation
import ZhText

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between Simplified, Traditional and regional Chinese (OpenCC-exact).",
        discussion: """
            Configurations: \(ScriptConverter.Configuration.allCases.map(\.rawValue).joined(separator: ", ")). \
            Input is converted as it streams (cut only where no phrase can straddle), so memory stays \
            flat for large files. Invalid UTF-8 stops the run with exit code 65 and its byte offset, \
            unless --lossy replaces it with U+FFFD (and warns).

            Examples:
              zhtext convert -c s2twp Fixtures/seeds/001_f5ac36b6864af140.txt
              echo '鼠标和U盘' | zhtext convert -c s2twp
              zhtext convert -c t2s --dictionary mine.tsv -o out.txt in.txt
            """
    )

    @Option(name: [.short, .customLong("config")], help: "The OpenCC configuration (s2t, t2s, s2twp, …).")
    var config: String

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    @OptionGroup var outputOptions: OutputOptions

    @Option(name: .long, help: "A user dictionary: one 'source<TAB>replacement' per line; it takes priority.")
    var dictionary: String?

    @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
    var lossy = false

    @Flag(name: .long, help: "Report the bytes converted and the time spent converting (reading and writing excluded) on standard error.")
    var stats = false

    func run() throws {
        do {
            let userPairs = try dictionary.map(loadUserDictionary) ?? []
            let converter: ScriptConverter
            do {
                converter = try ScriptConverter(configurationNamed: config, userDictionary: userPairs)
            } catch where error.kind == .unknownConfiguration {
                throw CLIError(code: .usage, message: "unknown configuration '\(error.name ?? "")'; valid: \(error.validNames.joined(separator: ", "))")
            } catch {
                throw CLIError(code: .dataError, message: "\(error)")
            }
            try outputOptions.redirect()
            let mode: ScriptConverter.InvalidInputMode = lossy ? .lossy : .strict
            // Time inside the converter minus time handing its output to the writer.
            let timer = ConversionTimer()
            let write = { (bytes: UnsafeBufferPointer<UInt8>) in timer.excluding { Standard.output.append(bytes: bytes) } }
            for path in files.isEmpty ? ["-"] : files {
                let reader = InputReader(path: path)
                var stream = converter.makeStream()
                try reader.forEachPiece { piece, start in
                    // Strict mode: the stream reports the offset; lossy mode warns here.
                    if lossy, let offset = firstInvalidUTF8Offset(in: piece) {
                        Standard.error("zhtext: warning: \(reader.displayName): invalid UTF-8 at byte offset \(start + offset) replaced with U+FFFD")
                    }
                    do {
                        try timer.measuring(bytes: piece.count) { () throws(ZhTextError) in
                            try stream.convert(chunk: piece, mode: mode, into: write)
                        }
                    } catch {
                        throw CLIError(code: .dataError, message: "\(reader.displayName): \(error)")
                    }
                }
                do {
                    try timer.measuring(bytes: 0) { () throws(ZhTextError) in try stream.finish(mode: mode, into: write) }
                } catch {
                    throw CLIError(code: .dataError, message: "\(reader.displayName): \(error)")
                }
            }
            Standard.flush()
            if stats { Standard.error("zhtext: \(config): \(timer.summary)") }
        } catch let error as CLIError {
            CLIError.fail(error)
        }
    }

    private func loadUserDictionary(_ path: String) throws -> [(String, String)] {
        try TableFile.load(path) { (text) throws(ZhTextError) in try ScriptConverter.userDictionary(tsv: text) }
    }
}

/// Wall-clock time spent converting, for `--stats`: reading and writing are left out so the
/// figure compares with converters timed on text already in memory.
final class ConversionTimer {
    private(set) var bytes = 0
    private var nanoseconds: Int64 = 0

    private static func now() -> Int64 { Int64(DispatchTime.now().uptimeNanoseconds) }

    func measuring(bytes count: Int, _ body: () throws(ZhTextError) -> Void) throws(ZhTextError) {
        let start = Self.now()
        bytes += count
        defer { nanoseconds += Self.now() - start }
        try body()
    }

    func excluding(_ body: () -> Void) {
        let start = Self.now()
        body()
        nanoseconds -= Self.now() - start
    }

    /// Formatted like `zhtext pipeline`'s summary line.
    var summary: String {
        let milliseconds = Double(nanoseconds) / 1e6
        let megabytes = Double(bytes) / 1e6
        return String(format: "converted %.1f MB in %.1f ms (%.1f MB/s; reading and writing excluded)",
                      megabytes, milliseconds, megabytes / max(milliseconds / 1000, 1e-9))
    }
}
