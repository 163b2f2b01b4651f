/// A point on the map in WGS 84 degrees, always within the valid range.
public struct GeoPoint: Sendable, Equatable, Codable {
    public let latitude: Double
    public let longitude: Double

    /// Why coordinates were refused.
    public enum Problem: DomainError, Equatable {
        case latitudeOutOfRange
        case longitudeOutOfRange

        public var code: String {
            switch self {
            case .latitudeOutOfRange: "latitude.out_of_range"
            case .longitudeOutOfRange: "longitude.out_of_range"
            }
        }

        public var messageKey: String { "error.\(code)" }
        public var kind: FailureKind { .invalidInput }
        public var fieldProblems: [FieldProblem] {
            [FieldProblem(field: self == .latitudeOutOfRange ? "latitude" : "longitude", messageKey: messageKey)]
        }
    }

    /// Makes a point.
    /// - Throws: ``Problem`` when the latitude is outside −90…90 or the longitude outside −180…180 (or not a number).
    public init(latitude: Double, longitude: Double) throws(Problem) {
        guard latitude.isFinite, (-90...90).contains(latitude) else { throw .latitudeOutOfRange }
        guard longitude.isFinite, (-180...180).contains(longitude) else { throw .longitudeOutOfRange }
        self.latitude = latitude
        self.longitude = longitude
    }
}
