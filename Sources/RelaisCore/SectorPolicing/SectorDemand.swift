import Foundation

/// Demand per sector, for planning sectors: calls for service (a CSV with a latitude and a longitude column, the kind
/// of 911 analysis the police service drew its sectors from) counted by the sector that holds each point.
public struct SectorDemand: Sendable, Equatable {
    public let bySector: [String: Int]
    /// Calls whose point is in no sector.
    public let outside: Int
    /// Lines of the file whose point cannot be read (empty, not a number, out of range).
    public let unreadableLines: [Int]

    /// Why a file cannot be counted at all.
    public enum Problem: Error, Equatable {
        case malformed(line: Int)
        case missingColumn(String)
    }

    /// Counts the calls of `text`; `locate` gives the sector code holding a point, if any.
    /// - Throws: ``Problem`` when the file is not CSV or lacks a named column.
    public static func count(
        csv text: String, latitudeColumn: String, longitudeColumn: String, locate: (GeoPoint) -> String?
    ) throws(Problem) -> SectorDemand {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw .malformed(line: error.line) }
        guard let header = records.first else { return SectorDemand(bySector: [:], outside: 0, unreadableLines: []) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let latitudeIndex = names.firstIndex(of: latitudeColumn) else { throw .missingColumn(latitudeColumn) }
        guard let longitudeIndex = names.firstIndex(of: longitudeColumn) else { throw .missingColumn(longitudeColumn) }
        var bySector: [String: Int] = [:]
        var outside = 0
        var unreadable: [Int] = []
        for record in records.dropFirst() {
            guard latitudeIndex < record.fields.count, longitudeIndex < record.fields.count,
                record.fields[latitudeIndex].count < 24, record.fields[longitudeIndex].count < 24,
                let latitude = Double(record.fields[latitudeIndex].trimmingCharacters(in: .whitespaces)),
                let longitude = Double(record.fields[longitudeIndex].trimmingCharacters(in: .whitespaces)),
                let point = try? GeoPoint(latitude: latitude, longitude: longitude)
            else {
                unreadable.append(record.line)
                continue
            }
            if let sector = locate(point) { bySector[sector, default: 0] += 1 } else { outside += 1 }
        }
        return SectorDemand(bySector: bySector, outside: outside, unreadableLines: unreadable)
    }
}
