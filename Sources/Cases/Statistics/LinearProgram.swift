/// A dense two-phase simplex for the disclosure audit: the attacker's computation of how far
/// a suppressed cell can move.
///
///     minimise c·x  subject to  A x = b,  x ≥ 0
///
/// Entering columns follow Dantzig's rule (most negative reduced cost: few pivots); after a run
/// of degenerate pivots it switches to Bland's rule, which cannot cycle. The tableau is one flat
/// array and a pivot touches only the pivot row's non-zero columns, since the audit's systems
/// are sums of a few cells each.
enum LinearProgram {
    enum Outcome: Equatable {
        case optimal(Double)
        case unbounded
        case infeasible
    }

    static let epsilon = 1e-9
    /// Degenerate pivots in a row before Bland's rule takes over.
    static let degenerateRun = 50

    static func minimise(c: [Double], a: [[Double]], b: [Double]) -> Outcome {
        let m = a.count
        let n = c.count
        guard m > 0 else {
            // No constraints: bounded below by 0 only if no cost is negative.
            return c.contains { $0 < -epsilon } ? .unbounded : .optimal(0)
        }
        var tableau = Tableau(a: a, b: b, originals: n)
        // Phase 1: minimise the sum of artificials (objective row holds reduced costs).
        for i in 0..<m { for j in 0..<tableau.width where j < n || j == tableau.rhs { tableau[m, j] -= tableau[i, j] } }
        guard tableau.pivotToOptimum(allowed: n + m) else { return .infeasible }
        if -tableau[m, tableau.rhs] > 1e-7 { return .infeasible }
        // Drive artificials out of the basis where possible.
        for i in 0..<m where tableau.basis[i] >= n {
            if let j = (0..<n).first(where: { abs(tableau[i, $0]) > epsilon }) { tableau.pivot(row: i, column: j) }
        }
        // Phase 2: the real objective over the original columns.
        for j in 0..<tableau.width { tableau[m, j] = j < n ? c[j] : 0 }
        for i in 0..<m where tableau.basis[i] < n {
            let factor = tableau[m, tableau.basis[i]]
            if factor != 0 { for j in 0..<tableau.width { tableau[m, j] -= factor * tableau[i, j] } }
        }
        guard tableau.pivotToOptimum(allowed: n) else { return .unbounded }
        return .optimal(-tableau[m, tableau.rhs])
    }
}

/// Rows 0..<m are constraints, row m the objective; columns: originals, one artificial per
/// row, then the right-hand side.
private struct Tableau {
    let rows: Int
    let width: Int
    var cells: [Double]
    var basis: [Int]

    var rhs: Int { width - 1 }

    init(a: [[Double]], b: [Double], originals n: Int) {
        let m = a.count
        rows = m + 1
        width = n + m + 1
        cells = [Double](repeating: 0, count: rows * width)
        basis = Array(n..<(n + m))
        for i in 0..<m {
            let sign: Double = b[i] < 0 ? -1 : 1
            for j in 0..<n where a[i][j] != 0 { cells[i * width + j] = sign * a[i][j] }
            cells[i * width + n + i] = 1
            cells[i * width + width - 1] = sign * b[i]
        }
    }

    subscript(i: Int, j: Int) -> Double {
        get { cells[i * width + j] }
        set { cells[i * width + j] = newValue }
    }

    /// Pivots until no allowed column has a negative reduced cost; false when unbounded.
    mutating func pivotToOptimum(allowed: Int) -> Bool {
        let m = rows - 1
        var degenerate = 0
        while true {
            let objective = m * width
            var column = -1
            if degenerate < LinearProgram.degenerateRun {
                var most = -LinearProgram.epsilon
                for j in 0..<allowed where cells[objective + j] < most { most = cells[objective + j]; column = j }
            } else {
                column = (0..<allowed).first { cells[objective + $0] < -LinearProgram.epsilon } ?? -1
            }
            guard column >= 0 else { return true }
            var best: (row: Int, ratio: Double)?
            for i in 0..<m where cells[i * width + column] > LinearProgram.epsilon {
                let ratio = cells[i * width + rhs] / cells[i * width + column]
                if best == nil || ratio < best!.ratio - LinearProgram.epsilon
                    || (abs(ratio - best!.ratio) <= LinearProgram.epsilon && basis[i] < basis[best!.row]) {
                    best = (i, ratio)
                }
            }
            guard let row = best?.row else { return false }
            degenerate = best!.ratio <= LinearProgram.epsilon ? degenerate + 1 : 0
            pivot(row: row, column: column)
        }
    }

    mutating func pivot(row: Int, column: Int) {
        let width = self.width
        let rows = self.rows
        cells.withUnsafeMutableBufferPointer { t in
            let start = row * width
            let value = t[start + column]
            var nonZero: [Int] = []
            for j in 0..<width where t[start + j] != 0 {
                let scaled = t[start + j] / value
                // Round-off below this is noise; dropping it keeps rows sparse.
                t[start + j] = abs(scaled) < 1e-12 ? 0 : scaled
                if t[start + j] != 0 { nonZero.append(j) }
            }
            for i in 0..<rows where i != row {
                let base = i * width
                let factor = t[base + column]
                guard factor != 0 else { continue }
                for j in nonZero {
                    let updated = t[base + j] - factor * t[start + j]
                    t[base + j] = abs(updated) < 1e-12 ? 0 : updated
                }
                t[base + column] = 0
            }
        }
        basis[row] = column
    }
}
