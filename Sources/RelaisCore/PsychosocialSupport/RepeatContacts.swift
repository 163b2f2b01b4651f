import Foundation

/// "3rd contact in 30 days": a consult about a known person, among the team's earlier consults about them.
public struct RepeatContacts: Sendable, Equatable {
    public static let windowDays = 30

    /// An earlier contact, as the duo sees it: when, and how it ended.
    public struct Contact: Sendable, Equatable {
        public let consultID: Consult.ID
        public let reference: String
        public let at: Date
        public let outcome: ConsultOutcome?

        public init(consultID: Consult.ID, reference: String, at: Date, outcome: ConsultOutcome?) {
            self.consultID = consultID
            self.reference = reference
            self.at = at
            self.outcome = outcome
        }
    }

    /// This consult's place among the contacts of the window (1 for a first).
    public let ordinal: Int
    /// The earlier contacts within the window, the latest first.
    public let earlier: [Contact]

    /// The contacts of the `windowDays` before `at` (the consult itself excluded).
    public static func of(_ contacts: [Contact], before at: Date, excluding id: Consult.ID) -> RepeatContacts {
        let start = at.addingTimeInterval(-Double(windowDays) * 86_400)
        let earlier = contacts.filter { $0.consultID != id && $0.at >= start && $0.at < at }
            .sorted { $0.at > $1.at }
        return RepeatContacts(ordinal: earlier.count + 1, earlier: earlier)
    }
}
