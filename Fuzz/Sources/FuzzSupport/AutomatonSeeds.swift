#if canImport(Glibc)
import Glibc
#endif
import ZhText

/// Writes valid serialised automata (both alphabets, a few key sets) into `directory`: the
/// seeds from which the automaton target mutates corrupt ones. Scripts/make-fuzz-seeds calls it.
public func writeAutomatonSeeds(to directory: String) {
    let keySets = [["发展", "基础", "原则", "服务", "成本", "部分"], ["四个全面", "五位一体", "一岗双责", "两高一低", "𠀀字"],
                   ["a", "ab", "abc", "bcd", "cde"], ["绿水青山", "绿水青山就是金山银山", "三大战役"]]
    var index = 0
    for keys in keySets {
        for alphabet in [DictionaryAutomaton.Alphabet.bytes, .unicodeScalars] {
            var builder = AutomatonBuilder(alphabet: alphabet)
            for (value, key) in keys.enumerated() { builder.add(key, value: Int32(value)) }
            guard let bytes = try? builder.build().serialized() else { continue }
            guard let file = fopen("\(directory)/automaton-\(index)", "wb") else { continue }
            _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
            index += 1
        }
    }
}
