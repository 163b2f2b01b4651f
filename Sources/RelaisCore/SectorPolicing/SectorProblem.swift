import Foundation

/// A recurring problem at a place or with a group, worked by the sector's officer with the SARA method: scanning
/// (what recurs), analysis (why), response (actions with partners), assessment (did it change).
public struct SectorProblem: Sendable, Equatable {
    public typealias ID = Identifier<SectorProblem>

    public let id: ID
    public let organisationID: Organisation.ID
    public let sectorCode: String
    public var title: String
    /// Where, as the officer names it (an address, a park, a corner).
    public var place: String
    /// The grid cell of the place, when a point is known (repeat places are counted by cell).
    public var cell: GridCell?
    public var stage: SARAStage
    public var analysis: String
    /// The partners involved (organisations, city services), one per line.
    public var partners: [String]
    public var assessment: ProblemAssessment?
    public let openedAt: Date
    public var closedAt: Date?

    public init(
        id: ID, organisationID: Organisation.ID, sectorCode: String, title: String, place: String, cell: GridCell?,
        stage: SARAStage, analysis: String, partners: [String], assessment: ProblemAssessment?, openedAt: Date,
        closedAt: Date?
    ) {
        self.id = id
        self.organisationID = organisationID
        self.sectorCode = sectorCode
        self.title = title
        self.place = place
        self.cell = cell
        self.stage = stage
        self.analysis = analysis
        self.partners = partners
        self.assessment = assessment
        self.openedAt = openedAt
        self.closedAt = closedAt
    }
}

/// The stages of the SARA method, in order, and closed.
public enum SARAStage: String, CaseIterable, Sendable, Codable {
    case scanning
    case analysis
    case response
    case assessment
    case closed

    public var labelKey: String { "reso.sara.\(rawValue)" }

    /// The stage after this one, if any.
    public var next: SARAStage? {
        switch self {
        case .scanning: .analysis
        case .analysis: .response
        case .response: .assessment
        case .assessment: .closed
        case .closed: nil
        }
    }
}

/// What the assessment found.
public enum ProblemAssessment: String, CaseIterable, Sendable, Codable {
    case resolved
    case improved
    case unchanged

    public var labelKey: String { "reso.assessment.\(rawValue)" }
}

/// An action of the response: what, by whom, by when, and when done.
public struct ProblemAction: Sendable, Equatable {
    public typealias ID = Identifier<ProblemAction>

    public let id: ID
    public let problemID: SectorProblem.ID
    public let what: String
    /// Who does it (the officer, a partner).
    public let owner: String
    /// `yyyy-MM-dd`.
    public let dueOn: String
    public var doneAt: Date?

    public init(id: ID, problemID: SectorProblem.ID, what: String, owner: String, dueOn: String, doneAt: Date?) {
        self.id = id
        self.problemID = problemID
        self.what = what
        self.owner = owner
        self.dueOn = dueOn
        self.doneAt = doneAt
    }
}
