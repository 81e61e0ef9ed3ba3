/// A transcript's text as an export writes it (redacted unless disclosed), with the stored
/// positions mapped onto it.
///
/// The whole text is redacted at once, so an identifier is found with all its characters, and
/// each replacement changes the length (`07700 900123` becomes `[phone]`): positions after it
/// move. ``span(from:to:)`` maps a stored span onto the written text, widened to hold the whole
/// placeholder of any identifier it touches, as ``RedactedTurn/excerpt(from:to:)`` does, so a
/// selection still covers the same words and never part of a placeholder.
public struct ExportedText: Sendable {
    /// The text as written.
    public let text: String
    /// The written text's code points, to cut selections' names from.
    let scalars: [Unicode.Scalar]
    /// Identifiers replaced, in stored positions, sorted and not overlapping.
    let replaced: [(start: Int, end: Int)]
    /// `shift[i]`: how far a stored position after `replaced[i]` moves (written minus stored).
    let shift: [Int]
    let storedCount: Int

    /// - Parameter redactor: nil writes the text as stored.
    public init(_ stored: String, redactor: Redactor?) {
        let found = redactor?.scalarMatches(in: stored) ?? []
        storedCount = stored.unicodeScalars.count
        guard !found.isEmpty else {
            text = stored
            scalars = Array(stored.unicodeScalars)
            replaced = []
            shift = []
            return
        }
        let original = Array(stored.unicodeScalars)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(original.count)
        var position = 0
        var total = 0
        var shifts: [Int] = []
        for match in found {
            out.append(contentsOf: original[position..<match.start])
            out.append(contentsOf: match.label.unicodeScalars)
            total += match.label.unicodeScalars.count - (match.end - match.start)
            shifts.append(total)
            position = match.end
        }
        out.append(contentsOf: original[position...])
        scalars = out
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out)
        text = String(view)
        replaced = found.map { ($0.start, $0.end) }
        shift = shifts
    }

    /// The written span for stored span `start..<end` (code points), clamped to the text and
    /// widened to whole placeholders where it touches an identifier.
    public func span(from start: Int, to end: Int) -> (start: Int, end: Int) {
        var from = max(0, min(start, storedCount))
        var to = max(from, min(end, storedCount))
        // The first identifier ending after `from`; identifiers are sorted and apart.
        var index = firstEnding(after: from)
        while index < replaced.count && replaced[index].start < to {
            from = min(from, replaced[index].start)
            to = max(to, replaced[index].end)
            index += 1
        }
        return (written(from), written(to))
    }

    /// The written text from `start` to `end` (written positions).
    public func slice(from start: Int, to end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
        return String(view)
    }

    /// The written position of stored position `position`, which lies outside every identifier
    /// or on its edge.
    func written(_ position: Int) -> Int {
        // Identifiers ending at or before `position` have moved it.
        var low = 0
        var high = replaced.count
        while low < high {
            let middle = (low + high) / 2
            if replaced[middle].end <= position { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? position : position + shift[low - 1]
    }

    /// The stored position of written position `position`: the inverse of ``written(_:)``. A
    /// position inside a placeholder goes to the identifier's start, or with `roundingUp` to its
    /// end, so a selection another tool made over `[name]` covers the whole identifier.
    public func stored(_ position: Int, roundingUp: Bool) -> Int {
        var moved = 0
        for (index, identifier) in replaced.enumerated() {
            let writtenStart = identifier.start + moved
            let writtenEnd = identifier.end + shift[index]
            if position <= writtenStart { break }
            if position < writtenEnd { return roundingUp ? identifier.end : identifier.start }
            moved = shift[index]
        }
        return min(max(0, position - moved), storedCount)
    }

    func firstEnding(after position: Int) -> Int {
        var low = 0
        var high = replaced.count
        while low < high {
            let middle = (low + high) / 2
            if replaced[middle].end <= position { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
