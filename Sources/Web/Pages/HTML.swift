import Views

/// A piece of HTML that is safe by construction: the literal parts of a template are trusted,
/// and every `String` interpolated into it is escaped (element content and quoted attributes
/// alike). Only `HTML` values are inserted as they are, so a name typed with `<script>` in it
/// shows as text.
public struct HTML: Sendable, ExpressibleByStringInterpolation, ExpressibleByStringLiteral {
    public private(set) var text: String

    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Markup that needs no escaping because nothing in it came from outside.
    static func trusted(_ markup: String) -> HTML { HTML(stringLiteral: markup) }

    static let empty: HTML = ""

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        public mutating func appendInterpolation(_ value: String) { text += HTMLText.escape(value) }
        public mutating func appendInterpolation(_ value: String?) { text += HTMLText.escape(value ?? "") }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ html: HTML) { text += html.text }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { text += part.text } }
    }
}

extension Array where Element == HTML {
    func joined() -> HTML { .trusted(map(\.text).joined()) }
}
