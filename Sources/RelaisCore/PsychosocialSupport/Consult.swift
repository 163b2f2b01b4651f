import Foundation

/// What is happening, as the frontline officer describes it (several may apply).
public enum ConsultSituation: String, CaseIterable, Sendable, Codable {
    case personInCrisis = "person_in_crisis"
    case suicidal
    case disorganised
    case intoxicationDistress = "intoxication_distress"
    case familyCrisis = "family_crisis"
    case other

    public var labelKey: String { "esup.situation.\(rawValue)" }
}

/// How the officer wants the duo's help.
public enum ConsultMode: String, CaseIterable, Sendable, Codable {
    /// Advice by phone, now.
    case phone
    /// The duo attends the scene (the scene must be secured).
    case onScene = "on_scene"

    public var labelKey: String { "esup.mode.\(rawValue)" }
}

/// Where a consult is: asked, taken by a duo, closed with its outcome, or withdrawn by the officer who asked.
public enum ConsultStage: String, CaseIterable, Sendable, Codable {
    case requested
    case accepted
    case closed
    case withdrawn

    public var labelKey: String { "esup.stage.\(rawValue)" }
}

/// A risk level of the social worker's assessment.
public enum RiskLevel: String, CaseIterable, Sendable, Codable {
    case low
    case moderate
    case high

    public var labelKey: String { "esup.risk.\(rawValue)" }
}

/// The social worker's short structured assessment of the person's mental state.
public struct Assessment: Sendable, Equatable, Codable {
    public let riskToSelf: RiskLevel
    public let riskToOthers: RiskLevel
    public let note: String?

    public init(riskToSelf: RiskLevel, riskToOthers: RiskLevel, note: String?) {
        self.riskToSelf = riskToSelf
        self.riskToOthers = riskToOthers
        self.note = note
    }
}

/// How a consult ended for the person.
public enum ConsultOutcome: String, CaseIterable, Sendable, Codable {
    /// Stays where they are, with a plan.
    case staysWithPlan = "stays_with_plan"
    /// Goes to hospital, agreeing to.
    case voluntaryTransport = "voluntary_transport"
    /// Taken to a facility without consent, under Québec's P-38.001 law (its legal ground is required).
    case involuntaryTransport = "involuntary_transport"
    /// Referred to a resource of the directory.
    case referral
    /// Taken in by a crisis centre.
    case crisisCentre = "crisis_centre"
    case arrest
    /// Nothing further: the officers' intervention ends there.
    case noFollowUp = "none"

    public var labelKey: String { "esup.outcome.\(rawValue)" }

    /// Whether the person was transported or arrested (the measures count the share resolved without either).
    public var transportsOrArrests: Bool {
        switch self {
        case .voluntaryTransport, .involuntaryTransport, .arrest: true
        case .staysWithPlan, .referral, .crisisCentre, .noFollowUp: false
        }
    }
}

/// The legal ground of a transport without consent under the *Act respecting the protection of persons whose
/// mental state presents a danger to themselves or to others* (CQLR c. P-38.001).
public enum P38Ground: String, CaseIterable, Sendable, Codable {
    /// Art. 8: at the request of a crisis intervention worker who assessed a grave and immediate danger.
    case crisisWorkerRequest = "art8_crisis_worker"
    /// Art. 8: at the request of a parent, a close relative or an interested third person, no crisis worker being
    /// available, the danger being grave and immediate.
    case relativeRequest = "art8_relative"
    /// Art. 7 and Civil Code art. 27: a court's order of provisional examination.
    case courtOrder = "court_order"

    public var labelKey: String { "esup.p38.\(rawValue)" }
}

