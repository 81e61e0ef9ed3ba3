import Foundation
import QualKit
import QualKitCommandLine

extension BenchCommands {
    /// Solves a cost matrix written by `Benchmarks/match_vs_scipy.py`, for the comparison with
    /// SciPy's `linear_sum_assignment` on the same file.
    static let assign: Command = {
        let matrix = Opt<String?>.path(
            "matrix", help: "CSV of whole-number costs, one row per participant, no header (required).")
        let flow = Opt<Bool>.flag("flow", help: "Solve with the min-cost flow instead of the dense solver.")
        return Command(
            path: ["assign"],
            summary: "Time the optimal assignment of a full cost matrix (see Benchmarks/match_vs_scipy.sh).",
            discussion:
                "Reads the matrix, then times the solve alone and prints rows, columns, the optimal total and the seconds, one per line as name=value.",
            options: [matrix, flow],
            examples: ["qualkit-bench assign --matrix costs.csv"]
        ) { inv in
            guard let path = inv[matrix] else {
                throw UsageError(message: "--matrix FILE is required.", command: inv.command)
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw MissingInputFile(path: path)
            }
            var cost: [Int64] = []
            var rows = 0
            for line in text.split(separator: "\n") where !line.isEmpty {
                for cell in line.split(separator: ",") {
                    guard let value = Int64(cell.trimmingCharacters(in: .whitespaces)) else {
                        throw InvalidInput(file: path, line: rows + 1, "'\(cell)' is not a whole number")
                    }
                    cost.append(value)
                }
                rows += 1
            }
            let columns = rows == 0 ? 0 : cost.count / rows
            guard rows * columns == cost.count else {
                throw InvalidInput(file: path, line: nil, "rows have different lengths")
            }
            let total: Int64
            let seconds: Double
            if inv[flow] {
                // The network `qualkit match` builds: source, rows, columns, sink.
                let ((network, edges), time) = BenchmarkClock.time { () -> (MinCostFlow, [Int]) in
                    var network = MinCostFlow(nodes: rows + columns + 2)
                    let sink = rows + columns + 1
                    for r in 0..<rows { network.addEdge(from: 0, to: 1 + r, capacity: 1, cost: 0) }
                    let edges = (0..<(rows * columns)).map {
                        network.addEdge(
                            from: 1 + $0 / columns, to: 1 + rows + $0 % columns, capacity: 1, cost: Int(cost[$0]))
                    }
                    for c in 0..<columns { network.addEdge(from: 1 + rows + c, to: sink, capacity: 1, cost: 0) }
                    _ = network.solve(source: 0, sink: sink)
                    return (network, edges)
                }
                total = edges.enumerated().reduce(0) { $0 + (network.flow(on: $1.element) > 0 ? cost[$1.offset] : 0) }
                seconds = time
            } else if rows <= columns {
                let (assignment, time) = BenchmarkClock.time {
                    DenseAssignment.solve(rows: rows, columns: columns, cost: cost)
                }
                total = assignment.enumerated().reduce(0) { $0 + cost[$1.offset * columns + $1.element] }
                seconds = time
            } else {
                var transposed = [Int64](repeating: 0, count: cost.count)
                for r in 0..<rows { for c in 0..<columns { transposed[c * rows + r] = cost[r * columns + c] } }
                let (assignment, time) = BenchmarkClock.time {
                    DenseAssignment.solve(rows: columns, columns: rows, cost: transposed)
                }
                total = assignment.enumerated().reduce(0) { $0 + transposed[$1.offset * rows + $1.element] }
                seconds = time
            }
            inv.console.line("rows=\(rows)")
            inv.console.line("columns=\(columns)")
            inv.console.line("total=\(total)")
            inv.console.line("seconds=\(String(format: "%.6f", seconds))")
        }
    }()
}
