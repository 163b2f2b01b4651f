import Foundation

/// A sector as the public page names it: its code, its name and the city it lies within.
public struct Sector: Sendable, Equatable {
    public let code: String
    public let name: String
    public let city: String

    public init(code: String, name: String, city: String) {
        self.code = code
        self.name = name
        self.city = city
    }
}

/// The answer to "who is my RÉSO officer?" for one sector at one moment.
public struct SectorAnswer: Sendable, Equatable {
    public let sector: Sector
    /// The sector's officer, if one is assigned.
    public let officer: SectorOfficer?
    /// Whether that officer is on duty now, from their schedule (an officer with no schedule is never on duty).
    public let onDuty: Bool
    /// When the officer is not on duty (or there is none): the colleague on duty who answers, if any.
    public let cover: SectorOfficer?
}

/// The sectors and their officers, as the public page reads them: no I/O, rebuilt when the coordinator changes
/// something.
public struct SectorDirectory: Sendable {
    public let sectors: [Sector]
    public let officers: [SectorOfficer]
    private let sectorsByCode: [String: Sector]
    private let officersByID: [SectorOfficer.ID: SectorOfficer]
    private let officerBySector: [String: SectorOfficer]

    public init(sectors: [Sector], officers: [SectorOfficer]) {
        self.sectors = sectors.sorted { ($0.city, $0.name) < ($1.city, $1.name) }
        self.officers = officers.sorted { $0.name < $1.name }
        sectorsByCode = Dictionary(sectors.map { ($0.code, $0) }) { first, _ in first }
        officersByID = Dictionary(officers.map { ($0.id, $0) }) { first, _ in first }
        officerBySector = Dictionary(officers.compactMap { officer in officer.sectorCode.map { ($0, officer) } }) {
            first, _ in first
        }
    }

    public func sector(_ code: String) -> Sector? { sectorsByCode[code] }

    public func officer(_ id: SectorOfficer.ID) -> SectorOfficer? { officersByID[id] }

    /// The officer assigned to a sector, if any.
    public func officer(of sectorCode: String) -> SectorOfficer? { officerBySector[sectorCode] }

    /// The cities with their sectors, in order.
    public var cities: [(city: String, sectors: [Sector])] {
        var order: [String] = []
        var grouped: [String: [Sector]] = [:]
        for sector in sectors {
            if grouped[sector.city] == nil { order.append(sector.city) }
            grouped[sector.city, default: []].append(sector)
        }
        return order.map { ($0, grouped[$0] ?? []) }
    }

    /// The sector's officer and, when they are off duty, who answers: their designated colleague if on duty, else
    /// an officer on duty in a sector of the same city, else none — never a promise the schedule does not make.
    public func answer(for sectorCode: String, at date: Date, in timeZone: TimeZone) -> SectorAnswer? {
        guard let sector = sectorsByCode[sectorCode] else { return nil }
        let officer = officerBySector[sectorCode]
        let onDuty = officer?.duty.isOpen(at: date, in: timeZone) ?? false
        guard !onDuty else { return SectorAnswer(sector: sector, officer: officer, onDuty: true, cover: nil) }
        return SectorAnswer(
            sector: sector, officer: officer, onDuty: false,
            cover: cover(for: officer, in: sector, at: date, timeZone: timeZone))
    }

    /// Who answers for `officer` (or for an unstaffed sector) at `date`.
    public func cover(for officer: SectorOfficer?, in sector: Sector, at date: Date, timeZone: TimeZone)
        -> SectorOfficer?
    {
        if let designated = officer?.coverID.flatMap({ officersByID[$0] }), designated.id != officer?.id,
            designated.sectorCode != nil, designated.duty.isOpen(at: date, in: timeZone)
        {
            return designated
        }
        return officers.first { colleague in
            colleague.id != officer?.id && colleague.sectorCode.flatMap { sectorsByCode[$0]?.city } == sector.city
                && colleague.duty.isOpen(at: date, in: timeZone)
        }
    }
}
