/// jieba 0.42.1's segmentation of one block, in its three modes, reporting words as ranges of
/// the block's characters. Every loop mirrors the Python it reproduces (`jieba/__init__.py`
/// and `jieba/finalseg/__init__.py`), including the order of floating-point additions and the
/// rule that breaks ties, so that the words come out as jieba's.
struct BlockSegmentation<Frequencies: WordFrequencies> {
    let frequencies: Frequencies
    let model: HiddenMarkovModel
    /// Scratch space for full mode and the HMM, grown to the longest block and reused.
    var ends: [Int] = []
    var viterbi: [Double] = []
    var backPointers: [UInt8] = []
    var emissionRows: [UnsafePointer<Double>?] = []
    var labels: [UInt8] = []

    init(frequencies: Frequencies, model: HiddenMarkovModel) {
        self.frequencies = frequencies
        self.model = model
    }

    // MARK: Route (get_DAG + calc)

    /// `calc`: for each character, right to left, the most probable end of the word that starts
    /// there. `max` over `(weight, end)` tuples: a tie goes to the larger end.
    func computeRoute(_ block: BlockText) {
        let n = block.count
        let weights = block.routeWeight, route = block.routeEnd
        weights[n] = 0
        let fallback = frequencies.fallbackWeight
        var index = n - 1
        while index >= 0 {
            var bestWeight = -Double.infinity
            var bestEnd = -1
            frequencies.forEachEntry(from: index, in: block) { end, frequency in
                guard frequency > 0 else { return }
                let weight = frequencies.weight(frequency) + weights[end &+ 1]
                if bestEnd < 0 || weight >= bestWeight {
                    bestWeight = weight
                    bestEnd = end
                }
            }
            if bestEnd < 0 {
                bestWeight = fallback + weights[index &+ 1]
                bestEnd = index
            }
            weights[index] = bestWeight
            route[index] = bestEnd
            index &-= 1
        }
    }

    // MARK: Accurate mode

    /// `__cut_DAG` (with the HMM) or `__cut_DAG_NO_HMM`.
    mutating func cutAccurate(_ block: BlockText, usesHMM: Bool, _ emit: (Range<Int>) throws -> Void) rethrows {
        computeRoute(block)
        let n = block.count
        var x = 0
        var bufferStart = -1
        if usesHMM {
            while x < n {
                let y = block.routeEnd[x] + 1
                if y - x == 1 {
                    if bufferStart < 0 { bufferStart = x }
                } else {
                    if bufferStart >= 0 {
                        try flushBuffer(bufferStart..<x, block, emit)
                        bufferStart = -1
                    }
                    try emit(x..<y)
                }
                x = y
            }
            if bufferStart >= 0 { try flushBuffer(bufferStart..<n, block, emit) }
        } else {
            while x < n {
                let y = block.routeEnd[x] + 1
                if y - x == 1, JiebaCharacterClass.isAlphanumeric(block.scalar(x)) {
                    if bufferStart < 0 { bufferStart = x }
                } else {
                    if bufferStart >= 0 {
                        try emit(bufferStart..<x)
                        bufferStart = -1
                    }
                    try emit(x..<y)
                }
                x = y
            }
            if bufferStart >= 0 { try emit(bufferStart..<n) }
        }
    }

    /// A run of single characters in `__cut_DAG`: one character stays; a run that is itself a
    /// word is split into characters; anything else goes to the HMM.
    mutating func flushBuffer(_ buffer: Range<Int>, _ block: BlockText, _ emit: (Range<Int>) throws -> Void) rethrows {
        if buffer.count == 1 {
            try emit(buffer)
        } else if frequencies.frequency(of: buffer, in: block) > 0 {
            for i in buffer { try emit(i..<(i + 1)) }
        } else {
            try cutUnknown(buffer, block, emit)
        }
    }

    // MARK: HMM (jieba.finalseg)

    /// `finalseg.cut`: Han runs are labelled by the HMM; the rest is split by
    /// `([a-zA-Z0-9]+(?:\.\d+)?%?)`, matches and the text between them each one word.
    mutating func cutUnknown(_ buffer: Range<Int>, _ block: BlockText, _ emit: (Range<Int>) throws -> Void) rethrows {
        var i = buffer.lowerBound
        let end = buffer.upperBound
        while i < end {
            if JiebaCharacterClass.isHan(block.scalar(i)) {
                var j = i + 1
                while j < end, JiebaCharacterClass.isHan(block.scalar(j)) { j += 1 }
                try viterbiCut(i..<j, block, emit)
                i = j
                continue
            }
            // Text between matches, then a match.
            var j = i
            while j < end, !JiebaCharacterClass.isHan(block.scalar(j)), !JiebaCharacterClass.isAlphanumeric(block.scalar(j)) {
                j += 1
            }
            if j > i { try emit(i..<j) }
            guard j < end, JiebaCharacterClass.isAlphanumeric(block.scalar(j)) else { i = j; continue }
            var k = j + 1
            while k < end, JiebaCharacterClass.isAlphanumeric(block.scalar(k)) { k += 1 }
            if k + 1 < end, block.scalar(k) == 0x2E, Self.isDigit(block.scalar(k + 1)) {
                k += 2
                while k < end, Self.isDigit(block.scalar(k)) { k += 1 }
            }
            if k < end, block.scalar(k) == 0x25 { k += 1 }
            try emit(j..<k)
            i = k
        }
    }

