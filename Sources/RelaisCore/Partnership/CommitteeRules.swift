import Foundation

/// The rules of a committee's description: a short code for its address, its kind, names and mandate in both
/// languages, the community it speaks for, its themes, its region, the stations it meets in (from the list), and
/// how many it seats.
public enum CommitteeRules {
    /// The fields of a committee's form, as sent.
    public struct Form: Sendable, Equatable {
        public var code: String?
        public var kind: String?
        public var nameFrench: String?
        public var nameEnglish: String?
        public var mandateFrench: String?
        public var mandateEnglish: String?
        public var community: String?
        public var themes: [String]
        public var region: String?
        public var stations: [String]
        public var seats: String?

        public init(
            code: String?, kind: String?, nameFrench: String?, nameEnglish: String?, mandateFrench: String?,
            mandateEnglish: String?, community: String?, themes: [String], region: String?, stations: [String],
            seats: String?
        ) {
            self.code = code
            self.kind = kind
            self.nameFrench = nameFrench
            self.nameEnglish = nameEnglish
            self.mandateFrench = mandateFrench
            self.mandateEnglish = mandateEnglish
            self.community = community
            self.themes = themes
            self.region = region
            self.stations = stations
            self.seats = seats
        }
    }

    /// Addresses a committee's code may not take (the structure's own pages).
    public static let reservedCodes: Set<String> = [
        "nouveau", "rencontres", "reunions", "suivi", "delegues", "rapport", "inscriptions", "calendriers", "actions",
    ]

    /// A committee of `organisation` from the form (`existing` keeps its id and code when it is edited).
    /// - Throws: ``ValidationError`` naming each bad field.
    public static func committee(
        _ form: Form, organisation: Organisation.ID, stations known: [Station], existing: Committee?
    ) throws(ValidationError) -> Committee {
        var problems: [FieldProblem] = []
        func problem(_ field: String) {
            problems.append(FieldProblem(field: field, messageKey: "committees.error.committee_\(field)"))
        }
        let code = existing?.code ?? form.code.trimmedNonEmpty?.lowercased()
        if let code {
            if existing == nil,
                code.count > 40 || reservedCodes.contains(code)
                    || !code.unicodeScalars.allSatisfy({
                        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    })
            {
                problem("code")
            }
        } else {
            problem("code")
        }
        let kind = form.kind.flatMap(CommitteeKind.init(rawValue:))
        if kind == nil { problem("kind") }
        func text(_ value: String?, _ field: String, limit: Int) -> String? {
            let text = value.trimmedNonEmpty
            if text == nil || text!.count > limit { problem(field) }
            return text
        }
        let nameFrench = text(form.nameFrench, "name_fr", limit: 120)
        let nameEnglish = text(form.nameEnglish, "name_en", limit: 120)
        let mandateFrench = text(form.mandateFrench, "mandate_fr", limit: 2_000)
        let mandateEnglish = text(form.mandateEnglish, "mandate_en", limit: 2_000)
        let community = form.community.trimmedNonEmpty.flatMap(Community.init(rawValue:))
        if form.community.trimmedNonEmpty != nil && community == nil { problem("community") }
        let themes = form.themes.compactMap(CommitteeTheme.init(rawValue:))
        if themes.isEmpty || themes.count != form.themes.count { problem("themes") }
        let region = form.region.trimmedNonEmpty ?? ""
        if region.count > 80 { problem("region") }
        let numbers = Set(known.map(\.number))
        if form.stations.isEmpty || !form.stations.allSatisfy(numbers.contains) || form.stations.count > 40 {
            problem("stations")
        }
        let seats = form.seats.trimmedNonEmpty.flatMap { $0.count <= 3 ? Int($0) : nil }
        if seats == nil || !(1...60).contains(seats!) { problem("seats") }
        guard problems.isEmpty, let code, let kind, let nameFrench, let nameEnglish, let mandateFrench,
            let mandateEnglish, let seats
        else { throw ValidationError(problems) }
        return Committee(
            id: existing?.id ?? .init(UUID()), organisationID: existing?.organisationID ?? organisation, code: code,
            kind: kind, nameFrench: nameFrench, nameEnglish: nameEnglish, mandateFrench: mandateFrench,
            mandateEnglish: mandateEnglish, community: community,
            themes: CommitteeTheme.allCases.filter(themes.contains), region: region,
            stations: known.map(\.number).filter(form.stations.contains), seats: seats)
    }
}
