import Foundation

/// Values placed into a link or a form's address: percent-encoded as one path segment or
/// one query value (then HTML-escaped like any text), so nothing in them adds a parameter or
/// folds a path.
enum URLText {
    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func component(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
