import Fluent
import Foundation

/// A row of `service_requests`. Who called, how to call back, the police event number, the address, the description
/// and an override's reason are sealed; the point, territory, screening and triage stay readable for dispatch and
/// de-identified statistics (docs/PRIVACY.md lists every column and why).
final class ServiceRequestRecord: Model, @unchecked Sendable {
    static let schema = "service_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "source") var source: String
    @OptionalField(key: "police_event_number_sealed") var policeEventNumberSealed: String?
    @OptionalField(key: "caller_sealed") var callerSealed: String?
    @Field(key: "address_sealed") var addressSealed: String
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    @OptionalField(key: "territory_code") var territoryCode: String?
    @OptionalField(key: "territory_name") var territoryName: String?
    @Field(key: "territory_served") var territoryServed: Bool
    @Field(key: "situation") var situation: String
    @Field(key: "description_sealed") var descriptionSealed: String
    @Field(key: "people_count") var peopleCount: Int
    @Field(key: "vulnerabilities") var vulnerabilities: String
    @Field(key: "danger_to_life") var dangerToLife: Bool
    @Field(key: "weapon") var weapon: Bool
    @Field(key: "crime_in_progress") var crimeInProgress: Bool
    @Field(key: "medical_emergency") var medicalEmergency: Bool
    /// What the triage rules decided.
    @Field(key: "triaged_outcome") var triagedOutcome: String
    @OptionalField(key: "triaged_priority") var triagedPriority: Int?
    /// Where the request went, after any override.
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "priority") var priority: Int?
    @OptionalField(key: "override_reason_sealed") var overrideReasonSealed: String?
    @OptionalField(key: "team_id") var teamID: UUID?
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "dispatched_at") var dispatchedAt: Date?
    @OptionalField(key: "en_route_at") var enRouteAt: Date?
    @OptionalField(key: "on_scene_at") var onSceneAt: Date?
    @OptionalField(key: "cleared_at") var clearedAt: Date?
    @Field(key: "created_by") var createdBy: UUID
    @OptionalField(key: "idempotency_key") var idempotencyKey: String?
    /// SHA-256 of the submitted form, to tell a retry from a different request under the same key.
    @OptionalField(key: "idempotency_fingerprint") var idempotencyFingerprint: String?

    init() {}
}
