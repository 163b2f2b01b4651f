import Foundation

/// Why a GeoJSON file could not be read as territories.
public enum GeoJSONTerritoryError: Error, Equatable, Sendable {
    case notAFeatureCollection
    case featureWithoutGeometry(index: Int)
    case featureWithoutProperty(index: Int, property: String)
}

/// Reads territories from a GeoJSON FeatureCollection of Polygon or MultiPolygon features.
public enum GeoJSONTerritories {
    /// The territories of a file, with their code and name taken from the named properties.
    /// - Parameters:
    ///   - served: the codes the deployment serves; all others are kept but not served.
    ///   - parentProperty: the property naming the area each feature lies within (a sector's city), required when
    ///     given.
    /// - Throws: ``GeoJSONTerritoryError`` naming the first feature that cannot be read.
    public static func read(
        _ data: Data, level: Territory.Level, codeProperty: String, nameProperty: String, served: Set<String>,
        parentProperty: String? = nil
    ) throws -> [Territory] {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            root["type"] as? String == "FeatureCollection", let features = root["features"] as? [[String: Any]]
        else { throw GeoJSONTerritoryError.notAFeatureCollection }
        return try features.enumerated().map { index, feature in
            guard let geometry = feature["geometry"] as? [String: Any],
                ["Polygon", "MultiPolygon"].contains(geometry["type"] as? String ?? "")
            else { throw GeoJSONTerritoryError.featureWithoutGeometry(index: index) }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let code = properties[codeProperty].map({ "\($0)" }), !code.isEmpty else {
                throw GeoJSONTerritoryError.featureWithoutProperty(index: index, property: codeProperty)
            }
            guard let name = properties[nameProperty] as? String, !name.isEmpty else {
                throw GeoJSONTerritoryError.featureWithoutProperty(index: index, property: nameProperty)
            }
            var parent: String?
            if let parentProperty {
                guard let value = properties[parentProperty] as? String, !value.isEmpty else {
                    throw GeoJSONTerritoryError.featureWithoutProperty(index: index, property: parentProperty)
                }
                parent = value
            }
            let geometryJSON = String(decoding: try JSONSerialization.data(withJSONObject: geometry), as: UTF8.self)
            return Territory(
                level: level, code: code, name: name, geometryJSON: geometryJSON, served: served.contains(code),
                parent: parent)
        }
    }
}
