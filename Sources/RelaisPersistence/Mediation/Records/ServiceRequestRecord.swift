import Fluent
import Foundation

/// A row of `service_requests`. Who called, how to call back, the police event number, the address, the description
/// and an override's reason are sealed; the point, territory, screening and triage stay readable for dispatch and
/// de-identified statistics (docs/PRIVACY.md lists every column and why).
final class ServiceRequestRecord: Model, @unchecked Sendable {
    static let schema = "service_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: .string(Column.organisationID)) var organisationID: UUID
    @Field(key: .string(Column.source)) var source: String
    @OptionalField(key: .string(Column.policeEventNumberSealed)) var policeEventNumberSealed: String?
    @OptionalField(key: .string(Column.callerSealed)) var callerSealed: String?
    @Field(key: .string(Column.addressSealed)) var addressSealed: String
    @Field(key: .string(Column.latitude)) var latitude: Double
    @Field(key: .string(Column.longitude)) var longitude: Double
    @OptionalField(key: .string(Column.territoryCode)) var territoryCode: String?
    @OptionalField(key: .string(Column.territoryName)) var territoryName: String?
    @Field(key: .string(Column.territoryServed)) var territoryServed: Bool
    @Field(key: .string(Column.situation)) var situation: String
    @Field(key: .string(Column.descriptionSealed)) var descriptionSealed: String
    @Field(key: .string(Column.peopleCount)) var peopleCount: Int
    @Field(key: .string(Column.vulnerabilities)) var vulnerabilities: String
    @Field(key: .string(Column.dangerToLife)) var dangerToLife: Bool
    @Field(key: .string(Column.weapon)) var weapon: Bool
    @Field(key: .string(Column.crimeInProgress)) var crimeInProgress: Bool
    @Field(key: .string(Column.medicalEmergency)) var medicalEmergency: Bool
    /// What the triage rules decided.
    @Field(key: .string(Column.triagedOutcome)) var triagedOutcome: String
    @OptionalField(key: .string(Column.triagedPriority)) var triagedPriority: Int?
    /// Where the request went, after any override.
    @Field(key: .string(Column.outcome)) var outcome: String
    @OptionalField(key: .string(Column.priority)) var priority: Int?
    @OptionalField(key: .string(Column.overrideReasonSealed)) var overrideReasonSealed: String?
    @OptionalField(key: .string(Column.teamID)) var teamID: UUID?
    @Field(key: .string(Column.receivedAt)) var receivedAt: Date
    @OptionalField(key: .string(Column.dispatchedAt)) var dispatchedAt: Date?
    @OptionalField(key: .string(Column.enRouteAt)) var enRouteAt: Date?
    @OptionalField(key: .string(Column.onSceneAt)) var onSceneAt: Date?
    @OptionalField(key: .string(Column.clearedAt)) var clearedAt: Date?
    @Field(key: .string(Column.createdBy)) var createdBy: UUID
    /// How it was closed without a team's work (``RequestClosure/Kind``), its sealed reason and the request it repeats.
    @OptionalField(key: .string(Column.closureKind)) var closureKind: String?
    @OptionalField(key: .string(Column.closureReasonSealed)) var closureReasonSealed: String?
    @OptionalField(key: .string(Column.duplicateOf)) var duplicateOf: UUID?
    @OptionalField(key: .string(Column.idempotencyKey)) var idempotencyKey: String?
    /// SHA-256 of the submitted form, to tell a retry from a different request under the same key.
    @OptionalField(key: .string(Column.idempotencyFingerprint)) var idempotencyFingerprint: String?

    init() {}

    /// The table's columns, spelled once: the fields above and the store's insert use these names.
    enum Column {
        static let id = "id"
        static let organisationID = "organisation_id"
        static let source = "source"
        static let policeEventNumberSealed = "police_event_number_sealed"
        static let callerSealed = "caller_sealed"
        static let addressSealed = "address_sealed"
        static let latitude = "latitude"
        static let longitude = "longitude"
        static let territoryCode = "territory_code"
        static let territoryName = "territory_name"
        static let territoryServed = "territory_served"
        static let situation = "situation"
        static let descriptionSealed = "description_sealed"
        static let peopleCount = "people_count"
        static let vulnerabilities = "vulnerabilities"
        static let dangerToLife = "danger_to_life"
        static let weapon = "weapon"
        static let crimeInProgress = "crime_in_progress"
        static let medicalEmergency = "medical_emergency"
        static let triagedOutcome = "triaged_outcome"
        static let triagedPriority = "triaged_priority"
        static let outcome = "outcome"
        static let priority = "priority"
        static let overrideReasonSealed = "override_reason_sealed"
        static let teamID = "team_id"
        static let receivedAt = "received_at"
        static let dispatchedAt = "dispatched_at"
        static let enRouteAt = "en_route_at"
        static let onSceneAt = "on_scene_at"
        static let clearedAt = "cleared_at"
        static let createdBy = "created_by"
        static let idempotencyKey = "idempotency_key"
        static let idempotencyFingerprint = "idempotency_fingerprint"
        static let closureKind = "closure_kind"
        static let closureReasonSealed = "closure_reason_sealed"
        static let duplicateOf = "duplicate_of"
    }
}
