import Fluent
import Foundation

/// A row of `territories`: a borough, city or sector with its boundary as GeoJSON geometry.
final class TerritoryRecord: Model, @unchecked Sendable {
    static let schema = "territories"

    @ID(key: .id) var id: UUID?
    @Field(key: "level") var level: String
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "geometry") var geometry: String
    @Field(key: "served") var served: Bool
    @OptionalField(key: "parent") var parent: String?

    init() {}
}
