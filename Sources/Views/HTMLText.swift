/// Text placed into the HTML documents caunoi writes (referral letters, subject exports).
public enum HTMLText {
    /// Escapes for element content and quoted attributes, so the page also parses as XML.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
