import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form: fields in order, repeated names kept
/// (several phones, several needs). Values stay in memory for the request only; they are never
/// logged or echoed into a URL.
struct FormData: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    /// The largest form body accepted: a case with long notes fits well inside.
    static let maximumBytes = 256 * 1024
    /// No form of caunoi has more fields, nor repeats one more often (phones, needs, names).
    static let maximumFields = 500
    static let maximumRepeats = 50

    /// Why a body is not a form caunoi accepts: the page answers 413 or 400 and nothing is done.
    enum Refusal: Error {
        case tooLarge, malformed
    }

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    /// A malformed escape, bytes that are not UTF-8, or more fields than any form has refuse
    /// the whole body: a value silently dropped could make a step look done when it was not.
    init(urlEncoded body: String) throws(Refusal) {
        var repeats: [String: Int] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = parts.count > 1 ? Self.decode(parts[1]) : "" else { throw .malformed }
            repeats[name, default: 0] += 1
            guard fields.count < Self.maximumFields, repeats[name]! <= Self.maximumRepeats else { throw .malformed }
            fields.append((name, value))
        }
    }

    static func read(_ request: Request, context: WebContext) async throws(Refusal) -> FormData {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: maximumBytes) } catch { throw .tooLarge }
        return try FormData(urlEncoded: String(buffer: buffer))
    }

    /// The first non-empty value, trimmed; nil when absent or blank.
    func value(_ name: String) -> String? {
        fields.first { $0.name == name && !$0.value.trimmingSpaces.isEmpty }.map { $0.value.trimmingSpaces }
    }

    /// Every non-empty value given under `name`, trimmed, in order.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value.trimmingSpaces).filter { !$0.isEmpty }
    }

    /// The value as typed (for a form shown again), empty when absent.
    func raw(_ name: String) -> String { fields.first { $0.name == name }?.value ?? "" }

    /// `+` is a space; `%XY` a byte; bytes are UTF-8. Malformed escapes make the field unreadable.
    private static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
