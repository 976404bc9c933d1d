import ZhText

/// Counts of canonical slogans per group of records, for `slogans --jsonl --group-by FIELD`
/// (one group for all records without `--group-by`), written as a long table that pandas or R
/// reads directly: group, canonical, category, count.
///
/// Memory grows with the number of distinct (group, slogan) pairs, never with the input.
struct SloganGroupCounts {
    /// How a date field becomes a group.
    enum DateBucket: Sendable {
        case none, month, year
    }

    enum Format: String, CaseIterable, Sendable {
        case tsv, csv, jsonl
    }

    private struct Key: Hashable {
        var group: String
        var canonical: String
    }

    private var counts: [Key: Int] = [:]
    private var categories: [String: String] = [:]
    /// Group values that a date bucket could not read (counted under their own text).
    private(set) var unreadableDates = 0

    /// The group of a record: the field's value as text (a string's contents, anything else as
    /// written), bucketed by month (`2024-03`) or year (`2024`) when asked; "" when it is missing.
    mutating func group(of value: String?, bucket: DateBucket) -> String {
        guard let value else { return "" }
        guard bucket != .none else { return value }
        guard let (year, month) = Self.yearAndMonth(value) else {
            unreadableDates += 1
            return value
        }
        return bucket == .year ? year : "\(year)-\(month)"
    }

    /// Year and month of `20240315`, `2024-03-15`, `2024/3/5`, `2024年3月5日`, `2024-03` and the
    /// like: the first run of digits is the year (or a whole YYYYMMDD / YYYYMM), the next the month.
    static func yearAndMonth(_ text: String) -> (String, String)? {
        let runs = text.split { !$0.isASCII || !$0.isNumber }.map(String.init)
        guard let first = runs.first else { return nil }
        if first.count == 8 || first.count == 6 {
            let year = String(first.prefix(4)), month = String(first.dropFirst(4).prefix(2))
            guard let m = Int(month), (1...12).contains(m) else { return nil }
            return (year, month)
        }
        guard first.count == 4, runs.count >= 2, let m = Int(runs[1]), (1...12).contains(m), runs[1].count <= 2 else {
            return nil
        }
        return (first, m < 10 ? "0\(m)" : "\(m)")
    }

    mutating func add(_ canonical: String, count: Int, group: String, category: String?) {
        counts[Key(group: group, canonical: canonical), default: 0] += count
        if let category, categories[canonical] == nil { categories[canonical] = category }
    }

    /// The table: a header naming the group column `groupColumn` (no group column when nil),
    /// then the rows by group, most frequent first, then by canonical form.
    func write(format: Format, groupColumn: String?, to out: inout [UInt8]) {
        let rows = counts.sorted {
            $0.key.group != $1.key.group ? $0.key.group < $1.key.group
                : $0.value != $1.value ? $0.value > $1.value : $0.key.canonical < $1.key.canonical
        }
        let columns = (groupColumn.map { [$0] } ?? []) + ["canonical", "category", "count"]
        switch format {
        case .tsv, .csv:
            let separator: UInt8 = format == .tsv ? 0x09 : 0x2C
            func field(_ text: String) {
                switch format {
                case .csv where text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }):
                    // RFC 4180: quoted, with its quotes doubled.
                    out.append(0x22)
                    for byte in text.utf8 {
                        out.append(byte)
                        if byte == 0x22 { out.append(0x22) }
                    }
                    out.append(0x22)
                case .tsv:
                    // A tab or line break in a TSV field would break the row: it becomes a space.
                    out.append(contentsOf: String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 }).utf8)
                default:
                    out.append(contentsOf: text.utf8)
                }
            }
            func row(_ fields: [String]) {
                for (k, value) in fields.enumerated() {
                    if k > 0 { out.append(separator) }
                    field(value)
                }
                out.append(0x0A)
            }
            row(columns)
            for (key, count) in rows {
                row((groupColumn == nil ? [] : [key.group]) + [key.canonical, categories[key.canonical] ?? "", String(count)])
            }
        case .jsonl:
            for (key, count) in rows {
                out.append(0x7B)
                if let groupColumn {
                    JSONWriter.appendString(groupColumn, to: &out)
                    out.append(0x3A)
                    JSONWriter.appendString(key.group, to: &out)
                    out.append(0x2C)
                }
                out.append(contentsOf: Array("\"canonical\":".utf8))
                JSONWriter.appendString(key.canonical, to: &out)
                out.append(contentsOf: Array(",\"category\":".utf8))
                if let category = categories[key.canonical] {
                    JSONWriter.appendString(category, to: &out)
                } else {
                    out.append(contentsOf: Array("null".utf8))
                }
                out.append(contentsOf: Array(",\"count\":\(count)}\n".utf8))
            }
        }
    }
}
