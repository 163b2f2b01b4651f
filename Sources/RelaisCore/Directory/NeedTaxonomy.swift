/// Relais's needs as an HSDS taxonomy, so that exports carry them and partners can use them.
public enum NeedTaxonomy {
    /// French names (the taxonomy's language); English ones are in the locale catalogue.
    static let names: [Need: String] = [
        .housing: "Hébergement et logement", .food: "Alimentation", .mentalHealth: "Santé mentale",
        .addiction: "Dépendances", .medical: "Soins de santé", .legal: "Aide juridique", .income: "Revenu et emploi",
        .safety: "Sécurité", .community: "Soutien communautaire",
    ]

    /// The taxonomy itself.
    public static let taxonomy: JSONValue = .object([
        "id": .string(Need.taxonomyID), "name": .string("Relais — besoins"),
        "description": .string("Les besoins auxquels une ressource répond, pour la recherche des intervenants."),
    ])

    /// The HSDS term of a need.
    public static func term(_ need: Need) -> JSONValue {
        .object([
            "id": .string(need.termID), "code": .string(need.rawValue), "name": .string(names[need] ?? need.rawValue),
            "description": .string(names[need] ?? need.rawValue), "taxonomy_id": .string(Need.taxonomyID),
            "language": .string("fr"),
        ])
    }

    /// Every term.
    public static var terms: [JSONValue] { Need.allCases.map(term) }
}
