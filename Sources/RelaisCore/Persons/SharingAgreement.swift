import Foundation

/// An information-sharing agreement between two organisations, recorded by an administrator: where one exists, a
/// team may learn that a person it meets is known to the other's programme (a count and whom to call, never who).
/// Without one, nothing crosses.
public struct SharingAgreement: Sendable, Equatable {
    public let firstID: Organisation.ID
    public let secondID: Organisation.ID
    public let signedOn: Date

    /// The agreement between `a` and `b`, in either order.
    public init(_ a: Organisation.ID, _ b: Organisation.ID, signedOn: Date) {
        (firstID, secondID) = a.description < b.description ? (a, b) : (b, a)
        self.signedOn = signedOn
    }

    /// Whether it binds `organisation`.
    public func binds(_ organisation: Organisation.ID) -> Bool {
        firstID == organisation || secondID == organisation
    }

    /// The other party, for `organisation`.
    public func partner(of organisation: Organisation.ID) -> Organisation.ID? {
        firstID == organisation ? secondID : secondID == organisation ? firstID : nil
    }
}

/// What a team learns of a person from another programme: how many records there match and whom to call.
public struct CrossProgrammeCount: Sendable, Equatable {
    public let programme: String
    public let organisationID: Organisation.ID
    public let count: Int

    public init(programme: String, organisationID: Organisation.ID, count: Int) {
        self.programme = programme
        self.organisationID = organisationID
        self.count = count
    }

    /// The counts that may cross to `organisation`: those of the organisations it has an agreement with, other than
    /// itself.
    public static func crossing(
        _ matches: [CrossProgrammeCount], to organisation: Organisation.ID, agreements: [SharingAgreement]
    ) -> [CrossProgrammeCount] {
        let partners = Set(agreements.compactMap { $0.partner(of: organisation) })
        return matches.filter { $0.organisationID != organisation && partners.contains($0.organisationID) }
    }
}
