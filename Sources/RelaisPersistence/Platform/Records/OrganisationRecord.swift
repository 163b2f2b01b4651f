import Fluent
import Foundation

/// A row of `organisations`.
final class OrganisationRecord: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, name: String, kind: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.kind = kind
        self.createdAt = createdAt
    }
}
