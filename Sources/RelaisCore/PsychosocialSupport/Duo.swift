import Foundation

/// Where a duo is in its evening.
public enum DuoStatus: String, CaseIterable, Sendable, Codable {
    case available
    case advisingByPhone = "advising_by_phone"
    case enRoute = "en_route"
    case onScene = "on_scene"
    case transporting
    /// Back at the station, writing up.
    case back
    case offDuty = "off_duty"

    public var labelKey: String { "esup.duo_status.\(rawValue)" }

    /// Whether the duo can take a new consult.
    public var takesConsults: Bool { self == .available || self == .back }
}

/// One police officer and one social worker of the health and social services centre, in one vehicle, for an
/// evening.
public struct Duo: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Duo>

    public let id: ID
    public let teamID: Organisation.ID
    /// The evening (`yyyy-MM-dd`, local) the duo works.
    public let evening: String
    public let callSign: String
    public let officerID: User.ID
    public let socialWorkerID: User.ID
    public var status: DuoStatus
    public var statusSince: Date

    public init(
        id: ID, teamID: Organisation.ID, evening: String, callSign: String, officerID: User.ID,
        socialWorkerID: User.ID, status: DuoStatus, statusSince: Date
    ) {
        self.id = id
        self.teamID = teamID
        self.evening = evening
        self.callSign = callSign
        self.officerID = officerID
        self.socialWorkerID = socialWorkerID
        self.status = status
        self.statusSince = statusSince
    }

    public func includes(_ userID: User.ID) -> Bool { officerID == userID || socialWorkerID == userID }
}

/// The evenings' rules: when an evening begins, and who may form a duo.
public enum Evening {
    /// Hours before this (local) belong to the evening that began the day before.
    public static let endsAtHour = 6

    /// The evening `date` belongs to (`yyyy-MM-dd` of the day it began, in `timeZone`).
    public static func of(_ date: Date, timeZone: TimeZone) -> String {
        day(of: date.addingTimeInterval(-Double(endsAtHour) * 3_600), timeZone: timeZone)
    }

    /// The local day of `date` (`yyyy-MM-dd`).
    public static func day(of date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Checks a duo: one police officer and one social worker of the team, two different people.
    /// - Throws: ``ValidationError`` naming `officer`, `socialWorker` or `callSign`.
    public static func checkDuo(
        callSign: String?, officer: Membership?, socialWorker: Membership?, teamID: Organisation.ID
    ) throws(ValidationError) -> String {
        var problems: [FieldProblem] = []
        let callSign = callSign.trimmedNonEmpty
        if callSign == nil || (callSign?.count ?? 0) > 40 {
            problems.append(FieldProblem(field: "callSign", messageKey: "esup.error.call_sign"))
        }
        if officer?.role != .policeOfficer || officer?.organisationID != teamID {
            problems.append(FieldProblem(field: "officer", messageKey: "esup.error.duo_officer"))
        }
        if socialWorker?.role != .policeSocialWorker || socialWorker?.organisationID != teamID {
            problems.append(FieldProblem(field: "socialWorker", messageKey: "esup.error.duo_social_worker"))
        }
        guard problems.isEmpty, let callSign else { throw ValidationError(problems) }
        return callSign
    }
}
