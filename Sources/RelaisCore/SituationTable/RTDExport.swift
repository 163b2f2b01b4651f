import Foundation

/// One row per discussion in the shape of the province's Risk-driven Tracking Database, for its reporting: a
/// rejected discussion's redacted columns read `N/A`, as the database's own export does. Never a summary or an
/// identity.
public enum RTDExport {
    public static let columns = [
        "discussion_id", "date_of_discussion", "originating_agency_sector", "filter_2_accepted", "rejection_reason",
        "subject_type", "age_cohorts", "genders", "risk_categories", "risk_factors", "lead_agency_sector",
        "assisting_agency_sectors", "first_intervention_date", "conclusion", "date_concluded",
    ]

    public static func csv(
        _ situations: [Situation], agencies: [Organisation.ID: TableAgency], taxonomy: RiskTaxonomy,
        timeZone: TimeZone
    ) -> String {
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = timeZone
        let redacted = "N/A"
        let rows = situations.map { situation -> [String] in
            let description = situation.description
            func field(_ value: String?) -> String { value ?? (situation.stage == .rejected ? redacted : "") }
            let categories = description.map { description in
                var seen: [String] = []
                for code in description.riskFactors {
                    let category = taxonomy.factor(code)?.category.code ?? code
                    if !seen.contains(category) { seen.append(category) }
                }
                return seen.joined(separator: ";")
            }
            return [
                situation.reference, situation.broughtAt.map(day.string(from:)) ?? day.string(from: situation.openedAt),
                situation.originatingSector.rawValue,
                situation.stage == .onAgenda ? "" : (situation.stage == .rejected ? "no" : "yes"),
                situation.rejectionReason?.rawValue ?? "",
                field(description?.subject.rawValue),
                field(description?.ageCohorts.map(\.rawValue).joined(separator: ";")),
                field(description?.genders.map(\.rawValue).joined(separator: ";")),
                field(categories), field(description?.riskFactors.joined(separator: ";")),
                situation.leadAgencyID.flatMap { agencies[$0]?.sector.rawValue } ?? field(nil),
                situation.stage == .rejected
                    ? redacted
                    : situation.assistingAgencyIDs.compactMap { agencies[$0]?.sector.rawValue }.joined(separator: ";"),
                situation.firstInterventionAt.map(day.string(from:)) ?? field(nil),
                situation.conclusion?.rawValue ?? field(nil),
                situation.concludedAt.map(day.string(from:)) ?? field(nil),
            ]
        }
        return CSV.write([columns] + rows)
    }
}
