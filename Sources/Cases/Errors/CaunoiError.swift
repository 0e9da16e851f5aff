/// Every failure the domain reports. Associated values are codes, ids, staff user names,
/// file positions and the fields they concern — never a woman's personal data, nor a value a
/// user typed — because they are shown. Each face turns `kind` into its own status (an exit
/// code, an HTTP status) and names fields its own way (a flag, a form field).
public enum CaunoiError: Error, Equatable, Sendable {
    // Invalid input
    /// A required value was not given.
    case missing(InputField)
    /// Two values that exclude each other were both given.
    case conflicting(InputField, InputField)
    /// A value was given where it has no meaning (a reason when adding an association).
    case unexpected(InputField)
    /// The value given is not valid (never echoed: it may be personal).
    case invalid(InputField)
    /// An update that names nothing to change.
    case nothingToUpdate
    // Bad data
    case unknownCode(list: String, code: String)
    case invalidDate(InputField)
    /// A well-formed date no real case can have (opened in the future or before 2000, born
    /// before 1900 or after the case was opened).
    case implausibleDate(InputField)
    /// This very file was imported already (a killed import that had committed, run again).
    case alreadyImported(on: String)
    case integrityFailure(record: String)
    /// The audit trail does not check from this entry on (edited, removed, reordered, re-signed).
    case auditChainBroken(entry: Int64)
    case importFailed(line: Int, column: String, reason: ImportProblem)
    case policyInvalid(file: String, line: Int, problem: String)
    case invalidTransition(caseID: String, from: String, to: String)
    /// A contact dated before the case was opened, in the future, or further back than
    /// policy lets a contact be written down (`backdateDays`).
    case contactDateOutOfRange(backdateDays: Int)
    /// Closing this case needs a manager's approval (high risk, or referrals still waiting).
    case approvalNeeded(caseID: String)
    /// A manager declined or decided on a closure nobody requested.
    case noClosureRequest(caseID: String)
    /// A transfer of this woman is already waiting for the receiving centre.
    case transferPending(String)
    /// Her referrals still in progress belong to the sending centre: answered or withdrawn first.
    case referralsInProgress(String)
    /// The transfer was already accepted or declined.
    case transferNotPending(String)
    /// An attachment over the size `casework.yaml` allows.
    case fileTooLarge(limitMegabytes: Int)
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
    /// A duplicate merged into another person: her cases are now that person's.
    case personMerged(String, into: String)
    /// A backup file that is not one, is damaged, or was altered.
    case backupUnreadable
    /// The live database given for the erasure ledger belongs to another deployment.
    case deploymentMismatch
    /// The backup's signature is by a key the live database does not know for its creator.
    case backupSignerUnknown(String)
    // Not found
    case caseNotFound(String)
    case personNotFound(String)
    case userNotFound(String)
    case centreNotFound(String)
    case agencyNotFound(String)
    case referralNotFound(String)
    case associationNotFound(String)
    case taskNotFound(String)
    case attachmentNotFound(String)
    case transferNotFound(String)
    case fileNotFound(InputField)
    case databaseNotFound(String)
    // Cannot create
    case cannotCreate(InputField)
    // Busy
    case databaseBusy
    // Not permitted
    case wrongPassphrase
    /// A session whose user was removed, whose centre key rotated, or that expired.
    case sessionEnded
    case userRemoved(String)
    case roleNotAllowed(role: String)
    case notYourCentre
    case keysMissing
    case consentMissing
    case privacyBudgetExhausted(year: Int)
    case wrongRecoveryKey
    /// Too many failed logins for this account or from this address; try again later.
    case tooManyAttempts
    // Invalid input (irreversible steps typed twice)
    case confirmationMismatch(InputField)
    // I/O
    case diskFull
    case ioFailure(InputField)
    case databaseReadOnly
    // Internal
    case internalError(String)
    case disclosureCheckFailed

    /// What sort of failure this is, for each face to translate into its own status.
    public var kind: FailureKind {
        switch self {
        case .missing, .conflicting, .unexpected, .invalid, .nothingToUpdate, .confirmationMismatch, .noClosureRequest, .fileTooLarge, .transferPending, .transferNotPending, .referralsInProgress: .invalidInput
        case .unknownCode, .invalidDate, .implausibleDate, .contactDateOutOfRange, .alreadyImported, .integrityFailure, .auditChainBroken, .importFailed, .policyInvalid,
             .invalidTransition, .invalidReferralTransition, .invalidAssociationTransition, .noRoutingRule, .agencyDoesNotOffer, .agencyHasNoKey, .agencyConflict, .forbiddenCharacters, .packetUnreadable, .malformedFile, .notADatabase, .hsdsInvalid, .databaseNotInitialised, .databaseAlreadyInitialised,
             .deploymentNotCertified, .deploymentAlreadyCertified,
             .weakPassphrase, .passphraseMismatch, .subjectErased, .backupUnreadable, .deploymentMismatch, .backupSignerUnknown: .badData
        case .caseNotFound, .personNotFound, .userNotFound, .centreNotFound, .agencyNotFound, .referralNotFound, .associationNotFound, .taskNotFound, .attachmentNotFound, .transferNotFound, .fileNotFound, .databaseNotFound, .personMerged: .notFound
        case .cannotCreate: .cannotCreate
        case .ioFailure, .databaseReadOnly, .diskFull: .inputOutput
        case .databaseBusy, .tooManyAttempts: .busy
        case .wrongPassphrase, .sessionEnded, .userRemoved, .roleNotAllowed, .notYourCentre, .keysMissing, .consentMissing, .privacyBudgetExhausted,
             .wrongRecoveryKey, .approvalNeeded: .notPermitted
        case .internalError, .disclosureCheckFailed: .internal
        }
    }
}

/// The sorts of failure, which each face maps to its own codes.
public enum FailureKind: Sendable, Equatable {
    /// Something given is missing, contradictory or not valid (fix the input).
    case invalidInput
    /// Data that does not check: a bad file, an altered record, a state that forbids the step.
    case badData
    case notFound
    case cannotCreate
    case inputOutput
    case busy
    /// Not this user's to do or see.
    case notPermitted
    case `internal`
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
