/// The safety questions asked before anything else, in this order.
public struct SafetyScreening: Sendable, Equatable, Codable {
    /// Is someone's life in immediate danger?
    public var immediateDangerToLife: Bool
    /// Is there a weapon?
    public var weapon: Bool
    /// Is a crime in progress?
    public var crimeInProgress: Bool
    /// Is there a medical emergency?
    public var medicalEmergency: Bool

    public init(immediateDangerToLife: Bool, weapon: Bool, crimeInProgress: Bool, medicalEmergency: Bool) {
        self.immediateDangerToLife = immediateDangerToLife
        self.weapon = weapon
        self.crimeInProgress = crimeInProgress
        self.medicalEmergency = medicalEmergency
    }

    /// Every answer "no": nothing stands in the way of the mobile team.
    public static let clear = SafetyScreening(
        immediateDangerToLife: false, weapon: false, crimeInProgress: false, medicalEmergency: false)
}
