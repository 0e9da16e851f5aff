import CProcess
#if canImport(Glibc)
import Glibc
#endif

/// What the server does to its own process before it holds anyone's keys: no core dump may
/// ever write them to disk (docs/SECURITY.md, "The server").
public enum ProcessHardening {
    /// Sets the core-dump limit to zero and marks the process non-dumpable (which also keeps
    /// other processes of the same user from attaching to it). Returns whether both held.
    @discardableResult
    public static func refuseCoreDumps() -> Bool {
        #if os(Linux)
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        let limited = setrlimit(Int32(RLIMIT_CORE.rawValue), &limit) == 0
        let undumpable = caunoi_set_undumpable() == 0
        return limited && undumpable
        #else
        return false
        #endif
    }

    /// Whether this process is marked non-dumpable now (for tests).
    public static var isDumpable: Bool {
        #if os(Linux)
        return caunoi_is_dumpable() != 0
        #else
        return true
        #endif
    }
}
