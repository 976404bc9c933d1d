// Usage: jieba-import WORDS_TSV OUTPUT
// Builds the automaton of jieba's words ("word<TAB>frequency" lines) over Unicode scalars, each
// key's value its frequency, and writes it in the prefix-walk layout (no failure links: the
// segmenter only walks prefixes).
import Foundation
@_spi(ZhTextImport) import ZhTextCore

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: jieba-import WORDS_TSV OUTPUT\n".utf8))
    exit(64)
}
let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
var builder = AutomatonBuilder(alphabet: .unicodeScalars)
for line in text.split(separator: "\n") {
    let fields = line.split(separator: "\t")
    guard fields.count == 2, let frequency = Int32(fields[1]) else { fatalError("bad line: \(line)") }
    builder.add(String(fields[0]), value: frequency)
}
let automaton = try builder.build()
let bytes = automaton.serializedForPrefixWalks()
try Data(bytes).write(to: URL(fileURLWithPath: arguments[2]))
print("jieba-dict.zhdw: \(automaton.keyCount) keys, \(automaton.slotCount) slots, \(bytes.count) bytes")
