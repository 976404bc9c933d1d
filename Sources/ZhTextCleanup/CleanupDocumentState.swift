/// What cleanup knows of a document from the pieces already cleaned, when a document too large
/// to hold at once is cleaned piece by piece (pieces from ``DocumentPieceCutter``).
///
/// Carried: the document's script (judged from the first piece, as for a whole document), the
/// characters cross-decoding has read back, whether a body line and a closing quotation mark were seen (chrome is only looked
/// for before the first and after the last one) and how many findings were reported (capped at
/// ``Cleaner/maxFindings`` per document). Pinyin density and the spinning pattern are judged per
/// piece; a piece is a megabyte or more, far more than an annotated or spun article.
package struct CleanupDocumentState: Sendable {
    var mojibake = MojibakeDocumentState()
    var bodySeen = false
    /// Whether a piece held a closing quotation mark `”` (then no closing quote is restored in
    /// the pieces after it: the document closes its quotes, and those it leaves open are meant).
    var closingQuoteSeen = false
    /// Findings reported so far in the document, including those past the cap.
    package internal(set) var findingCount = 0

    /// The state of a document not yet started.
    package init() {}
}
