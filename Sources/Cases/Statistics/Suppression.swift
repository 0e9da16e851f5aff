/// Primary and secondary cell suppression, and the audit that proves no small cell can be
/// recovered (STATISTICS.md, "Disclosure control").
struct Suppression {
    enum Status: String { case published, primary, secondary }

    let threshold: Int
    private(set) var status: [[String]: Status] = [:]

    /// Suppresses small cells, then adds complementary cells until the audit passes.
    init(table: StatsTable, threshold: Int) {
        self.threshold = threshold
        for key in table.keys {
            let n = table.count(key)
            status[key] = (1..<threshold).contains(n) ? .primary : .published
        }
        let equations = table.equations
        while let exposed = Self.audit(table: table, status: status, threshold: threshold, equations: equations).first {
            // Protect the exposed cell: suppress the smallest non-zero published cell sharing
            // an equation with it (smallest counts lose least; a hidden zero adds no doubt).
            let neighbours = equations.filter { $0.0 == exposed || $0.1.contains(exposed) }
                .flatMap { [$0.0] + $0.1 }
                .filter { status[$0] == .published }
            let order = { (key: [String]) in (table.count(key) == 0 ? 1 : 0, table.count(key), key.joined(separator: "|")) }
            guard let pick = neighbours.min(by: { order($0) < order($1) }) else {
                // Nothing left to suppress next to it: suppress every published cell (always safe).
                for key in table.keys where status[key] == .published { status[key] = .secondary }
                break
            }
            status[pick] = .secondary
        }
        // Give back what the greedy pass hid without need, largest counts first.
        let secondaries = table.keys.filter { status[$0] == .secondary }
            .sorted { (table.count($0), $0.joined(separator: "|")) > (table.count($1), $1.joined(separator: "|")) }
        for key in secondaries {
            status[key] = .published
            if !Self.audit(table: table, status: status, threshold: threshold, equations: equations).isEmpty {
                status[key] = .secondary
            }
        }
    }

    /// The attacker: for every primary cell, the range it can take in any non-negative table
    /// consistent with the published cells and the additivity equations. Returns the primary
    /// cells whose range is narrower than the threshold.
    static func audit(table: StatsTable, status: [[String]: Status], threshold: Int,
                      equations: [([String], [[String]])]) -> [[String]] {
        let hidden = table.keys.filter { status[$0] != .published }
        guard !hidden.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: hidden.enumerated().map { ($1, $0) })
        // Each equation as coefficients over hidden cells = constant from published cells.
        var rows: [([Int: Double], Double)] = []
        for (parent, children) in equations {
            var coefficients: [Int: Double] = [:]
            var constant = 0.0
            for (key, sign) in [(parent, -1.0)] + children.map({ ($0, 1.0) }) {
                if let i = index[key] { coefficients[i, default: 0] += sign } else { constant -= sign * Double(table.count(key)) }
            }
            if !coefficients.isEmpty { rows.append((coefficients, constant)) }
        }
        var exposed: [[String]] = []
        for key in hidden where status[key] == .primary {
            // Only the equations connected to this cell matter.
            let component = connected(from: index[key]!, rows: rows)
            let variables = Array(component.variables).sorted()
            let position = Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1, $0) })
            let a = component.rows.map { row in variables.map { row.0[$0] ?? 0 } }
            let b = component.rows.map(\.1)
            var objective = [Double](repeating: 0, count: variables.count)
            objective[position[index[key]!]!] = 1
            guard case .optimal(let low) = LinearProgram.minimise(c: objective, a: a, b: b) else { continue }
            let negated = objective.map { -$0 }
            switch LinearProgram.minimise(c: negated, a: a, b: b) {
            case .unbounded: continue
            case .infeasible: continue
            case .optimal(let negativeHigh):
                if -negativeHigh - low < Double(threshold) - 1e-6 { exposed.append(key) }
            }
        }
        return exposed
    }

    private static func connected(from start: Int, rows: [([Int: Double], Double)]) -> (variables: Set<Int>, rows: [([Int: Double], Double)]) {
        var variables: Set<Int> = [start]
        var used = [Bool](repeating: false, count: rows.count)
        var changed = true
        while changed {
            changed = false
            for (i, row) in rows.enumerated() where !used[i] && row.0.keys.contains(where: variables.contains) {
                used[i] = true
                variables.formUnion(row.0.keys)
                changed = true
            }
        }
        return (variables, rows.indices.filter { used[$0] }.map { rows[$0] })
    }
}
