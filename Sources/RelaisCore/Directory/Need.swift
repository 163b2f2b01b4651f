/// A kind of need a resource meets: Relais's own taxonomy of needs, the one workers search by.
public enum Need: String, Sendable, CaseIterable, Codable {
    case housing
    case food
    case mentalHealth = "mental-health"
    case addiction
    case medical
    case legal
    case income
    case safety
    case community

    /// The locale catalogue key of the need's name.
    public var nameKey: String { "need.\(rawValue)" }

    /// The need's HSDS taxonomy term id: fixed, so that partners can link to it across exports.
    public var termID: String {
        let number = (Self.allCases.firstIndex(of: self) ?? 0) + 1
        return "6f1c2a70-8d4e-4b7a-9c3d-0000000000" + (number < 10 ? "0\(number)" : "\(number)")
    }

    /// The id of the HSDS taxonomy that holds the needs.
    public static let taxonomyID = "6f1c2a70-8d4e-4b7a-9c3d-000000000000"

    /// Folded words that, found in an imported taxonomy term's code or name, mean this need.
    var keywords: [String] {
        switch self {
        case .housing: ["housing", "shelter", "hebergement", "logement", "refuge", "homeless", "itinerance"]
        case .food: ["food", "alimentation", "nourriture", "banque alimentaire", "meal", "repas"]
        case .mentalHealth: ["mental health", "sante mentale", "counselling", "counseling", "psycholog", "crisis"]
        case .addiction:
            ["addiction", "dependance", "toxicomanie", "substance", "harm reduction", "reduction des mefaits"]
        case .medical:
            [
                "medical", "medicale", "health care", "soins de sante", "clsc", "hopital", "hospital", "clinic",
                "clinique",
            ]
        case .legal: ["legal", "juridique", "justice", "droit", "law"]
        case .income: ["income", "revenu", "financial", "financiere", "employment", "emploi"]
        case .safety: ["safety", "securite", "violence", "police"]
        case .community: ["community", "communautaire", "loisir", "social"]
        }
    }

    /// The needs an imported taxonomy term stands for: Relais's own terms by id or code, others by keyword.
    public static func needs(termID: String?, code: String?, name: String?) -> Set<Need> {
        if let own = allCases.first(where: { $0.termID == termID || $0.rawValue == code }) { return [own] }
        let words = " " + SearchText.fold([code, name].compactMap { $0 }.joined(separator: " "))
        return Set(allCases.filter { need in need.keywords.contains { words.contains(" " + $0) } })
    }
}
