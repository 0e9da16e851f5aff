import CaunoiCrypto
import Foundation

/// The reviewed policy folder: code lists, blind-index settings and keyslot parameters.
/// Loaded once per command; every code a user types is checked against it.
public struct Policy: Sendable {
    public let directory: URL
    public let needs: CodeList
    public let outcomes: CodeList
    public let migrationTypes: CodeList
    public let programmes: CodeList
    public let riskLevels: CodeList
    public let declineReasons: CodeList
    public let countries: CodeList
    /// What associations report doing (the kinds of activity).
    public let activityKinds: CodeList
    /// What an association asks for when it opens a case (its support request).
    public let supportRequests: CodeList
    public let provinces: CodeList
    public let formerProvinces: [FormerProvince]
    public let ageBands: [AgeBand]
    public let blindIndex: BlindIndexSettings
    public let security: SecuritySettings
    /// The starter partner directory (`agencies.yaml`).
    public let agencies: [Agency]
    public let routing: RoutingPolicy
    public let disclosure: DisclosureSettings
    public let retention: RetentionSettings
    /// Kinds of contact with a woman (`codes/contact-kinds.yaml`).
    public let contactKinds: CodeList
    /// A child's Vietnamese birth registration and nationality status (`codes/birth-registration.yaml`,
    /// `codes/nationality-status.yaml`).
    public let birthRegistration: CodeList
    public let nationalityStatus: CodeList
    /// Documents she holds or needs, and what an attachment is a copy of (`codes/documents.yaml`).
    public let documents: CodeList
    /// Services a case plan schedules and a centre records as delivered (`codes/services.yaml`).
    public let services: CodeList
    /// Contacts and follow-up rules (`casework.yaml`).
    public let casework: CaseworkSettings
    /// Structured assessments (`assessments/*.yaml`), in file-name order.
    public let assessments: [AssessmentForm]
    /// BLAKE2b-256 over every policy file (path and bytes, in path order): recorded with
    /// each export so a table can be tied to the exact rules it was made under.
    public let fingerprint: String