    /// jieba's `PrevStatus`, indexed by state (B, E, M, S).
    @inline(__always)
    static func previousStates(_ state: Int) -> (Int, Int) {
        switch state {
        case 0: return (1, 3)
        case 1: return (0, 2)
        case 2: return (2, 0)
        default: return (3, 1)
        }
    }

    static func isDigit(_ scalar: UInt32) -> Bool { scalar >= 0x30 && scalar <= 0x39 }

    /// `finalseg.viterbi` and `__cut` over a Han run.
    mutating func viterbiCut(_ run: Range<Int>, _ block: BlockText, _ emit: (Range<Int>) throws -> Void) rethrows {
        let count = run.count
        let b = 0, e = 1, s = 3  // m = 2
        if viterbi.count < 4 * count {
            viterbi = [Double](repeating: 0, count: 4 * count)
            backPointers = [UInt8](repeating: 0, count: 4 * count)
            emissionRows = [UnsafePointer<Double>?](repeating: nil, count: count)
            labels = [UInt8](repeating: 0, count: count)
        }
        for t in 0..<count { emissionRows[t] = model.emissionRow(block.scalar(run.lowerBound + t)) }
        let minimum = HiddenMarkovModel.minimum
        func emission(_ t: Int, _ state: Int) -> Double { emissionRows[t].map { $0[state] } ?? minimum }
        let trans = model.transition
        for y in 0..<4 { viterbi[y] = model.start[y] + emission(0, y) }
        // PrevStatus: B ← E, S; E ← B, M; M ← M, B; S ← S, E (jieba's order; ties go to the
        // larger state letter whatever the order).
        var t = 1
        while t < count {
            for y in 0..<4 {
                let em = emission(t, y)
                let (p0, p1) = Self.previousStates(y)
                let w0 = viterbi[4 * (t - 1) + p0] + trans[4 * p0 + y] + em
                let w1 = viterbi[4 * (t - 1) + p1] + trans[4 * p1 + y] + em
                let pick1 = w1 > w0 || (w1 == w0 && p1 > p0)
                viterbi[4 * t + y] = pick1 ? w1 : w0
                backPointers[4 * t + y] = UInt8(pick1 ? p1 : p0)
            }
            t += 1
        }
        let last = count - 1
        var state = viterbi[4 * last + e] > viterbi[4 * last + s] ? e : s
        // The labels, recovered backwards (jieba copies whole paths forwards; same result).
        var step = last
        while true {
            labels[step] = UInt8(state)
            if step == 0 { break }
            state = Int(backPointers[4 * step + state])
            step -= 1
        }
        var begin = 0, next = 0
        for i in 0..<count {
            switch Int(labels[i]) {
            case b: begin = i
            case e:
                try emitHMMWord(run.lowerBound + begin..<run.lowerBound + i + 1, block, emit)
                next = i + 1
            case s:
                try emitHMMWord(run.lowerBound + i..<run.lowerBound + i + 1, block, emit)
                next = i + 1
            default: break
            }
        }
        if next < count { try emitHMMWord(run.lowerBound + next..<run.upperBound, block, emit) }
    }

    func emitHMMWord(_ word: Range<Int>, _ block: BlockText, _ emit: (Range<Int>) throws -> Void) rethrows {
        if word.count > 1, frequencies.isForcedSplit(word, in: block) {
            for i in word { try emit(i..<(i + 1)) }
        } else {
            try emit(word)
        }
    }

    // MARK: Full mode

    /// `__cut_all`: every dictionary word, with runs of ASCII letters and digits joined.
    mutating func cutAll(_ block: BlockText, _ emit: (Range<Int>) throws -> Void) rethrows {
        var oldJ = -1
        var englishRun: Range<Int>? = nil
        for k in 0..<block.count {
            ends.removeAll(keepingCapacity: true)
            frequencies.forEachEntry(from: k, in: block) { end, frequency in
                if frequency > 0 { ends.append(end) }
            }
            if ends.isEmpty { ends.append(k) }
            let isEnglish = JiebaCharacterClass.isAlphanumeric(block.scalar(k))
            if let run = englishRun, !isEnglish {
                try emit(run)
                englishRun = nil
            }
            if ends.count == 1, k > oldJ {
                let word = k..<(ends[0] + 1)
                if isEnglish {
                    englishRun = englishRun.map { $0.lowerBound..<word.upperBound } ?? word
                }
                if englishRun == nil { try emit(word) }
                oldJ = ends[0]
            } else {
                for j in ends where j > k {
                    try emit(k..<(j + 1))
                    oldJ = j
                }
            }
        }
        if let run = englishRun { try emit(run) }
    }
}
