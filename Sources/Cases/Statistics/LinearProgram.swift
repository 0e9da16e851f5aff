/// A small dense two-phase simplex (Bland's rule, so it cannot cycle) for the disclosure
/// audit: the attacker's computation of how far a suppressed cell can move.
///
///     minimise c·x  subject to  A x = b,  x ≥ 0
enum LinearProgram {
    enum Outcome: Equatable {
        case optimal(Double)
        case unbounded
        case infeasible
    }

    static let epsilon = 1e-9

    static func minimise(c: [Double], a: [[Double]], b: [Double]) -> Outcome {
        let m = a.count
        let n = c.count
        guard m > 0 else {
            // No constraints: bounded below by 0 only if no cost is negative.
            return c.contains { $0 < -epsilon } ? .unbounded : .optimal(0)
        }
        // Tableau columns: n originals, m artificials, then the right-hand side.
        let width = n + m + 1
        var t = [[Double]](repeating: [Double](repeating: 0, count: width), count: m + 1)
        var basis = [Int](repeating: 0, count: m)
        for i in 0..<m {
            let sign: Double = b[i] < 0 ? -1 : 1
            for j in 0..<n { t[i][j] = sign * a[i][j] }
            t[i][n + i] = 1
            t[i][width - 1] = sign * b[i]
            basis[i] = n + i
        }
        // Phase 1: minimise the sum of artificials (objective row holds reduced costs).
        for j in 0..<width { t[m][j] = 0 }
        for i in 0..<m { for j in 0..<width where j < n || j == width - 1 { t[m][j] -= t[i][j] } }
        guard pivotToOptimum(&t, &basis, allowed: n + m) else { return .infeasible }
        if -t[m][width - 1] > 1e-7 { return .infeasible }
        // Drive artificials out of the basis where possible.
        for i in 0..<m where basis[i] >= n {
            if let j = (0..<n).first(where: { abs(t[i][$0]) > epsilon }) { pivot(&t, &basis, row: i, column: j) }
        }
        // Phase 2: the real objective over the original columns.
        for j in 0..<width { t[m][j] = j < n ? c[j] : 0 }
        for i in 0..<m where basis[i] < n {
            let factor = t[m][basis[i]]
            if abs(factor) > 0 { for j in 0..<width { t[m][j] -= factor * t[i][j] } }
        }
        guard pivotToOptimum(&t, &basis, allowed: n) else { return .unbounded }
        return .optimal(-t[m][width - 1])
    }

    /// Pivots until no allowed column has a negative reduced cost; false when unbounded.
    private static func pivotToOptimum(_ t: inout [[Double]], _ basis: inout [Int], allowed: Int) -> Bool {
        let m = basis.count
        let rhs = t[0].count - 1
        while true {
            guard let column = (0..<allowed).first(where: { t[m][$0] < -epsilon }) else { return true }
            var best: (row: Int, ratio: Double)?
            for i in 0..<m where t[i][column] > epsilon {
                let ratio = t[i][rhs] / t[i][column]
                if best == nil || ratio < best!.ratio - epsilon || (abs(ratio - best!.ratio) <= epsilon && basis[i] < basis[best!.row]) {
                    best = (i, ratio)
                }
            }
            guard let row = best?.row else { return false }
            pivot(&t, &basis, row: row, column: column)
        }
    }

    private static func pivot(_ t: inout [[Double]], _ basis: inout [Int], row: Int, column: Int) {
        let value = t[row][column]
        for j in 0..<t[row].count { t[row][j] /= value }
        for i in 0..<t.count where i != row {
            let factor = t[i][column]
            if abs(factor) > 0 { for j in 0..<t[i].count { t[i][j] -= factor * t[row][j] } }
        }
        basis[row] = column
    }
}
