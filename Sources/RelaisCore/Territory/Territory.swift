/// An area of the map: a borough, a linked city or a sector, with its boundary.
public struct Territory: Sendable, Equatable {
    /// How fine the area is.
    public enum Level: String, CaseIterable, Sendable {
        case borough
        case sector
    }

    public var level: Level
    /// The source's stable code (for Montréal, the borough's `ABREV`, for example `VM`).
    public var code: String
    public var name: String
    /// The GeoJSON geometry (Polygon or MultiPolygon, WGS 84) as text.
    public var geometryJSON: String
    /// Whether the deployment's teams serve it.
    public var served: Bool
    /// The name of the area it lies within (a sector's city), when the import says so.
    public var parent: String?

    public init(level: Level, code: String, name: String, geometryJSON: String, served: Bool, parent: String? = nil) {
        self.level = level
        self.code = code
        self.name = name
        self.geometryJSON = geometryJSON
        self.served = served
        self.parent = parent
    }
}
