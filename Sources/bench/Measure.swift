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

    /// CPU seconds (user + system) this process has used so far: steadier than wall time on a
    /// shared virtual machine, so the import figure is printed both ways.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Wall and CPU seconds taken by `body`.
    static func timeWithCPU(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpu = cpuSeconds()
        let wall = try time(body).0
        return (wall, cpuSeconds() - cpu)
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
