/// One change a step proposes in the text it is given: the bytes `range` become `replacement`
/// (an empty range inserts, an empty replacement deletes), with the edit's kind and the step's
/// confidence. Every step returns its changes in this one shape, in order and disjoint; the
/// cleaner applies them, maps their ranges back to the input and logs each as an ``Edit``.
struct CleanupChange: Equatable {
    var range: Range<Int>
    var replacement: String
    var kind: EditKind
    var confidence: Double
}

/// Damage a step noticed in the text it is given and could not repair; the cleaner maps the
/// range back to the input and reports a ``Finding``.
struct StepFinding: Equatable {
    var range: Range<Int>
    var kind: FindingKind
}
