import ArgumentParser
import ZhText

@main
struct Zhtext: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "zhtext",
        abstract: "Clean, convert and analyse scraped Chinese text.",
        discussion: """
            Every subcommand reads the named files, or standard input when none (or `-`) is given, \
            and writes to standard output.

            Exit codes: 0 ok, 64 usage error, 65 bad input data (with --strict), 66 missing or \
            unreadable input, 74 I/O error.
            """,
        version: version,
        subcommands: [PipelineCommand.self, CleanCommand.self, ConvertCommand.self, SentencesCommand.self, SlogansCommand.self, WordsCommand.self, TokensCommand.self, MatchCommand.self]
    )
}
