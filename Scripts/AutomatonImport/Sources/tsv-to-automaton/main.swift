// Usage: tsv-to-automaton TSV OUTPUT
// Builds the automaton of a "key<TAB>value" table over Unicode scalars, each key's value the
// 32-bit integer after the tab, and writes it in the prefix-walk layout (no failure links: its
// readers only walk prefixes or look whole keys up). Used for jieba's words and frequencies and
// for the slogan recurrence table.
import Foundation
@_spi(ZhTextImport) import ZhTextCore

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: tsv-to-automaton TSV OUTPUT\n".utf8))
    exit(64)
}
let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
var builder = AutomatonBuilder(alphabet: .unicodeScalars)
for line in text.split(separator: "\n") where !line.hasPrefix("#") {
    let fields = line.split(separator: "\t")
    guard fields.count == 2, let value = Int32(fields[1]) else { fatalError("bad line: \(line)") }
    builder.add(String(fields[0]), value: value)
}
let automaton = try builder.build()
let bytes = automaton.serializedForPrefixWalks()
try Data(bytes).write(to: URL(fileURLWithPath: arguments[2]))
print("\(URL(fileURLWithPath: arguments[2]).lastPathComponent): \(automaton.keyCount) keys, \(automaton.slotCount) slots, \(bytes.count) bytes")
