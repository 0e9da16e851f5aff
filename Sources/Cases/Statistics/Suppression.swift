/// Primary and secondary cell suppression, and the audit that proves no small cell can be
/// recovered (STATISTICS.md, "Disclosure control").
struct Suppression {
    enum Status: String { case published, primary, secondary }

    let threshold: Int
    private(set) var status: [[String]: Status] = [:]

    /// Suppresses small cells, then adds complementary cells until the audit passes.
    init(table: StatsTable, threshold: Int) {
        self.threshold = threshold
        let cells = IndexedTable(table)
        var state = cells.counts.map { (1..<threshold).contains($0) ? Status.primary : .published }
        while let exposed = Self.exposed(cells, state, threshold: threshold, stopAtFirst: true).first {
            guard let pick = Self.complement(for: exposed, cells, state) else {
                // Every non-zero cell is hidden: each small cell can then grow together with
                // all its margins without bound, so this is always safe.
                for cell in state.indices where state[cell] == .published && cells.counts[cell] > 0 { state[cell] = .secondary }
                break
            }
            state[pick] = .secondary
        }
        // Give back what the greedy pass hid without need, largest counts first. Publishing a
        // cell can only expose primary cells connected to it through hidden cells.
        let secondaries = state.indices.filter { state[$0] == .secondary }
            .sorted { (cells.counts[$0], $0) > (cells.counts[$1], $1) }
        for cell in secondaries {
            let system = HiddenSystem(cells, state)
            let affected = system.component(of: system.unknown[cell]!).variables.map { system.hidden[$0] }.filter { state[$0] == .primary }
            state[cell] = .published
            if !Self.exposed(cells, state, threshold: threshold, only: Set(affected), stopAtFirst: true).isEmpty {
                state[cell] = .secondary
            }
        }
        for (cell, key) in cells.keys.enumerated() { status[key] = state[cell] }
    }

    /// The cell to hide next for an exposed one: the smallest published non-zero cell sharing
    /// an equation with it, else with any hidden cell it is linked to. Smallest counts lose
    /// least; zeros stay published, since a hidden zero next to published zeros adds no doubt.
    private static func complement(for exposed: Int, _ cells: IndexedTable, _ state: [Status]) -> Int? {
        func smallest(around members: [Int]) -> Int? {
            members.flatMap { cells.equationsOf[$0] }.flatMap { cells.equations[$0].cells }
                .filter { state[$0] == .published && cells.counts[$0] > 0 }
                .min { (cells.counts[$0], $0) < (cells.counts[$1], $1) }
        }
        if let near = smallest(around: [exposed]) { return near }
        let system = HiddenSystem(cells, state)
        return smallest(around: system.component(of: system.unknown[exposed]!).variables.map { system.hidden[$0] })
    }

    /// The attacker: for every primary cell, the range it can take in any non-negative table
    /// consistent with the published cells and the additivity equations. Returns the primary
    /// cells whose range is narrower than the threshold.
    static func audit(table: StatsTable, status: [[String]: Status], threshold: Int) -> [[String]] {
        let cells = IndexedTable(table)
        let state = cells.keys.map { status[$0] ?? .published }
        return exposed(cells, state, threshold: threshold).map { cells.keys[$0] }
    }

    private static func exposed(_ cells: IndexedTable, _ state: [Status], threshold: Int, only: Set<Int>? = nil,
                                stopAtFirst: Bool = false) -> [Int] {
        let system = HiddenSystem(cells, state)
        var exposed: [Int] = []
        for cell in system.hidden where state[cell] == .primary && (only?.contains(cell) ?? true) {
            if let width = system.rangeWidth(of: system.unknown[cell]!), width < Double(threshold) - 1e-6 {
                exposed.append(cell)
                if stopAtFirst { break }
            }
        }
        return exposed
    }
}

/// The table with cells numbered, so that the suppression loop hashes integers, not keys.
struct IndexedTable {
    let keys: [[String]]
    let counts: [Int]
    /// Each additivity equation: the parent cell and its children (parent = Σ children).
    let equations: [(parent: Int, children: [Int], cells: [Int])]
    /// For each cell, the equations it appears in.
    let equationsOf: [[Int]]

    init(_ table: StatsTable) {
        keys = table.keys
        counts = keys.map(table.count)
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        equations = table.equations.map { parent, children in
            let p = index[parent]!
            let c = children.map { index[$0]! }
            return (p, c, [p] + c)
        }
        var equationsOf = [[Int]](repeating: [], count: keys.count)
        for (e, equation) in equations.enumerated() { for cell in equation.cells { equationsOf[cell].append(e) } }
        self.equationsOf = equationsOf
    }
}