    /// Where the policy folder is when nobody says: a `policy/` folder beside the executable
    /// or above it (the repository when run from `.build`), else `./policy`. `explicit`
    /// (the folder a face was told about) wins.
    public static func locate(explicit: String?, executable: String = CommandLine.arguments[0]) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit) }
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("policy")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("blind-index.yaml").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "policy")
    }

    /// Loads the folder, or throws the first problem found (file and line).
    public static func load(from directory: URL) throws -> Policy {
        let (policy, problems) = read(directory)
        if let first = problems.first {
            throw CaunoiError.policyInvalid(file: first.file, line: first.line, problem: first.problem)
        }
        guard let policy else { throw CaunoiError.internalError("policy") }
        return policy
    }

    /// Every problem in the folder, for a reviewer checking it before it is deployed.
    public static func check(_ directory: URL) -> [PolicyProblem] {
        read(directory).1
    }

    static func read(_ directory: URL) -> (Policy?, [PolicyProblem]) {
        var problems: [PolicyProblem] = []
        func list(_ file: String, _ key: String, name: String) -> CodeList {
            var reader = YAMLReader(file: file)
            let root = reader.root(in: directory)
            let entries = reader.codeEntries(key, in: root).map(\.0)
            if entries.isEmpty, reader.problems.isEmpty { reader.problem("`\(key)` is empty", line: 1) }
            problems += reader.problems
            return CodeList(name: name, entries: entries)
        }
        let needs = list("codes/needs.yaml", "needs", name: "need")
        let outcomes = list("codes/outcomes.yaml", "outcomes", name: "outcome")
        let migration = list("codes/migration.yaml", "migration_types", name: "migration")
        let programmes = list("codes/programmes.yaml", "programmes", name: "programme")
        let risk = list("codes/risk.yaml", "risk_levels", name: "risk")
        let decline = list("codes/decline-reasons.yaml", "decline_reasons", name: "decline-reason")
        let countries = list("codes/countries.yaml", "countries", name: "country")
        let activityKinds = list("codes/activity-kinds.yaml", "activity_kinds", name: "activity-kind")
        let supportRequests = list("codes/support-requests.yaml", "support_requests", name: "support-request")
        let contactKinds = list("codes/contact-kinds.yaml", "contact_kinds", name: "contact-kind")
        let birthRegistration = list("codes/birth-registration.yaml", "birth_registration", name: "birth-registration")
        let nationalityStatus = list("codes/nationality-status.yaml", "nationality_status", name: "nationality-status")
        let documents = list("codes/documents.yaml", "documents", name: "document")
        let services = list("codes/services.yaml", "services", name: "service")
        let requiredCodes = [("codes/programmes.yaml", programmes, Programme.allCases.map(\.rawValue)),
                             ("codes/risk.yaml", risk, RiskLevel.allCases.map(\.rawValue)),
                             ("codes/outcomes.yaml", outcomes, [Shredder.outcome])]
        for (file, list, required) in requiredCodes {
            for code in required where !list.contains(code) {
                problems.append(PolicyProblem(file: file, line: 1, problem: "the code \(code) is required by this version of caunoi"))
            }
        }
        var provinceReader = YAMLReader(file: "codes/provinces.yaml")
        let provinceRoot = provinceReader.root(in: directory)
        let provinces = CodeList(name: "province", entries: provinceReader.codeEntries("provinces", in: provinceRoot).map(\.0))
        var former: [FormerProvince] = []
        for (entry, node) in provinceReader.codeEntries("former_provinces", in: provinceRoot) {
            guard let successor = provinceReader.string("successor", in: node) else { continue }
            if !provinces.contains(successor) {
                provinceReader.problem("successor \(successor) is not a current province", at: node)
            }
            former.append(FormerProvince(entry: entry, successor: successor))
        }
        problems += provinceReader.problems
        let (bands, bandProblems) = AgeBand.read(directory)
        problems += bandProblems
        let (blind, blindProblems) = BlindIndexSettings.read(directory)
        problems += blindProblems
        let (security, securityProblems) = SecuritySettings.read(directory)
        problems += securityProblems
        let (agencies, _, agencyProblems) = AgencyDirectoryFile.read(directory, needs: needs, provinces: provinces, countries: countries)
        problems += agencyProblems
        for need in needs.entries where !agencies.contains(where: { $0.services.contains(need.code) }) && agencyProblems.isEmpty {
            problems.append(PolicyProblem(file: AgencyDirectoryFile.file, line: 1, problem: "no agency accepts the need \(need.code)"))
        }
        if agencyProblems.isEmpty { problems += AgencyDirectoryFile.provincialGaps(agencies, provinces: provinces) }
        let (routing, routingProblems) = RoutingPolicy.read(directory, needs: needs, programmes: programmes, migration: migration,
                                                            countries: countries, agencies: agencies)
        problems += routingProblems
        let (disclosure, disclosureProblems) = DisclosureSettings.read(directory)
        problems += disclosureProblems
        let (retention, retentionProblems) = RetentionSettings.read(directory)
        problems += retentionProblems
        let (casework, caseworkProblems) = CaseworkSettings.read(directory)
        problems += caseworkProblems
        let (assessments, assessmentProblems) = AssessmentForm.readAll(directory, riskLevels: risk)
        problems += assessmentProblems
        guard problems.isEmpty, let blind, let security, let routing, let disclosure, let retention, let casework else {
            return (nil, problems)
        }
        return (Policy(directory: directory, needs: needs, outcomes: outcomes, migrationTypes: migration,
                       programmes: programmes, riskLevels: risk, declineReasons: decline, countries: countries,
                       activityKinds: activityKinds, supportRequests: supportRequests,
                       provinces: provinces, formerProvinces: former, ageBands: bands,
                       blindIndex: blind, security: security, agencies: agencies, routing: routing, disclosure: disclosure,
                       retention: retention, contactKinds: contactKinds, birthRegistration: birthRegistration,
                       nationalityStatus: nationalityStatus, documents: documents, services: services, casework: casework,
                       assessments: assessments, fingerprint: fingerprint(directory)), [])
    }

    static func fingerprint(_ directory: URL) -> String {
        let files = (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
        var bytes: [UInt8] = []
        for file in files {
            bytes += Array(file.utf8) + [0]
            bytes += [UInt8](FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) ?? Data()) + [0]
        }
        return hexDigest(bytes)
    }

    /// BLAKE2b-256 of the bytes, in lowercase hex.
    static func hexDigest(_ bytes: [UInt8]) -> String {
        let digest = (try? BLAKE2b.hash(bytes, key: nil, outputByteCount: 32)) ?? []
        return digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The assessment form with this code, or `unknownCode` naming the list.
    public func assessmentForm(_ code: String) throws -> AssessmentForm {
        guard let form = assessments.first(where: { $0.code == code }) else { throw CaunoiError.unknownCode(list: "assessment", code: code) }
        return form
    }

    /// A province typed as a current code, a former code (mapped to its successor) or a
    /// name matched without diacritics. Returns the current code.
    public func province(_ input: String) throws -> String {
        let trimmed = input.trimmedSpaces
        if provinces.contains(trimmed) { return trimmed }
        if let old = formerProvinces.first(where: { $0.entry.code == trimmed }) { return old.successor }
        let wanted = Normalise.label(trimmed)
        if let current = provinces.entries.first(where: { Normalise.label($0.vi) == wanted || Normalise.label($0.en) == wanted }) {
            return current.code
        }
        if let old = formerProvinces.first(where: { Normalise.label($0.entry.vi) == wanted || Normalise.label($0.entry.en) == wanted }) {
            return old.successor
        }
        throw CaunoiError.unknownCode(list: "province", code: input)
    }

    /// An ISO 3166-1 alpha-2 code (case-insensitive), or a country's name in Vietnamese or
    /// English matched without diacritics ("han quoc", "South Korea"). Returns the code.
    public func country(_ input: String) throws -> String {
        let trimmed = input.trimmedSpaces
        if countries.contains(trimmed.uppercased()) { return trimmed.uppercased() }
        let wanted = Normalise.label(trimmed)
        if let entry = countries.entries.first(where: { Normalise.label($0.vi) == wanted || Normalise.label($0.en) == wanted }) {
            return entry.code
        }
        throw CaunoiError.unknownCode(list: "country", code: input)
    }

    public func ageBand(forAge age: Int) -> String? {
        ageBands.first { $0.contains(age) }?.code
    }
}

extension AgeBand {
    static func read(_ directory: URL) -> ([AgeBand], [PolicyProblem]) {
        var reader = YAMLReader(file: "codes/age-bands.yaml")
        let root = reader.root(in: directory)
        var bands: [AgeBand] = []
        for (entry, node) in reader.codeEntries("age_bands", in: root) {
            guard let min = reader.int("min", in: node) else { continue }
            let max = reader.int("max", in: node, required: false)
            let expectedMin = bands.last.map { ($0.max ?? Int.max - 1) + 1 } ?? 0
            if min != expectedMin { reader.problem("bands must be contiguous from 0: expected min \(expectedMin)", at: node) }
            if let max, max < min { reader.problem("max is below min", at: node) }
            bands.append(AgeBand(code: entry.code, min: min, max: max))
        }
        if let last = bands.last, last.max != nil { reader.problem("the last band must be open (no max)", line: 1) }
        if bands.isEmpty, reader.problems.isEmpty { reader.problem("`age_bands` is empty", line: 1) }
        return (bands, reader.problems)
    }
}
