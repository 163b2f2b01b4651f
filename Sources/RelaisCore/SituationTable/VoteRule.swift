/// How the table decides whether a situation meets the threshold of acutely elevated risk, from the votes of the
/// agencies present: data of the deployment (`RELAIS_TABLE_VOTE_RULE`), unanimity by default.
public enum VoteRule: Sendable, Equatable {
    /// Every agency present votes, and all say yes.
    case unanimity
    /// Every agency present votes, and at least this many say yes.
    case quorum(Int)

    /// Reads the setting: `unanimity`, or `quorum:N` with N from 1 to 99.
    public init?(setting: String) {
        if setting == "unanimity" {
            self = .unanimity
            return
        }
        let parts = setting.split(separator: ":")
        guard parts.count == 2, parts[0] == "quorum", parts[1].count <= 2, let count = Int(parts[1]), count >= 1
        else { return nil }
        self = .quorum(count)
    }

    /// Whether the votes accept the situation (every agency present has voted).
    public func accepts(_ votes: [Organisation.ID: Bool]) -> Bool {
        let yes = votes.values.filter { $0 }.count
        switch self {
        case .unanimity: return !votes.isEmpty && yes == votes.count
        case .quorum(let needed): return yes >= needed
        }
    }
}
