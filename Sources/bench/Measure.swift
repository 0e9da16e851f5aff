import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Timing and memory helpers for the benchmark. Monotonic clock; percentiles by rank.
enum Measure {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Seconds taken by `body`, and what it returned.
    static func time<T>(_ body: () throws -> T) rethrows -> (Double, T) {
        let start = now()
        let value = try body()
        return (Double(now() - start) / 1e9, value)
    }

    /// Milliseconds per call of `body` over `inputs`.
    static func latencies<T>(_ inputs: [T], _ body: (T) throws -> Void) rethrows -> [Double] {
        try inputs.map { input in
            let start = now()
            try body(input)
            return Double(now() - start) / 1e6
        }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Peak resident memory of this process so far, in MiB.
    static func peakMemoryMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
    }
}
