import CaunoiCrypto

/// The normal forms of `Normalise`, computed from a decrypted value without it ever becoming
/// a `String`: a search decrypts up to fifty women per lookup to compare them with what was
/// typed, and a `String` of each would stay in freed heap memory. Here the value is decoded
/// from its wiped buffer scalar by scalar and folded into another wiped buffer, with the same
/// per-scalar rules as `Normalise` (tests check both agree).
enum WipedNormalForms {
    /// A name folded into tokens (`Normalise.nameTokens`), in a wiped buffer.
    struct Name {
        let folded: SecureBytes
        /// Each token's bytes in `folded` (tokens are separated by one space).
        let tokens: [Range<Int>]

        init(_ text: PersonalText) {
            folded = text.secret.withUnsafeBytes { input in
                WipedNormalForms.written { sink in
                    var tokens = TokenWriter()
                    for scalar in UTF8Scalars(input) {
                        Normalise.foldName(scalar) { tokens.append($0, to: &sink) }
                    }
                }
            }
            var ranges: [Range<Int>] = []
            folded.withUnsafeBytes { bytes in
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x20 {
                    if index > start { ranges.append(start..<index) }
                    start = index + 1
                }
            }
            tokens = ranges
        }

        /// Same tokens as `query`, each as often, in any order: `Normalise.nameKey` equality.
        func hasExactly(_ query: [[UInt8]]) -> Bool {
            tokens.count == query.count && contains(query)
        }

        /// Every query token appears (as many times as in the query).
        func contains(_ query: [[UInt8]]) -> Bool {
            folded.withUnsafeBytes { bytes in
                var used = [Bool](repeating: false, count: tokens.count)
                for wanted in query {
                    guard let hit = tokens.indices.first(where: { !used[$0] && bytes[tokens[$0]].elementsEqual(wanted) }) else { return false }
                    used[hit] = true
                }
                return true
            }
        }

        /// Both names have the same tokens (as `nameKey(a) == nameKey(b)`), compared buffer to
        /// buffer: no token is copied out of either.
        func sameName(as other: Name) -> Bool {
            guard tokens.count == other.tokens.count else { return false }
            return folded.withUnsafeBytes { mine in
                other.folded.withUnsafeBytes { theirs in
                    var used = [Bool](repeating: false, count: tokens.count)
                    for wanted in other.tokens {
                        guard let hit = tokens.indices.first(where: { !used[$0] && mine[tokens[$0]].elementsEqual(theirs[wanted]) }) else {
                            return false
                        }
                        used[hit] = true
                    }
                    return true
                }
            }
        }
    }

    /// `Normalise.phone` of a decrypted value, in a wiped buffer.
    static func phone(_ text: PersonalText) -> SecureBytes {
        text.secret.withUnsafeBytes { input in
            let scalars = UTF8Scalars(input)
            let digits = written { sink in
                for scalar in scalars { Normalise.phoneDigit(scalar).map { sink.append($0) } }
            }
            let plus = Normalise.hasPlus(scalars)
            let doubleZero = input.starts(with: [0x30, 0x30])
            return digits.withUnsafeBytes { digits in
                written { sink in Normalise.nationalForm(digits: digits, plus: plus, doubleZero: doubleZero) { sink.append($0) } }
            }
        }
    }

    /// `Normalise.document` of a decrypted value, in a wiped buffer.
    static func document(_ text: PersonalText) -> SecureBytes {
        text.secret.withUnsafeBytes { input in
            written { sink in
                for scalar in UTF8Scalars(input) { Normalise.foldDocument(scalar) { sink.append($0) } }
            }
        }
    }

    /// Runs `produce` twice, first to count the bytes and then to write them into a wiped
    /// buffer of exactly that size: no growable array ever holds them.
    static func written(_ produce: (inout Sink) -> Void) -> SecureBytes {
        var counter = Sink(buffer: nil)
        produce(&counter)
        return SecureBytes(count: counter.position) { buffer in
            var writer = Sink(buffer: buffer)
            produce(&writer)
        }
    }

    /// Counts bytes, or writes them when it has a buffer.
    struct Sink {
        let buffer: UnsafeMutableRawBufferPointer?
        var position = 0

        init(buffer: UnsafeMutableRawBufferPointer?) { self.buffer = buffer }

        mutating func append(_ byte: UInt8) {
            buffer?[position] = byte
            position += 1
        }

        mutating func append(_ scalar: Unicode.Scalar) {
            for byte in UTF8.encode(scalar)! { append(byte) }
        }
    }

    /// Folded scalars into tokens: spaces collapsed, none leading or trailing.
    struct TokenWriter {
        private var started = false
        private var pendingSpace = false

        mutating func append(_ scalar: Unicode.Scalar, to sink: inout Sink) {
            if scalar == " " {
                pendingSpace = started
                return
            }
            if pendingSpace { sink.append(UInt8(ascii: " ")) }
            pendingSpace = false
            started = true
            sink.append(scalar)
        }
    }

    /// The scalars of UTF-8 bytes in place (an invalid sequence reads as U+FFFD, as
    /// `String(decoding:as:)` would).
    struct UTF8Scalars: Sequence, IteratorProtocol {
        private var bytes: UnsafeRawBufferPointer.Iterator
        private var decoder = UTF8()

        init(_ buffer: UnsafeRawBufferPointer) { bytes = buffer.makeIterator() }

        mutating func next() -> Unicode.Scalar? {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar): return scalar
            case .emptyInput: return nil
            case .error: return "\u{FFFD}"
            }
        }
    }
}
