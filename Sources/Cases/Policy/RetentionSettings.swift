import Foundation

/// `policy/retention.yaml`: how many whole years after closing each programme's cases keep
/// a woman's personal data before `retention run` erases it.
public struct RetentionSettings: Sendable, Equatable {
    public let keepYears: [Programme: Int]

    static let file = "retention.yaml"

    static func read(_ directory: URL) -> (RetentionSettings?, [PolicyProblem]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.root(in: directory) else { return (nil, reader.problems) }
        let key = "keep_after_closing_years"
        guard let periods = root.mapping?[key], let mapping = periods.mapping else {
            reader.problem("missing mapping `\(key)`", at: root)
            return (nil, reader.problems)
        }
        var years: [Programme: Int] = [:]
        for (name, value) in mapping {
            guard let code = name.string, let programme = Programme(rawValue: code) else {
                reader.problem("unknown programme \(name.string ?? "?")", at: name)
                continue
            }
            guard let count = value.int, count >= 1 else {
                reader.problem("`\(code)` must be a whole number of years, at least 1", at: value)
                continue
            }
            years[programme] = count
        }
        for programme in Programme.allCases where years[programme] == nil {
            reader.problem("no period for the programme \(programme.rawValue)", at: periods)
        }
        guard reader.problems.isEmpty else { return (nil, reader.problems) }
        return (RetentionSettings(keepYears: years), [])
    }
}
