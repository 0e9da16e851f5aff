import Foundation

/// `policy/disclosure.yaml`: thresholds, the person rule, the multi-value cap, the DP budget
/// and the catalogue of dimension names.
public struct DisclosureSettings: Sendable, Equatable {
    public let threshold: Int
    public let minimumThreshold: Int
    public let multiValueCap: Int
    public let yearlyBudget: String
    public let maxEpsilon: String
    public let dimensions: [String]

    static let file = "disclosure.yaml"

    static func read(_ directory: URL) -> (DisclosureSettings?, [PolicyProblem]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.root(in: directory) else { return (nil, reader.problems) }
        let threshold = reader.int("threshold", in: root)
        let minimum = reader.int("minimum_threshold", in: root)
        let cap = reader.int("multi_value_cap", in: root)
        if let minimum, minimum < 3 { reader.problem("minimum_threshold may never be below 3", at: root.mapping?["minimum_threshold"]) }
        if let threshold, let minimum, threshold < minimum { reader.problem("threshold is below minimum_threshold", at: root.mapping?["threshold"]) }
        if let cap, cap < 1 { reader.problem("multi_value_cap must be at least 1", at: root.mapping?["multi_value_cap"]) }
        var budget: String?
        var maxEpsilon: String?
        if let dp = root.mapping?["dp"] {
            budget = dp.mapping?["yearly_budget"]?.scalar?.string
            maxEpsilon = dp.mapping?["max_epsilon"]?.scalar?.string
            if budget.flatMap(Rational.init(decimal:)) == nil { reader.problem("dp.yearly_budget must be a positive decimal", at: dp) }
            if maxEpsilon.flatMap(Rational.init(decimal:)) == nil { reader.problem("dp.max_epsilon must be a positive decimal", at: dp) }
        } else {
            reader.problem("missing mapping `dp`", at: root)
        }
        var names: [String] = []
        for item in reader.sequence("dimensions", in: root) {
            guard let name = reader.string("name", in: item) else { continue }
            if StatsDimension(rawValue: name) == nil { reader.problem("unknown dimension \(name)", at: item) }
            if names.contains(name) { reader.problem("duplicate dimension \(name)", at: item) }
            names.append(name)
        }
        guard reader.problems.isEmpty, let threshold, let minimum, let cap, let budget, let maxEpsilon else { return (nil, reader.problems) }
        return (DisclosureSettings(threshold: threshold, minimumThreshold: minimum, multiValueCap: cap, yearlyBudget: budget,
                                   maxEpsilon: maxEpsilon, dimensions: names), [])
    }
}