/// The suppressed cells as unknowns, and each additivity equation as a linear row over them
/// with its constant taken from the published cells.
struct HiddenSystem {
    typealias Row = (coefficients: [Int: Double], constant: Double)

    /// Cell numbers of the unknowns, and each hidden cell's unknown number.
    let hidden: [Int]
    let unknown: [Int: Int]
    let rows: [Row]
    /// For each unknown, the rows it appears in.
    private let rowsOf: [[Int]]

    init(_ cells: IndexedTable, _ state: [Suppression.Status]) {
        hidden = state.indices.filter { state[$0] != .published }
        unknown = Dictionary(uniqueKeysWithValues: hidden.enumerated().map { ($1, $0) })
        // Only equations that touch a hidden cell say anything about one.
        var touched = Set<Int>()
        for cell in hidden { touched.formUnion(cells.equationsOf[cell]) }
        var rows: [Row] = []
        for e in touched.sorted() {
            let equation = cells.equations[e]
            var coefficients: [Int: Double] = [:]
            var constant = 0.0
            for (cell, sign) in [(equation.parent, -1.0)] + equation.children.map({ ($0, 1.0) }) {
                if let i = unknown[cell] { coefficients[i, default: 0] += sign } else { constant -= sign * Double(cells.counts[cell]) }
            }
            rows.append((coefficients, constant))
        }
        self.rows = rows
        var rowsOf = [[Int]](repeating: [], count: hidden.count)
        for (r, row) in rows.enumerated() { for v in row.coefficients.keys { rowsOf[v].append(r) } }
        self.rowsOf = rowsOf
    }

    /// The unknowns and rows reachable from one unknown: only they bound it.
    func component(of start: Int) -> (variables: Set<Int>, rows: [Row]) {
        var variables: Set<Int> = [start]
        var usedRows: Set<Int> = []
        var frontier = [start]
        while let v = frontier.popLast() {
            for r in rowsOf[v] where usedRows.insert(r).inserted {
                for w in rows[r].coefficients.keys where variables.insert(w).inserted { frontier.append(w) }
            }
        }
        return (variables, usedRows.sorted().map { rows[$0] })
    }

    /// max − min of one unknown over the non-negative solutions; nil when unbounded (which
    /// protects it) or when the system has no solution (which the true table rules out).
    func rangeWidth(of unknown: Int) -> Double? {
        let (variables, componentRows) = component(of: unknown)
        guard let reduced = Self.eliminateSingletons(componentRows) else { return nil }
        if reduced.fixed[unknown] != nil { return 0 }
        let free = Array(variables.subtracting(reduced.fixed.keys)).sorted()
        let position = Dictionary(uniqueKeysWithValues: free.enumerated().map { ($1, $0) })
        let a = reduced.rows.map { row in free.map { row.coefficients[$0] ?? 0 } }
        let b = reduced.rows.map(\.constant)
        var objective = [Double](repeating: 0, count: free.count)
        objective[position[unknown]!] = 1
        guard case .optimal(let low) = LinearProgram.minimise(c: objective, a: a, b: b),
              case .optimal(let negativeHigh) = LinearProgram.minimise(c: objective.map { -$0 }, a: a, b: b) else { return nil }
        return -negativeHigh - low
    }

    /// Presolve: a row with one unknown fixes it; substitute and repeat. Exact, and it removes
    /// most of a sparse table's rows before the simplex sees them. Nil if a fixed value is
    /// negative (no solution).
    static func eliminateSingletons(_ input: [Row]) -> (rows: [Row], fixed: [Int: Double])? {
        var rows = input
        var fixed: [Int: Double] = [:]
        var changed = true
        while changed {
            changed = false
            var kept: [Row] = []
            for row in rows {
                var coefficients = row.coefficients
                var constant = row.constant
                for (v, value) in fixed where coefficients[v] != nil {
                    constant -= coefficients.removeValue(forKey: v)! * value
                }
                coefficients = coefficients.filter { $0.value != 0 }
                if coefficients.isEmpty { continue }
                if coefficients.count == 1, let (v, c) = coefficients.first {
                    let value = constant / c
                    if value < -1e-7 { return nil }
                    fixed[v] = max(0, value)
                    changed = true
                    continue
                }
                kept.append((coefficients, constant))
            }
            rows = kept
        }
        return (rows, fixed)
    }
}
