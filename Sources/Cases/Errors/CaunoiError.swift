/// Every failure the domain reports. Associated values are codes, ids, staff user names,
/// file positions — never a woman's personal data — because they are printed.
public enum CaunoiError: Error, Equatable, Sendable {
    // 64 usage
    case missingOption(String)
    case conflictingOptions(String, String)
    case invalidValue(option: String, value: String)
    /// The command line did not parse; `detail` is the parser's first line with values withheld.
    case badCommandLine(detail: String)
    // 65 data
    case unknownCode(list: String, code: String)
    case invalidDate(String)
    /// A well-formed date no real case can have (opened in the future or before 2000, born
    /// before 1900 or after the case was opened).
    case implausibleDate(String)
    /// This very file was imported already (a killed import that had committed, run again).
    case alreadyImported(on: String)
    case integrityFailure(record: String)
    /// The audit trail does not check from this entry on (edited, removed, reordered, re-signed).
    case auditChainBroken(entry: Int64)
    case importFailed(line: Int, column: String, reason: ImportProblem)
    case policyInvalid(file: String, line: Int, problem: String)
    case invalidTransition(caseID: String, from: String, to: String)
    case invalidReferralTransition(referral: String, from: String, to: String)
    /// Dissolved is final unless reopened with a reason; nothing goes back to forming.
    case invalidAssociationTransition(association: String, from: String, to: String)
    case noRoutingRule(service: String, agency: String)
    case agencyDoesNotOffer(agency: String, service: String)
    case agencyHasNoKey(String)
    /// An import would change an existing agency's kind or key.
    case agencyConflict(agency: String, field: String)
    /// A personal value holds control or direction-override characters (the field is named,
    /// never the value).
    case forbiddenCharacters(field: String)
    case packetUnreadable
    case malformedFile(String)
    case hsdsInvalid(organisation: Int, field: String)
    case notADatabase
    case databaseNotInitialised
    case databaseAlreadyInitialised
    /// A database made before certificates existed: an admin must run `keys certify` once.
    case deploymentNotCertified
    case deploymentAlreadyCertified
    case weakPassphrase
    case passphraseMismatch
    /// Her personal data was erased (crypto-shredded); only codes are left.
    case subjectErased(String)
    /// A backup file that is not one, is damaged, or was altered.
    case backupUnreadable
    /// The live database given for the erasure ledger belongs to another deployment.
    case deploymentMismatch
    /// The backup's signature is by a key the live database does not know for its creator.
    case backupSignerUnknown(String)
    // 66 not found
    case caseNotFound(String)
    case personNotFound(String)
    case userNotFound(String)
    case centreNotFound(String)
    case agencyNotFound(String)
    case referralNotFound(String)
    case associationNotFound(String)
    case fileNotFound(String)
    case databaseNotFound(String)
    // 73 cannot create
    case cannotCreate(String)
    // 75 busy
    case databaseBusy
    // 77 not permitted
    case wrongPassphrase
    case noPassphrase
    case userRemoved(String)
    case roleNotAllowed(role: String)
    case notYourCentre
    case keysMissing
    case consentMissing
    case privacyBudgetExhausted(year: Int)
    case wrongRecoveryKey
    // 64 usage (irreversible steps typed twice)
    case confirmationMismatch(String)
    // 74 I/O
    case diskFull
    case ioFailure(String)
    // 70 internal
    case internalError(String)
    case disclosureCheckFailed

    /// sysexits.h code for this failure.
    public var exitCode: Int32 {
        switch self {
        case .missingOption, .conflictingOptions, .invalidValue, .badCommandLine, .confirmationMismatch: 64
        case .unknownCode, .invalidDate, .implausibleDate, .alreadyImported, .integrityFailure, .auditChainBroken, .importFailed, .policyInvalid,
             .invalidTransition, .invalidReferralTransition, .invalidAssociationTransition, .noRoutingRule, .agencyDoesNotOffer, .agencyHasNoKey, .agencyConflict, .forbiddenCharacters, .packetUnreadable, .malformedFile, .notADatabase, .hsdsInvalid, .databaseNotInitialised, .databaseAlreadyInitialised,
             .deploymentNotCertified, .deploymentAlreadyCertified,
             .weakPassphrase, .passphraseMismatch, .subjectErased, .backupUnreadable, .deploymentMismatch, .backupSignerUnknown: 65
        case .caseNotFound, .personNotFound, .userNotFound, .centreNotFound, .agencyNotFound, .referralNotFound, .associationNotFound, .fileNotFound, .databaseNotFound: 66
        case .cannotCreate: 73
        case .ioFailure, .diskFull: 74
        case .databaseBusy: 75
        case .wrongPassphrase, .noPassphrase, .userRemoved, .roleNotAllowed, .notYourCentre, .keysMissing, .consentMissing, .privacyBudgetExhausted,
             .wrongRecoveryKey: 77
        case .internalError, .disclosureCheckFailed: 70
        }
    }
}

/// Why one row of an import was refused (the line and column travel beside it).
public enum ImportProblem: Equatable, Sendable {
    case missing
    case unknownColumn
    case unknownCode(String)
    case invalidDate
    case invalidValue
    case malformedRow
    case conflictsWithEarlierRow
    case implausibleDate
    case duplicateColumn
    case forbiddenCharacters
}
