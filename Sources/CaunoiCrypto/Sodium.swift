internal import CSodium

/// Makes sure `sodium_init` ran once before any primitive is used.
enum Sodium {
    /// `sodium_init` is thread-safe and idempotent; a static let runs it once per process.
    private static let initialised: Bool = sodium_init() >= 0

    static func ensureInitialised() {
        precondition(initialised, "libsodium could not be initialised")
    }

    /// The libsodium version string, for diagnostics and benchmarks.
    static var version: String {
        String(cString: sodium_version_string())
    }
}

/// Public face of the library for callers that need to report what they run on.
public enum CryptoLibrary {
    public static var version: String { Sodium.version }
}
