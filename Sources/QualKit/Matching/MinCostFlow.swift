/// Minimum-cost maximum flow on a directed graph with integer capacities and non-negative
/// integer costs.
///
/// The primal–dual method: Dijkstra on reduced costs finds the shortest augmenting distance and
/// updates node potentials (Johnson's trick keeps reduced costs non-negative); then a Dinic
/// blocking flow saturates every augmenting path of zero reduced cost at once. Each phase
/// raises the shortest distance, so with the small integer costs of matching there are few
/// phases, and the result is a maximum flow of minimum cost (Ahuja, Magnanti & Orlin,
/// *Network Flows*, 1993, ch. 9).
///
/// Deterministic: nodes and edges are visited in insertion order and ties go to the lower index.
public struct MinCostFlow: Sendable {
    public let nodeCount: Int
    private var adjacency: [[Int32]]
    private var head: [Int32] = []
    private var capacity: [Int32] = []
    private var cost: [Int64] = []

    public init(nodes: Int) {
        nodeCount = nodes
        adjacency = Array(repeating: [], count: nodes)
    }

    /// Adds an edge and returns its id, for ``flow(on:)``.
    @discardableResult
    public mutating func addEdge(from: Int, to: Int, capacity edgeCapacity: Int, cost edgeCost: Int) -> Int {
        precondition(edgeCost >= 0, "costs must be non-negative")
        let id = head.count
        head.append(Int32(to))
        capacity.append(Int32(edgeCapacity))
        cost.append(Int64(edgeCost))
        head.append(Int32(from))
        capacity.append(0)
        cost.append(Int64(-edgeCost))
        adjacency[from].append(Int32(id))
        adjacency[to].append(Int32(id + 1))
        return id
    }

    /// Units of flow on edge `id` after ``solve(source:sink:)``.
    public func flow(on id: Int) -> Int { Int(capacity[id ^ 1]) }

    /// Sends as much flow as possible from `source` to `sink` at minimum total cost.
    public mutating func solve(source: Int, sink: Int) -> (flow: Int, cost: Int) {
        var potential = [Int64](repeating: 0, count: nodeCount)
        var distance = [Int64](repeating: 0, count: nodeCount)
        var level = [Int32](repeating: 0, count: nodeCount)
        var nextArc = [Int](repeating: 0, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        var heap = MinHeap()
        var path: [Int32] = []
        var totalFlow = 0
        let unreachable = Int64.max / 4

        while true {
            // Shortest reduced distances from the source.
            for node in 0..<nodeCount { distance[node] = unreachable }
            distance[source] = 0
            heap.push(0, Int32(source))
            while let (d, node) = heap.pop() {
                let u = Int(node)
                if d > distance[u] { continue }
                for edge in adjacency[u] {
                    let e = Int(edge)
                    guard capacity[e] > 0 else { continue }
                    let v = Int(head[e])
                    let candidate = d + cost[e] + potential[u] - potential[v]
                    if candidate < distance[v] {
                        distance[v] = candidate
                        heap.push(candidate, head[e])
                    }
                }
            }
            let sinkDistance = distance[sink]
            if sinkDistance >= unreachable { break }
            for node in 0..<nodeCount { potential[node] += min(distance[node], sinkDistance) }

            // Blocking flows on the admissible graph: residual edges of zero reduced cost.
            while true {
                for node in 0..<nodeCount { level[node] = -1 }
                level[source] = 0
                var front = 0
                var back = 0
                queue[back] = Int32(source)
                back += 1
                while front < back {
                    let u = Int(queue[front])
                    front += 1
                    for edge in adjacency[u] {
                        let e = Int(edge)
                        let v = Int(head[e])
                        if capacity[e] > 0 && level[v] < 0 && cost[e] + potential[u] - potential[v] == 0 {
                            level[v] = level[u] + 1
                            queue[back] = Int32(v)
                            back += 1
                        }
                    }
                }
                if level[sink] < 0 { break }
                for node in 0..<nodeCount { nextArc[node] = 0 }
                // Iterative depth-first augmentation with current-arc pointers.
                var u = source
                path.removeAll(keepingCapacity: true)
                while true {
                    if u == sink {
                        var bottleneck = Int32.max
                        for edge in path { bottleneck = min(bottleneck, capacity[Int(edge)]) }
                        for edge in path {
                            capacity[Int(edge)] -= bottleneck
                            capacity[Int(edge) ^ 1] += bottleneck
                        }
                        totalFlow += Int(bottleneck)
                        path.removeAll(keepingCapacity: true)
                        u = source
                        continue
                    }
                    var advanced = false
                    let arcs = adjacency[u]
                    while nextArc[u] < arcs.count {
                        let e = Int(arcs[nextArc[u]])
                        let v = Int(head[e])
                        if capacity[e] > 0 && level[v] == level[u] + 1 && cost[e] + potential[u] - potential[v] == 0 {
                            path.append(Int32(e))
                            u = v
                            advanced = true
                            break
                        }
                        nextArc[u] += 1
                    }
                    if advanced { continue }
                    level[u] = -1  // dead end for the rest of this phase
                    guard let last = path.popLast() else { break }
                    u = Int(head[Int(last) ^ 1])
                    nextArc[u] += 1
                }
            }
        }
        var totalCost = 0
        for id in stride(from: 0, to: head.count, by: 2) { totalCost += Int(capacity[id + 1]) * Int(cost[id]) }
        return (totalFlow, totalCost)
    }
}

/// A binary min-heap of (key, node), ties broken by node for determinism.
struct MinHeap {
    private var keys: [Int64] = []
    private var nodes: [Int32] = []

    mutating func push(_ key: Int64, _ node: Int32) {
        keys.append(key)
        nodes.append(node)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            keys.swapAt(child, parent)
            nodes.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Int64, Int32)? {
        guard !keys.isEmpty else { return nil }
        let top = (keys[0], nodes[0])
        let lastKey = keys.removeLast()
        let lastNode = nodes.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            nodes[0] = lastNode
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < keys.count && less(left, smallest) { smallest = left }
                if right < keys.count && less(right, smallest) { smallest = right }
                if smallest == parent { break }
                keys.swapAt(parent, smallest)
                nodes.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        keys[a] < keys[b] || (keys[a] == keys[b] && nodes[a] < nodes[b])
    }
}
