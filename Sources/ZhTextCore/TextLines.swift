/// The lines of `text` split at every line feed, each without its line feed and without a
/// carriage return before it, in order (a last empty line after a final line feed included).
///
/// Split by scalars, not by `Character`: Swift reads `\r\n` as one character, so
/// `split(separator: "\n")` leaves a CRLF file in one line. Shared by the dictionary and
/// lexicon parsers.
package func textLines(_ text: some StringProtocol) -> [Substring] {
    let scalars = Substring(text).unicodeScalars
    var lines: [Substring] = []
    var start = scalars.startIndex
    var i = scalars.startIndex
    while i < scalars.endIndex {
        if scalars[i] == "\n" {
            var end = i
            if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
            lines.append(Substring(scalars[start..<end]))
            start = scalars.index(after: i)
        }
        i = scalars.index(after: i)
    }
    var end = scalars.endIndex
    if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
    lines.append(Substring(scalars[start..<end]))
    return lines
}
