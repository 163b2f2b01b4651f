import Foundation

/// A person a programme's team meets, pseudonymous: a number, the organisation whose team keeps the record, and
/// its identifiers sealed (``PersonIdentifiers``), opened only by an audited read.
public struct Person: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Person>

    public let id: ID
    /// The team's organisation: the record is theirs.
    public let organisationID: Organisation.ID
    /// The programme whose team recorded the person (`esup`).
    public let programme: String
    /// A short number the team says aloud ("P-0042"), unique in the deployment.
    public let reference: String
    public let createdAt: Date
    /// The record this one was merged into, while the merge stands.
    public var mergedInto: ID?

    public init(
        id: ID, organisationID: Organisation.ID, programme: String, reference: String, createdAt: Date,
        mergedInto: ID? = nil
    ) {
        self.id = id
        self.organisationID = organisationID
        self.programme = programme
        self.reference = reference
        self.createdAt = createdAt
        self.mergedInto = mergedInto
    }
}

/// A person with their identifiers opened, for the team that keeps the record, and their consents with the notes
/// recorded with them.
public struct OpenedPerson: Sendable, Equatable {
    public let person: Person
    public let identifiers: PersonIdentifiers
    public let consents: [ConsentRecord]

    public init(person: Person, identifiers: PersonIdentifiers, consents: [ConsentRecord] = []) {
        self.person = person
        self.identifiers = identifiers
        self.consents = consents
    }
}
