import Foundation

/// Switches `perf record` on only around caunoi's side of one phase, so a profile shows where
/// that phase spends its time (scripts/profile). perf is started with `--control fifo:CTL,ACK
/// --delay=-1`; the bench writes `enable`/`disable` to CTL and waits for perf's `ack`.
/// Without `CAUNOI_BENCH_PERF_CTL` every call is a no-op.
final class Profiler {
    let phase: String?
    private let control: FileHandle?
    private let acknowledge: FileHandle?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        phase = environment["CAUNOI_BENCH_PROFILE"]
        if let controlPath = environment["CAUNOI_BENCH_PERF_CTL"], let ackPath = environment["CAUNOI_BENCH_PERF_ACK"], phase != nil {
            control = FileHandle(forWritingAtPath: controlPath)
            acknowledge = FileHandle(forReadingAtPath: ackPath)
        } else {
            control = nil
            acknowledge = nil
        }
    }

    /// Runs `body`, recorded by perf when `name` is the phase being profiled.
    func around<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard name == phase, let control, let acknowledge else { return try body() }
        send("enable", control, acknowledge)
        defer { send("disable", control, acknowledge) }
        return try body()
    }

    private func send(_ command: String, _ control: FileHandle, _ acknowledge: FileHandle) {
        control.write(Data("\(command)\n".utf8))
        _ = acknowledge.availableData
    }
}
