import Foundation

/// The smallest longitude–latitude box around territories: where a map opens.
public struct GeoBounds: Sendable, Equatable {
    public let west: Double
    public let east: Double
    public let south: Double
    public let north: Double

    /// The box around `territories`' outlines, or nil when none has a readable geometry.
    public init?(_ territories: [Territory]) {
        let points = territories.flatMap { TerritoryIndex.rings(of: $0.geometryJSON)?.flatMap { $0 } ?? [] }
        guard let west = points.map(\.0).min(), let east = points.map(\.0).max(),
            let south = points.map(\.1).min(), let north = points.map(\.1).max()
        else { return nil }
        self.west = west
        self.east = east
        self.south = south
        self.north = north
    }

    /// The box's middle.
    public var centre: (latitude: Double, longitude: Double) { ((south + north) / 2, (west + east) / 2) }

    /// The Web Mercator zoom level (whole) at which the box fits `width` × `height` pixels of 256-pixel tiles.
    public func zoom(toFit width: Double, _ height: Double) -> Int {
        func mercatorY(_ latitude: Double) -> Double {
            let sine = sin(latitude * .pi / 180)
            return 0.5 - log((1 + sine) / (1 - sine)) / (4 * .pi)
        }
        let spanX = max((east - west) / 360, 1e-9)
        let spanY = max(mercatorY(south) - mercatorY(north), 1e-9)
        let fit = min(log2(width / 256 / spanX), log2(height / 256 / spanY))
        // Outlines out of range (a territory file is outside input) give no finite zoom: the widest then.
        guard fit.isFinite else { return 2 }
        return max(2, min(18, Int(fit.rounded(.down))))
    }
}
