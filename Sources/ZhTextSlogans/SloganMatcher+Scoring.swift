import ZhTextCore

// What the matcher adds to the recognisers' candidates: each one's confidence (issue 17) and,
// on request, the lexicon terms nested inside a reported match.
extension SloganMatcher {
    /// Gives each structural candidate its confidence and drops those below the threshold. A
    /// candidate that is exactly a lexicon term is curated and scores 1.
    func score(_ structural: inout [Candidate], lexical: [Candidate], line: FoldedLine) {
        let scalars = line.scalarBuffer
        var kept = 0
        for index in structural.indices {
            var candidate = structural[index]
            if Self.isLexiconSpan(candidate, lexical) {
                candidate.confidence = 1
            } else {
                let documents = recurrence.documentCount(scalars, candidate.lower, candidate.upper)
                candidate.confidence = model.confidence(kind: candidate.kind, quoted: Self.isQuoted(candidate, line),
                                                        documents: documents, scalars, candidate.lower, candidate.upper)
            }
            if candidate.confidence >= minimumConfidence {
                structural[kept] = candidate
                kept += 1
            }
        }
        structural.removeLast(structural.count - kept)
    }

    /// Emits every lexicon term inside `outer` other than `outer` itself, by start and then
    /// length, each with `outer` as its parent: a prefix walk from each position of the span.
    ///
    /// Static, with what it needs passed in: the closures of a line that call it then capture no
    /// copy of the matcher (whose references a copy retains and releases, line by line).
    static func emitNested(
        in outer: Candidate, _ view: DictionaryAutomaton.UnsafeView, _ line: FoldedLine, useLexicon: Bool,
        _ emit: (Candidate, FoldedLine) throws -> Void
    ) rethrows {
        guard useLexicon else { return }
        let s = line.scalarBuffer
        for start in outer.lower..<outer.upper {
            var state = DictionaryAutomaton.UnsafeView.rootState
            var k = start
            while k < outer.upper {
                state = view.child(of: state, scalar: s[k])
                if state < 0 { break }
                k += 1
                let value = view.value(at: state)
                guard value >= 0, !(start == outer.lower && k == outer.upper) else { continue }
                var inner = Candidate(lower: start, upper: k, kind: .lexicon, entry: value)
                inner.parentLower = outer.lower
                inner.parentUpper = outer.upper
                try emit(inner, line)
            }
        }
    }

    /// Whether a lexicon match covers exactly `c`'s span. The lexicon's matches are sorted and
    /// disjoint, so a binary search finds the only one that can: a line of a million
    /// characters holds tens of thousands of both.
    static func isLexiconSpan(_ c: Candidate, _ lexical: [Candidate]) -> Bool {
        var lo = 0, hi = lexical.count
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if lexical[mid].lower < c.lower { lo = mid + 1 } else { hi = mid }
        }
        return lo < lexical.count && lexical[lo].lower == c.lower && lexical[lo].upper == c.upper
    }
}
