internal import CSodium

/// Secret bytes (keys, decrypted fields, passphrases) that wipe themselves when released and
/// compare in constant time. Immutable after creation, so it can be shared across tasks.
public final class SecureBytes: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer
    public let count: Int
    /// Set once, by `lockInMemory`, before the bytes are shared.
    private var locked = false

    /// Lets a C function or a copy loop write straight into the secret buffer.
    public init(count: Int, initializer: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        Sodium.ensureInitialised()
        precondition(count >= 0)
        self.count = count
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        storage = raw
        // Every stored property is set, so if this throws, `deinit` still runs and wipes and frees
        // the buffer (freeing it here as well was a double free).
        try initializer(UnsafeMutableRawBufferPointer(rebasing: raw[0..<count]))
    }

    public convenience init<Bytes: Collection>(copying bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(count: bytes.count) { buffer in
            _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
        }
    }

    /// UTF-8 bytes of a text that is personal or secret.
    public convenience init(utf8 text: String) {
        self.init(copying: Array(text.utf8))
    }

    /// Fresh random bytes from libsodium's CSPRNG.
    public static func random(count: Int) -> SecureBytes {
        SecureBytes(count: count) { buffer in
            if let base = buffer.baseAddress { randombytes_buf(base, buffer.count) }
        }
    }

    deinit {
        // sodium_munlock zeroes the bytes before unlocking them.
        if locked, let base = storage.baseAddress { _ = sodium_munlock(base, storage.count) } else { sodium_memzero(storage.baseAddress, storage.count) }
        storage.deallocate()
    }

    /// Keeps these bytes out of swap where the system allows (`sodium_mlock`, within
    /// RLIMIT_MEMLOCK): for keys a server holds for hours. Call before sharing; returns whether
    /// the lock held.
    @discardableResult
    public func lockInMemory() -> Bool {
        guard !locked else { return true }
        guard let base = storage.baseAddress else { return false }
        locked = sodium_mlock(base, storage.count) == 0
        return locked
    }

    /// True when every byte is zero: a key wiped while something still held it.
    public var isZero: Bool {
        guard count > 0, let base = storage.baseAddress else { return true }
        return sodium_is_zero(base.assumingMemoryBound(to: UInt8.self), count) == 1
    }

    /// Zeroes the secret now, before the last reference goes (a session logged out or timed
    /// out while a request may still hold it: that request then sees zeros and fails).
    public func wipe() {
        sodium_memzero(storage.baseAddress, storage.count)
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    }

    /// A plain copy. Use only for values that are about to be sealed or shown.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Decodes the bytes as UTF-8 (invalid sequences are repaired, never trapped).
    public var utf8String: String {
        withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// A new buffer with `other` appended; both stay secret.
    public func appending(_ other: SecureBytes) -> SecureBytes {
        SecureBytes(count: count + other.count) { out in
            withUnsafeBytes { out.copyMemory(from: $0) }
            other.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: out[count...]).copyMemory(from: $0)
            }
        }
    }

    /// A slice copied into its own wiping buffer.
    public func subrange(_ range: Range<Int>) -> SecureBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        return SecureBytes(count: range.count) { out in
            withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
    }
}

extension SecureBytes {
    /// Zeroes memory this type does not own (e.g. a buffer a C library allocated for a
    /// snapshot) before it is freed. `sodium_memzero`, which the compiler may not elide.
    public static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        sodium_memzero(base, buffer.count)
    }
}

extension SecureBytes: Equatable {
    /// Constant-time comparison (`sodium_memcmp`); lengths are not secret.
    public static func == (lhs: SecureBytes, rhs: SecureBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.count == 0 { return true }
        return lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in sodium_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
        }
    }
}

extension SecureBytes: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never prints the content, so a stray `print` or interpolation cannot leak a secret.
    public var description: String { "SecureBytes(\(count) bytes)" }
    public var debugDescription: String { description }
}
