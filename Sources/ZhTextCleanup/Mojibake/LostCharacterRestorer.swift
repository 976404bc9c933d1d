/// Restores a character whose bytes a lossy decoder partly lost, where its known bytes and its
/// neighbours leave one clear choice: `E3 ?? 81` after `先` and before `绿` is `、` (the
/// characters it could be are `、`, `ぁ`, `灁`, …; only `、` is frequent there).
///
/// A candidate is a character that text may hold (frequent Han, CJK or full-width punctuation)
/// with the known bytes; its score is the bigram weights with its known neighbours plus half
/// its frequency in bits. The best is restored when it leads the next by `margin` bits and has
/// bigram support on at least one side; otherwise the character stays U+FFFD.
struct LostCharacterRestorer {
    var margin: Float = 6

    /// The restored character and the confidence, or nil.
    func restore(pattern: BytePattern, previous: UInt32?, next: UInt32?, model: BigramModel) -> (UInt32, Double)? {
        let lost = (0..<pattern.count).filter { pattern[$0] == nil }
        guard !lost.isEmpty, lost.count <= 2, (2...3).contains(pattern.count) else { return nil }
        var best: (UInt32, Float, Bool) = (0, -.infinity, false), second: Float = -.infinity
        var candidates: [(left: Float, right: Float, total: Float)] = []
        var bytes = pattern.filled((0, 0))
        func choices(_ position: Int) -> ClosedRange<UInt8> {
            position > 0 ? 0x80...0xBF : pattern.count == 3 ? 0xE0...0xEF : 0xC2...0xDF
        }
        let frequent = Self.frequentBitmap
        func consider() {
            // Decoded in place (a lossy line asks this for every lost character, 64 to 4,096
            // candidates each); only characters repaired text may hold are scored.
            let scalar: UInt32
            if bytes.count == 3 {
                guard !(bytes[0] == 0xE0 && bytes[1] < 0xA0), !(bytes[0] == 0xED && bytes[1] >= 0xA0) else { return }
                scalar = UInt32(bytes[0] & 0x0F) << 12 | UInt32(bytes[1] & 0x3F) << 6 | UInt32(bytes[2] & 0x3F)
            } else {
                scalar = UInt32(bytes[0] & 0x1F) << 6 | UInt32(bytes[1] & 0x3F)
            }
            guard frequent[Int(scalar) >> 6] & (1 << UInt64(scalar & 63)) != 0 else { return }
            let score = Self.score(scalar, previous, next, model)
            candidates.append((score.left, score.right, score.value))
            if score.value > best.1 {
                second = best.1
                best = (scalar, score.value, score.supported)
            } else if score.value > second {
                second = score.value
            }
        }
        for a in choices(lost[0]) {
            bytes[lost[0]] = a
            if lost.count == 2 {
                for b in choices(lost[1]) {
                    bytes[lost[1]] = b
                    consider()
                }
            } else {
                consider()
            }
        }
        // With one neighbour lost too, half the evidence: twice the margin.
        guard best.2, best.1 - second >= (previous == nil || next == nil ? 2 * margin : margin) else { return nil }
        // Each neighbour must agree: 还鏈�鍙 is 还未受, not 还有受, although 还有 is the likelier pair.
        guard let winner = candidates.first(where: { $0.total == best.1 }),
              !candidates.contains(where: { ($0.left > winner.left + 2 && previous != nil) || ($0.right > winner.right + 2 && next != nil) })
        else { return nil }
        let gap = Double(best.1 - (second.isFinite ? second : best.1 - 2 * margin))
        return (best.0, min(0.99, 0.5 + gap / 40))
    }

    /// Frequent Han and common punctuation (the candidates worth scoring), one bit each.
    static let frequentBitmap: [UInt64] = {
        var bitmap = MojibakeRepairer.frequentBitmap.bits
        for v in 0..<0x10000 where MojibakeRepairer.isCommonPunctuation(UInt32(v)) { bitmap[v >> 6] |= 1 << UInt64(v & 63) }
        return bitmap
    }()

    /// The candidate's score, and whether a bigram with a neighbour supports it. Only characters
    /// of `frequentBitmap` come here: the caller has filtered, so the set is not hashed again.
    static func score(_ scalar: UInt32, _ previous: UInt32?, _ next: UInt32?, _ model: BigramModel) -> (value: Float, supported: Bool, left: Float, right: Float) {
        let punctuation = MojibakeRepairer.isCommonPunctuation(scalar)
        let left = previous.map { model.weight($0, scalar) } ?? 0
        let right = next.map { model.weight(scalar, $0) } ?? 0
        let unigram = punctuation ? 10 : MojibakeRepairer.frequencyBits[Int(scalar)]
        return (left + right + 0.5 * unigram, left > 0 || right > 0, left, right)
    }
}
