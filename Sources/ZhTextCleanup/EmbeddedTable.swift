/// The lines of an embedded text table (CZhTextData) keyed by a hexadecimal code:
/// `HEX<TAB>rest`, one per line; lines without a tab are skipped.
///
/// Used by the Unihan readings and frequencies and by Big5's ETEN rows: one parser for the one
/// format their import scripts write.
func forEachHexKeyedLine(
    in table: UnsafeBufferPointer<UInt8>, _ body: (_ key: UInt32, _ rest: Slice<UnsafeBufferPointer<UInt8>>) -> Void
) {
    for line in table.split(separator: 0x0A) {
        guard let tab = line.firstIndex(of: 0x09) else { continue }
        var key: UInt32 = 0
        for byte in line[line.startIndex..<tab] { key = key << 4 | UInt32(byte <= 0x39 ? byte &- 0x30 : (byte | 0x20) &- 0x57) }
        body(key, line[(tab + 1)...])
    }
}
