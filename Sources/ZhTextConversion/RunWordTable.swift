/// One word per BMP character for the common path of the run walk (tw2s, tw2sp, hk2s, hk2sp:
/// the first stage is a table of its own), so that one load settles most characters.
///
/// A word is the character's ``FusedChain/character(_:)`` output (0: unchanged, else its packed
/// UTF-8), or ``slow`` when the walk's full step must look (a segmentation key starts with the
/// character, or its output is longer than three bytes, or a longer second-stage key may start
/// with it), or ``FusedChain/mayStartLongerKey`` with the character's ``FusedChain/alone(_:)``
/// output in the low bits when only a longer first-stage key may start with it: then the first
/// stage's pair filter with the next character decides, and where it rules the pair out the
/// character takes its alone output.
final class RunWordTable: @unchecked Sendable {
    let words: UnsafeMutablePointer<UInt32>
    static let slow: UInt32 = FusedChain.deferred

    init(_ fused: FusedChain, segmentation: TierView, multiCharacterOnly: Bool) {
        words = .allocate(capacity: 0x10000)
        for scalar in 0..<UInt32(0x10000) {
            var word = fused.character(scalar)
            let code = segmentation.bmpSymbols[Int(scalar)]
            if code != 0, let lead = segmentation.leads?[Int(code)],
               lead.childBase != 0 || (!multiCharacterOnly && lead.replacement != 0) {
                word = Self.slow
            } else if word == FusedChain.mayStartLongerKey {
                let alone = fused.alone(scalar)
                word = fused.secondStageMayStartLonger(scalar) || alone & FusedChain.deferred != 0
                    ? Self.slow : FusedChain.mayStartLongerKey | alone
            }
            (words + Int(scalar)).initialize(to: word)
        }
    }

    deinit { words.deallocate() }
}
