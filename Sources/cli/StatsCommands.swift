import ArgumentParser
import Cases
import Views
import Foundation

extension StatsUnit: ExpressibleByArgument {}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Privacy-safe aggregate tables (suppression or differential privacy).",
        subcommands: [Dimensions.self, Export.self, Ledger.self])

    struct Dimensions: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "The dimension catalogue with its code lists.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let catalogue = try work.store.statsCatalogue(work.session, policy: work.policy())
            try work.answer(tree: .array(catalogue.map {
                .object(["name": .string($0.name), "multi_valued": .bool($0.multiValued), "codes": .array($0.codes.map { .string($0) })])
            })) {
                for entry in catalogue {
                    print("\(entry.name)\(entry.multiValued ? " (*)" : ""): \(entry.codes.prefix(12).joined(separator: ", "))\(entry.codes.count > 12 ? ", … (\(entry.codes.count))" : "")")
                }
            }
        }
    }

    struct Export: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Export one table with margins; small cells suppressed, or noisy with --dp.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Up to three dimensions, comma-separated.") var by: String
        @Option var unit: StatsUnit = .persons
        @Option var from: String?
        @Option var to: String?
        @Option var programme: Programme?
        @Option var threshold: Int?
        @Flag var dp = false
        @Option var epsilon: String?
        @Option var format: String = "json"
        @Option var out: String?

        func validate() throws {
            if dp != (epsilon != nil) { throw ValidationError("--dp and --epsilon go together.") }
            if !["csv", "json"].contains(format) { throw ValidationError("--format is csv or json.") }
        }

        func prepare(_ context: Context) throws -> (Policy, StatsRequest) {
            let policy = try context.loadPolicy()
            var request = StatsRequest(dimensions: by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            (request.unit, request.from, request.to, request.programme) = (unit, from, to, programme)
            (request.threshold, request.epsilon) = (threshold, epsilon)
            if let out, FileManager.default.fileExists(atPath: out) { throw CaunoiError.cannotCreate(.output) }
            return (policy, request)
        }

        func run(_ work: Work, _ input: (Policy, StatsRequest)) throws {
            let result = try work.store.exportStatistics(work.session, policy: input.0, request: input.1)
            let text = format == "csv" ? result.csv : result.json.canonical + "\n"
            if let out {
                try OwnerOnlyFile.create(atPath: out, contents: Array(text.utf8), what: .output)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            let suppressed = result.cells.filter { $0.value == nil }.count
            work.context.warn(.statsExported(result.cells.count, suppressed, result.repeated))
        }
    }

    struct Ledger: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Past exports and the DP budget spent per year.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let (entries, spent, budget) = try work.store.statsLedger(work.session, policy: work.policy())
            try work.answer(tree: .object([
                "exports": .array(entries.map { e in
                    .object(["id": .string(e.id), "at": .string(e.at), "user": .string(e.user), "request": .string(e.request),
                             "policy_hash": .string(e.policyHash), "dp": .bool(e.dp), "epsilon": e.epsilon.map { .string($0) } ?? .null,
                             "cells": .int(e.cells), "suppressed_primary": .int(e.suppressedPrimary),
                             "suppressed_secondary": .int(e.suppressedSecondary)])
                }),
                "budget": .object(["yearly": .string(budget),
                                   "spent": .object(Dictionary(uniqueKeysWithValues: spent.map { (String($0.key), JSONValue.string($0.value)) }))]),
            ])) {
                for e in entries {
                    print([DisplayFormat.time(e.at), e.user, e.dp ? "dp ε=\(e.epsilon ?? "")" : "suppression", "\(e.cells) cells",
                           "\(e.suppressedPrimary)+\(e.suppressedSecondary) suppressed", e.request].joined(separator: "\t"))
                }
                for (year, value) in spent.sorted(by: { $0.key < $1.key }) { work.context.say(.budgetSpent(year, value, budget)) }
            }
        }
    }
}
