import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// What a place file holds.
enum PlaceFileKind: String, CaseIterable {
    case addresses
    case stops
    case landmarks
    case streets

    /// The kind a file's name and first bytes suggest: a GTFS stops file, a GeoJSON of lines, otherwise addresses.
    static func guess(path: String, data: Data) -> PlaceFileKind {
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        if head.contains("stop_name") { return .stops }
        if path.hasSuffix("json"), head.contains("LineString") { return .streets }
        return .addresses
    }
}

/// Reads one place file and replaces its source's places with it, with an audit entry, in one transaction.
struct PlaceImporter: Sendable {
    let kind: PlaceFileKind
    /// An address column mapping (``AddressColumns/init(mapping:over:)``), if not OpenAddresses'.
    var columns: String? = nil
    /// The GeoJSON property naming a landmark or a street (default `name`).
    var nameProperty: String? = nil
    var landmarkKind: Landmark.Kind = .place

    /// Imports `data` as `source`; returns what it held, in words.
    /// - Throws: ``PlaceFileError`` (nothing imported) when the file cannot be read.
    func run(_ data: Data, source: String, store: RelaisStore) async throws -> String {
        let text = { String(decoding: data, as: UTF8.self) }
        let isJSON =
            data.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "{")
        switch kind {
        case .addresses:
            let base: AddressColumns = isJSON ? .openAddressesGeoJSON : .openAddresses
            let columns =
                try columns.map { mapping throws(PlaceFileError) in
                    try AddressColumns(mapping: mapping, over: base)
                } ?? base
            let points =
                isJSON
                ? try PlaceFiles.addresses(geoJSON: data, columns: columns)
                : try PlaceFiles.addresses(csv: text(), columns: columns)
            try await record(store, source: source, count: points.count) {
                try await $0.places.replaceAddresses(points, source: source)
            }
            return "\(points.count) address points"
        case .stops:
            let stops = try PlaceFiles.stops(gtfs: text())
            let sketches = PlaceFiles.sketchedStreets(from: stops.corners)
            try await record(store, source: source, count: stops.landmarks.count + stops.corners.count) { tx in
                try await tx.places.replaceLandmarks(stops.landmarks, source: source)
                try await tx.places.replaceCorners(stops.corners, source: source)
                try await tx.places.replaceStreetLines(sketches, source: source)
            }
            return
                "\(stops.landmarks.count) metro stations, \(stops.corners.count) corners, \(sketches.count) sketched street lines"
        case .landmarks:
            let landmarks = try PlaceFiles.landmarks(
                geoJSON: data, nameProperty: nameProperty ?? "name", kind: landmarkKind)
            try await record(store, source: source, count: landmarks.count) {
                try await $0.places.replaceLandmarks(landmarks, source: source)
            }
            return "\(landmarks.count) landmarks"
        case .streets:
            let lines = try PlaceFiles.streets(geoJSON: data, nameProperty: nameProperty ?? "name")
            let corners = PlaceFiles.intersections(of: lines)
            try await record(store, source: source, count: lines.count + corners.count) { tx in
                try await tx.places.replaceStreetLines(lines, source: source)
                try await tx.places.replaceCorners(corners, source: source)
            }
            return "\(lines.count) street lines, \(corners.count) corners"
        }
    }

    private func record(
        _ store: RelaisStore, source: String, count: Int, _ body: @escaping @Sendable (RelaisStore) async throws -> Void
    ) async throws {
        try await store.transaction { tx in
            try await body(tx)
            try await tx.audit.append(
                AuditRecord(
                    actor: nil, action: .placesImported, resourceType: .territory, resourceID: "\(source):\(count)",
                    purpose: "cli"))
        }
    }
}

extension Application {
    /// Imports the demo's places shipped in `Resources/Demo`: the STM's metro stations and corners in the four
    /// boroughs, the city's places of interest there, and the OpenStreetMap streets of Le Plateau-Mont-Royal.
    public func importDemoPlaces() async throws {
        let folder = directory.resourcesDirectory + "Demo/"
        let files: [(String, PlaceImporter)] = [
            ("stm-stops-emmis.txt", PlaceImporter(kind: .stops)),
            ("montreal-landmarks-emmis.geojson", PlaceImporter(kind: .landmarks)),
            ("osm-streets-plateau.geojson", PlaceImporter(kind: .streets)),
        ]
        for (file, importer) in files {
            _ = try await importer.run(
                try Data(contentsOf: URL(fileURLWithPath: folder + file)), source: file, store: store)
        }
    }
}
