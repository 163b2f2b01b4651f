import Foundation

/// How long a member serves and how many times the term may be given, for one kind of committee (partnership and
/// strategic committees: three years, renewable once; the expert committee: three years, renewable).
public struct TermRules: Sendable, Equatable {
    public let years: Int
    /// The most terms one person may serve on one committee (`nil`: no limit).
    public let maximumTerms: Int?

    public init(years: Int, maximumTerms: Int?) {
        self.years = years
        self.maximumTerms = maximumTerms
    }

    /// Whether a term numbered `number` is allowed.
    public func allows(term number: Int) -> Bool { number >= 1 && number <= (maximumTerms ?? Int.max) }
}

/// Why a mandate is refused; nothing was changed.
public enum MandateRefusal: DomainError, Equatable {
    /// The term would be one more than the kind allows (a third partnership term).
    case termLimit(maximum: Int)
    /// The same person already serves on the committee during part of the term.
    case overlapping
    /// The mandate to renew has ended early or is not the person's last.
    case notRenewable
    /// The committee's seats are all taken for part of the term.
    case noSeat

    public var code: String {
        switch self {
        case .termLimit: "committees.term_limit"
        case .overlapping: "committees.overlapping"
        case .notRenewable: "committees.not_renewable"
        case .noSeat: "committees.no_seat"
        }
    }

    public var messageKey: String { "committees.error." + code.dropFirst("committees.".count) }
    public var kind: FailureKind { .conflict }
}

/// The rules of members' terms, applied to a committee's mandates: a new term, a renewal, who may renew, whose
/// term ends soon, vacancies, and the renewal plan that keeps a committee from losing most of its members at once.
public enum MandateRules {
    /// A new mandate for `member` starting on `startsOn`, given the mandates of the committee.
    /// - Throws: ``MandateRefusal`` when the term limit, an overlapping term or the seats forbid it.
    public static func appoint(
        member: CommitteeMember.ID, to committee: Committee, position: CommitteePosition, startsOn: String,
        mandates: [Mandate]
    ) throws(MandateRefusal) -> Mandate {
        let own = mandates.filter { $0.memberID == member && $0.committeeID == committee.id }
        let number = own.count + 1
        let rules = committee.kind.terms
        guard let endsOn = end(of: startsOn, rules: rules) else { throw .overlapping }
        guard !own.contains(where: { $0.startsOn <= endsOn && startsOn <= $0.lastDay }) else { throw .overlapping }
        guard rules.allows(term: number) else { throw .termLimit(maximum: rules.maximumTerms ?? 0) }
        let others = mandates.filter { $0.committeeID == committee.id && $0.memberID != member }
        guard others.filter({ $0.isActive(on: startsOn) }).count < committee.seats else { throw .noSeat }
        return Mandate(
            id: .init(UUID()), memberID: member, committeeID: committee.id, position: position, startsOn: startsOn,
            endsOn: endsOn, number: number)
    }

    /// The renewal of `mandate`: the next term, from the day after it ends.
    /// - Throws: ``MandateRefusal`` when it is not the person's last term, ended early, or the limit is reached.
    public static func renew(_ mandate: Mandate, of committee: Committee, mandates: [Mandate]) throws(MandateRefusal)
        -> Mandate
    {
        let own = mandates.filter { $0.memberID == mandate.memberID && $0.committeeID == committee.id }
        guard mandate.endedOn == nil, own.allSatisfy({ $0.endsOn <= mandate.endsOn }),
            let next = CivilDay.adding(days: 1, to: mandate.endsOn)
        else { throw .notRenewable }
        return try appoint(
            member: mandate.memberID, to: committee, position: mandate.position, startsOn: next, mandates: mandates)
    }

    /// The last day of a term starting on `startsOn`.
    public static func end(of startsOn: String, rules: TermRules) -> String? {
        CivilDay.adding(years: rules.years, to: startsOn).flatMap { CivilDay.adding(days: -1, to: $0) }
    }

    /// Where a committee stands on `today`: who serves, who may renew, whose term ends within `days`, its
    /// vacancies, and for each of the coming years how many terms end and how many of those cannot be renewed.
    public static func standing(of committee: Committee, mandates: [Mandate], today: String, days: Int = 90)
        -> Standing
    {
        let own = mandates.filter { $0.committeeID == committee.id }
        let active = own.filter { $0.isActive(on: today) }.sorted {
            ($0.lastDay, $0.startsOn) < ($1.lastDay, $1.startsOn)
        }
        let soon = CivilDay.adding(days: days, to: today) ?? today
        let renewable = active.filter { mandate in
            own.allSatisfy({ $0.memberID != mandate.memberID || $0.endsOn <= mandate.endsOn })
                && mandate.endedOn == nil && committee.kind.terms.allows(term: mandate.number + 1)
        }
        let year = CivilDay.year(today)
        let plan = (year...(year + committee.kind.terms.years)).map { planYear in
            let ending = active.filter { CivilDay.year($0.lastDay) == planYear }
            let leaving = ending.filter { mandate in !renewable.contains(where: { $0.id == mandate.id }) }
            return Standing.PlanYear(
                year: planYear, ending: ending.count, mustLeave: leaving.count,
                atRisk: active.count > 0 && leaving.count * 2 > active.count)
        }
        return Standing(
            active: active, renewable: Set(renewable.map(\.id)),
            endingSoon: active.filter { $0.lastDay <= soon }, vacancies: max(0, committee.seats - active.count),
            plan: plan)
    }

    /// A committee's members on a day, and what is coming for them.
    public struct Standing: Sendable, Equatable {
        /// Who serves, the soonest ending first.
        public let active: [Mandate]
        /// The mandates that may be renewed.
        public let renewable: Set<Mandate.ID>
        public let endingSoon: [Mandate]
        public let vacancies: Int
        public let plan: [PlanYear]

        /// One year of the renewal plan.
        public struct PlanYear: Sendable, Equatable {
            public let year: Int
            public let ending: Int
            /// Terms ending that year that cannot be renewed (the limit is reached).
            public let mustLeave: Int
            /// More than half of today's members must leave that year.
            public let atRisk: Bool
        }
    }
}
