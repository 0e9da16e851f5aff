import Cases
import CaunoiCrypto
import Foundation
import GRDB

/// `caunoi-bench`: national-scale figures for caunoi against a plaintext baseline measured in
/// the same run (issue 7, docs/BENCHMARKS.md). Build in release:
///
///     swift run -c release caunoi-bench                 # 10k and 100k cases
///     swift run -c release caunoi-bench --scale 1m      # the full size
@main
struct Bench {
    static func main() async throws {
        var scales: [Int] = []
        var seed: UInt64 = 20_261_123
        var keep: String? = nil
        var reuse: String? = nil
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--scale":
                guard let text = arguments.next(), let scale = parseScale(text) else { usage() }
                scales.append(scale)
            case "--keep":
                guard let path = arguments.next() else { usage() }
                keep = path
            case "--reuse":
                guard let path = arguments.next() else { usage() }
                reuse = path
            case "--seed":
                guard let text = arguments.next(), let value = UInt64(text) else { usage() }
                seed = value
            default:
                usage()
            }
        }
        if scales.isEmpty { scales = [10_000, 100_000] }
        let policy = try Policy.load(from: Policy.locate(explicit: ProcessInfo.processInfo.environment["CAUNOI_POLICY"]))
        print("caunoi-bench: seed \(seed), scales \(scales.map(label).joined(separator: ", ")), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        for scale in scales {
            let run = ScaleRun(scale: scale, seed: seed, policy: policy, keep: keep)
            if let reuse { try await run.lookupsOnly(directory: reuse) } else { try await run.run() }
        }
    }

    static func parseScale(_ text: String) -> Int? {
        switch text.lowercased() {
        case "10k": 10_000
        case "100k": 100_000
        case "1m": 1_000_000
        default: Int(text).flatMap { $0 > 0 ? $0 : nil }
        }
    }

    static func label(_ scale: Int) -> String {
        scale >= 1_000_000 ? "\(scale / 1_000_000)m" : scale >= 1000 ? "\(scale / 1000)k" : String(scale)
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: caunoi-bench [--scale 10k|100k|1m|N]... [--seed N] [--keep DIR | --reuse DIR]\n".utf8))
        exit(64)
    }
}
