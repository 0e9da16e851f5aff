import Foundation
import Testing

// A small Wycheproof-style runner: each file in Vectors/ is
// `{ algorithm, source, numberOfTests, tests: [{ tcId, comment, result: "valid" | "invalid", … }] }`
// with byte strings in hex. Provenance of every file: Vectors/make_vectors.py.

enum VectorResult: String, Decodable, Sendable {
    case valid, invalid
}

protocol VectorCase: Decodable, Sendable {
    var tcId: Int { get }
    var comment: String { get }
    var result: VectorResult { get }
}

struct VectorFile<Case: VectorCase>: Decodable {
    let algorithm: String
    let source: String
    let numberOfTests: Int
    let tests: [Case]
}

/// Bytes written as a hex string in a vector file.
struct Hex: Decodable, Sendable {
    let bytes: [UInt8]

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let bytes = [UInt8](hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not hex: \(text)"))
        }
        self.bytes = bytes
    }
}

extension [UInt8] {
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self = bytes
    }

    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }
}

func loadVectors<Case: VectorCase>(_ name: String, as _: Case.Type) throws -> VectorFile<Case> {
    // `.copy("Vectors")` keeps the folder, so the files sit in the bundle's "Vectors" subdirectory.
    let url = try #require(
        Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors"),
        "Vectors/\(name).json is not in the test bundle")
    return try JSONDecoder().decode(VectorFile<Case>.self, from: Data(contentsOf: url))
}

/// Runs every case of `Vectors/<name>.json`. `accepts` answers whether the implementation accepts the
/// case *and* reproduces its outputs; a valid case must be accepted and an invalid one refused. The
/// closure turns only the expected refusal (a specific `CryptoError`, or `false`) into `false`: any
/// other thrown error fails the case.
func runVectors<Case: VectorCase>(
    _ name: String, as type: Case.Type, sourceLocation: SourceLocation = #_sourceLocation,
    _ accepts: (Case) throws -> Bool
) throws {
    let file = try loadVectors(name, as: type)
    #expect(!file.tests.isEmpty && file.tests.count == file.numberOfTests, "\(name): test count", sourceLocation: sourceLocation)
    for test in file.tests {
        let label = "\(file.algorithm) tcId \(test.tcId) (\(test.comment)), expected \(test.result.rawValue)"
        do {
            let accepted = try accepts(test)
            #expect(accepted == (test.result == .valid), "\(label)", sourceLocation: sourceLocation)
        } catch {
            Issue.record(error, "\(label)", sourceLocation: sourceLocation)
        }
    }
}
