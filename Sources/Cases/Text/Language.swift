/// Language of human output: Vietnamese first, English on request. Code lists in policy
/// carry both (`CodeList`); each face chooses which one a user sees.
public enum Language: String, Sendable, CaseIterable {
    case vi, en
}
