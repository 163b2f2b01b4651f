/// The two members a partnership committee names for a year to meet the strategic committee: one serving for the
/// police service, one civilian.
public struct DelegatePair: Sendable, Equatable {
    public let committeeID: Committee.ID
    public let year: Int
    public let police: CommitteeMember.ID
    public let civilian: CommitteeMember.ID

    public init(committeeID: Committee.ID, year: Int, police: CommitteeMember.ID, civilian: CommitteeMember.ID) {
        self.committeeID = committeeID
        self.year = year
        self.police = police
        self.civilian = civilian
    }
}

/// Why a delegates' pair is refused; nothing was changed.
public enum DelegateRefusal: DomainError, Equatable {
    /// Not one police member and one civilian.
    case notAPair
    /// One of them does not serve on the committee that day.
    case notSeated
    /// The committee does not name delegates (the strategic committee, local partnerships).
    case noDelegates

    public var code: String {
        switch self {
        case .notAPair: "committees.delegates_not_a_pair"
        case .notSeated: "committees.delegates_not_seated"
        case .noDelegates: "committees.no_delegates"
        }
    }

    public var messageKey: String { "committees.error." + code.dropFirst("committees.".count) }
    public var kind: FailureKind { .invalidInput }
}

/// The rules of the delegates' pairs.
public enum DelegateRules {
    /// The pair of `first` and `second` for `committee` in `year`, checked on `today`.
    /// - Throws: ``DelegateRefusal`` when they are not one police member and one civilian, both serving.
    public static func pair(
        _ first: CommitteeMember, _ second: CommitteeMember, committee: Committee, year: Int, mandates: [Mandate],
        today: String
    ) throws(DelegateRefusal) -> DelegatePair {
        guard committee.kind.namesDelegates else { throw .noDelegates }
        guard first.id != second.id, first.side != second.side else { throw .notAPair }
        let seated = Set(
            mandates.filter { $0.committeeID == committee.id && $0.isActive(on: today) }.map(\.memberID))
        guard seated.contains(first.id), seated.contains(second.id) else { throw .notSeated }
        let police = first.side == .police ? first : second
        let civilian = first.side == .police ? second : first
        return DelegatePair(committeeID: committee.id, year: year, police: police.id, civilian: civilian.id)
    }

    /// The committees that name delegates and have not named theirs for `year`.
    public static func missing(_ committees: [Committee], pairs: [DelegatePair], year: Int) -> [Committee] {
        let named = Set(pairs.filter { $0.year == year }.map(\.committeeID))
        return committees.filter { $0.kind.namesDelegates && !named.contains($0.id) }
    }
}
