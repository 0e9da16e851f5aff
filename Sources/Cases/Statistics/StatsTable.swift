/// A k-dimensional count table over full code lists, with every margin. A cell's key holds a
/// code per dimension or `*` where it sums over that dimension.
struct StatsTable {
    static let all = "*"

    let dimensions: [String]
    let codes: [[String]]
    /// Interior and margin cells, keyed by their codes (with `*`).
    private(set) var counts: [[String]: Int] = [:]

    init(dimensions: [String], codes: [[String]]) {
        self.dimensions = dimensions
        self.codes = codes
        for key in Self.allKeys(codes) { counts[key] = 0 }
    }

    /// Every key: each dimension takes one of its codes or `*`.
    static func allKeys(_ codes: [[String]]) -> [[String]] {
        codes.reduce([[]]) { partial, list in partial.flatMap { prefix in (list + [all]).map { prefix + [$0] } } }
    }

    /// Adds one unit at an interior cell (and so to every margin above it).
    mutating func add(_ interior: [String], weight: Int = 1) {
        for mask in 0..<(1 << interior.count) {
            var key = interior
            for d in 0..<interior.count where mask & (1 << d) != 0 { key[d] = Self.all }
            counts[key, default: 0] += weight
        }
    }

    var keys: [[String]] { Self.allKeys(codes) }

    func count(_ key: [String]) -> Int { counts[key] ?? 0 }

    /// The additivity equations a reader knows: each cell with a `*` equals the sum of its
    /// children along that dimension. Returned as (parent, children).
    var equations: [([String], [[String]])] {
        var out: [([String], [[String]])] = []
        for key in keys {
            for (d, code) in key.enumerated() where code == Self.all {
                out.append((key, codes[d].map { child in var k = key; k[d] = child; return k }))
            }
        }
        return out
    }
}
