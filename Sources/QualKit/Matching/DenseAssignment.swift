/// The minimum-cost assignment on a full rectangular cost matrix: every row gets a different
/// column and the sum of the chosen cells is least. Shortest augmenting paths with row and column
/// potentials (Jonker & Volgenant 1987, in the rectangular form of Crouse 2016 that SciPy's
/// `linear_sum_assignment` also uses), O(rows² × columns) in the worst case.
///
/// ``Matcher`` uses it instead of ``MinCostFlow`` when every pair is allowed and every interviewer
/// has one place, where it is many times faster: a flow network would hold every cell twice as an
/// edge and search it with a heap. Costs are whole numbers, so the optimum is exact.
///
/// Deterministic: rows are added in order and ties go to a free column, then the lower index.
public enum DenseAssignment {
    /// The column of each row, for `rows` ≤ `columns`; `cost` is row-major, `rows × columns`
    /// cells, each at most 2⁴⁰ in magnitude so sums cannot overflow.
    public static func solve(rows: Int, columns: Int, cost: [Int64]) -> [Int] {
        precondition(rows <= columns, "transpose a matrix with more rows than columns")
        precondition(cost.count == rows * columns, "cost must hold rows x columns cells")
        guard rows > 0 else { return [] }
        let unreachable = Int64.max / 4
        var u = [Int64](repeating: 0, count: rows)
        var columnOfRow = [Int](repeating: -1, count: rows)
        var scannedRow = [Bool](repeating: false, count: rows)
        // The column arrays are read in the innermost loop: plain buffers, without bounds checks.
        let v = UnsafeMutableBufferPointer<Int64>.allocate(capacity: columns)
        let shortest = UnsafeMutableBufferPointer<Int64>.allocate(capacity: columns)
        let path = UnsafeMutableBufferPointer<Int>.allocate(capacity: columns)
        let rowOfColumn = UnsafeMutableBufferPointer<Int>.allocate(capacity: columns)
        let scannedColumn = UnsafeMutableBufferPointer<Bool>.allocate(capacity: columns)
        let remaining = UnsafeMutableBufferPointer<Int>.allocate(capacity: columns)
        defer {
            v.deallocate()
            shortest.deallocate()
            path.deallocate()
            rowOfColumn.deallocate()
            scannedColumn.deallocate()
            remaining.deallocate()
        }
        v.initialize(repeating: 0)
        path.initialize(repeating: -1)
        rowOfColumn.initialize(repeating: -1)

        cost.withUnsafeBufferPointer { c in
            for current in 0..<rows {
                // Dijkstra over reduced costs from `current` until a free column is reached.
                var minimum: Int64 = 0
                var row = current
                var left = columns
                for k in 0..<columns { remaining[k] = columns - 1 - k }
                for k in 0..<rows { scannedRow[k] = false }
                for k in 0..<columns {
                    scannedColumn[k] = false
                    shortest[k] = unreachable
                }
                var sink = -1
                while sink < 0 {
                    scannedRow[row] = true
                    var lowest = unreachable
                    var index = -1
                    let base = row * columns
                    let ur = u[row]
                    for k in 0..<left {
                        let j = remaining[k]
                        let reduced = minimum + c[base + j] - ur - v[j]
                        if reduced < shortest[j] {
                            path[j] = row
                            shortest[j] = reduced
                        }
                        let s = shortest[j]
                        if s < lowest || (s == lowest && rowOfColumn[j] < 0) {
                            lowest = s
                            index = k
                        }
                    }
                    minimum = lowest
                    let j = remaining[index]
                    if rowOfColumn[j] < 0 { sink = j } else { row = rowOfColumn[j] }
                    scannedColumn[j] = true
                    left -= 1
                    remaining[index] = remaining[left]
                }
                // Potentials keep every reduced cost non-negative for the next row.
                u[current] += minimum
                for i in 0..<rows where scannedRow[i] && i != current {
                    u[i] += minimum - shortest[columnOfRow[i]]
                }
                for j in 0..<columns where scannedColumn[j] { v[j] -= minimum - shortest[j] }
                // Flip the augmenting path.
                var j = sink
                while true {
                    let i = path[j]
                    rowOfColumn[j] = i
                    let previous = columnOfRow[i]
                    columnOfRow[i] = j
                    j = previous
                    if i == current { break }
                }
            }
        }
        return columnOfRow
    }
}
