import Foundation

/// An SVG outline of territories, for picking a point with a click where no map tiles are available.
///
/// The projection is equirectangular around the middle latitude (accurate to a few metres at a borough's scale):
/// `x = (longitude − west) × xScale`, `y = (north − latitude) × yScale`, in a view `width` units wide. Rings are
/// thinned to at most ``maximumPointsPerRing`` points.
public struct TerritoryMap: Sendable, Equatable {
    public struct Outline: Sendable, Equatable {
        public let code: String
        public let name: String
        /// SVG path data.
        public let path: String
    }

    public static let maximumPointsPerRing = 300

    public let outlines: [Outline]
    public let width: Double
    public let height: Double
    public let west: Double
    public let north: Double
    public let xScale: Double
    public let yScale: Double

    /// The map of `territories`, or nil when none has a readable geometry.
    public init?(_ territories: [Territory], width: Double = 1000) {
        let shapes = territories.compactMap { territory in
            TerritoryIndex.rings(of: territory.geometryJSON).map { (territory, $0) }
        }
        let points = shapes.flatMap { $0.1.flatMap { $0 } }
        guard let west = points.map(\.0).min(), let east = points.map(\.0).max(),
            let south = points.map(\.1).min(), let north = points.map(\.1).max(), east > west, north > south
        else { return nil }
        let xScale = width / (east - west)
        let yScale = xScale / cos((north + south) / 2 * .pi / 180)
        self.width = width
        self.height = ((north - south) * yScale).rounded(.up)
        self.west = west
        self.north = north
        self.xScale = xScale
        self.yScale = yScale
        outlines = shapes.map { territory, rings in
            let path = rings.map { ring -> String in
                let step = max(1, ring.count / Self.maximumPointsPerRing)
                let kept = stride(from: 0, to: ring.count, by: step).map { ring[$0] }
                let commands = kept.enumerated().map { index, point in
                    let x = (point.0 - west) * xScale
                    let y = (north - point.1) * yScale
                    return (index == 0 ? "M" : "L") + String(format: "%.1f %.1f", x, y)
                }
                return commands.joined(separator: " ") + " Z"
            }
            return Outline(code: territory.code, name: territory.name, path: path.joined(separator: " "))
        }
    }
}