/// A request for the duo's help and what became of it.
public struct Consult: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Consult>

    public let id: ID
    /// `ÉSUP-0042`, said on the radio.
    public let reference: String
    /// The ÉSUP team's organisation, which keeps the record.
    public let teamID: Organisation.ID
    /// The organisation of the officer who asked (their police service).
    public let requesterOrganisationID: Organisation.ID
    public let requestedBy: User.ID?
    public let requestedAt: Date
    public let request: ConsultRequest
    public var stage: ConsultStage
    public var duoID: Duo.ID?
    public var acceptedAt: Date?
    public var arrivedAt: Date?
    /// When the frontline officers were freed to go back to their other duties.
    public var officersFreedAt: Date?
    public var closedAt: Date?
    public var advice: String?
    /// To whom the advice was given (the officer's name or badge number).
    public var advisedTo: String?
    public var assessment: Assessment?
    public var outcome: ConsultOutcome?
    public var legalGround: P38Ground?
    /// The directory services the person was linked with.
    public var resourceIDs: [String]
    public var personID: Person.ID?

    public init(
        id: ID, reference: String, teamID: Organisation.ID, requesterOrganisationID: Organisation.ID,
        requestedBy: User.ID?, requestedAt: Date, request: ConsultRequest, stage: ConsultStage = .requested,
        duoID: Duo.ID? = nil, acceptedAt: Date? = nil, arrivedAt: Date? = nil, officersFreedAt: Date? = nil,
        closedAt: Date? = nil, advice: String? = nil, advisedTo: String? = nil, assessment: Assessment? = nil,
        outcome: ConsultOutcome? = nil, legalGround: P38Ground? = nil, resourceIDs: [String] = [],
        personID: Person.ID? = nil
    ) {
        self.id = id
        self.reference = reference
        self.teamID = teamID
        self.requesterOrganisationID = requesterOrganisationID
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.request = request
        self.stage = stage
        self.duoID = duoID
        self.acceptedAt = acceptedAt
        self.arrivedAt = arrivedAt
        self.officersFreedAt = officersFreedAt
        self.closedAt = closedAt
        self.advice = advice
        self.advisedTo = advisedTo
        self.assessment = assessment
        self.outcome = outcome
        self.legalGround = legalGround
        self.resourceIDs = resourceIDs
        self.personID = personID
    }

    /// Minutes from the request to the frontline officers' release, when recorded.
    public var officerMinutes: Int? {
        officersFreedAt.map { max(0, Int($0.timeIntervalSince(requestedAt) / 60)) }
    }
}

/// What the frontline officer (or the communications centre) sends.
public struct ConsultRequest: Sendable, Equatable, Codable {
    /// The police event number (sealed at rest).
    public let eventNumber: String
    /// Where (sealed at rest).
    public let place: String
    public let situations: [ConsultSituation]
    public let sceneSecured: Bool
    public let mode: ConsultMode
    /// A few words on the person and the scene (sealed at rest).
    public let details: String?
    public let screening: SafetyScreening
    /// A callback number for the duo.
    public let callback: String?

    public init(
        eventNumber: String, place: String, situations: [ConsultSituation], sceneSecured: Bool, mode: ConsultMode,
        details: String?, screening: SafetyScreening, callback: String?
    ) {
        self.eventNumber = eventNumber
        self.place = place
        self.situations = situations
        self.sceneSecured = sceneSecured
        self.mode = mode
        self.details = details
        self.screening = screening
        self.callback = callback
    }

    /// Whether the screening says an emergency service is needed first (911, Urgences-santé): the duo still
    /// advises by phone, and the queue shows it first.
    public var emergencyFirst: Bool { screening.immediateDangerToLife || screening.medicalEmergency }
}

/// What lists show of a consult, without opening anything sealed: the queue, an officer's requests, a person's
/// contacts. The whole record is read only through an audited store call.
public struct ConsultSummary: Sendable, Equatable, Identifiable {
    public let id: Consult.ID
    public let reference: String
    public let teamID: Organisation.ID
    public let requesterOrganisationID: Organisation.ID
    public let requestedBy: User.ID?
    public let requestedAt: Date
    public let stage: ConsultStage
    public let mode: ConsultMode
    public let situations: [ConsultSituation]
    public let emergencyFirst: Bool
    public let duoID: Duo.ID?
    public let outcome: ConsultOutcome?
    public let officersFreedAt: Date?
    public let personID: Person.ID?

    public init(
        id: Consult.ID, reference: String, teamID: Organisation.ID, requesterOrganisationID: Organisation.ID,
        requestedBy: User.ID?, requestedAt: Date, stage: ConsultStage, mode: ConsultMode,
        situations: [ConsultSituation], emergencyFirst: Bool, duoID: Duo.ID?, outcome: ConsultOutcome?,
        officersFreedAt: Date?, personID: Person.ID?
    ) {
        self.id = id
        self.reference = reference
        self.teamID = teamID
        self.requesterOrganisationID = requesterOrganisationID
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.stage = stage
        self.mode = mode
        self.situations = situations
        self.emergencyFirst = emergencyFirst
        self.duoID = duoID
        self.outcome = outcome
        self.officersFreedAt = officersFreedAt
        self.personID = personID
    }
}
