import Foundation

/// Reads the files places come from: address points (CSV or GeoJSON), a GTFS `stops.txt` (metro stations and the bus
/// stops named by their corner, "Berri / Ontario"), landmarks (GeoJSON points), and street lines (GeoJSON
/// LineStrings, whose shared vertices are corners too). A row that cannot be read stops the whole file.
public enum PlaceFiles {
    /// Address points of a CSV file with a header row.
    public static func addresses(csv text: String, columns: AddressColumns) throws(PlaceFileError) -> [AddressPoint] {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw PlaceFileError(line: error.line, message: error.message) }
        guard let header = records.first else { throw PlaceFileError(line: 1, message: "no header row") }
        let position = Dictionary(header.fields.enumerated().map { ($1.trimmed.uppercased(), $0) }) { a, _ in a }
        func column(_ name: String, required: Bool) throws(PlaceFileError) -> Int? {
            if let index = position[name.uppercased()] { return index }
            if required { throw PlaceFileError(line: header.line, message: "no column \"\(name)\"") }
            return nil
        }
        let lon = try column(columns.longitude, required: true)!
        let lat = try column(columns.latitude, required: true)!
        let number = try column(columns.number, required: true)!
        let street = try column(columns.street, required: true)!
        let unit = try column(columns.unit, required: false)
        let city = try column(columns.city, required: false)
        let postcode = try column(columns.postcode, required: false)
        let id = try column(columns.id, required: false)
        var points: [AddressPoint] = []
        points.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            func field(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                return record.fields[index].trimmed
            }
            if record.fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            points.append(
                try address(
                    line: record.line, id: field(id), number: field(number), street: field(street), unit: field(unit),
                    city: field(city), postcode: field(postcode), latitude: field(lat), longitude: field(lon)))
        }
        return points
    }

    /// Address points of a GeoJSON FeatureCollection of Point features; their parts are properties named by
    /// `columns` (the coordinates are the geometry's).
    public static func addresses(geoJSON data: Data, columns: AddressColumns) throws(PlaceFileError) -> [AddressPoint] {
        var found: [AddressPoint] = []
        for (index, point, properties) in try points(geoJSON: data) {
            func field(_ name: String) -> String { properties[name].map { "\($0)".trimmed } ?? "" }
            found.append(
                try address(
                    line: index, id: field(columns.id), number: field(columns.number), street: field(columns.street),
                    unit: field(columns.unit), city: field(columns.city), postcode: field(columns.postcode),
                    point: point))
        }
        return found
    }

    /// Landmarks of a GeoJSON FeatureCollection of Point features, named by the property `nameProperty`.
    public static func landmarks(geoJSON data: Data, nameProperty: String, kind: Landmark.Kind) throws(PlaceFileError)
        -> [Landmark]
    {
        var found: [Landmark] = []
        for (index, point, properties) in try points(geoJSON: data) {
            guard let name = (properties[nameProperty] as? String)?.trimmed, !name.isEmpty else {
                throw PlaceFileError(line: index, message: "no \"\(nameProperty)\" property")
            }
            found.append(Landmark(kind: kind, name: name, point: point))
        }
        return found
    }

    /// The metro stations (as landmarks, named as their platforms are: "Station Berri-UQAM") and the bus stops named
    /// "Street / Street" (as corners) of a GTFS `stops.txt`.
    public static func stops(gtfs text: String) throws(PlaceFileError) -> (landmarks: [Landmark], corners: [Corner]) {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw PlaceFileError(line: error.line, message: error.message) }
        guard let header = records.first?.fields.map({ $0.trimmed }) else {
            throw PlaceFileError(line: 1, message: "no header row")
        }
        func column(_ name: String) throws(PlaceFileError) -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw PlaceFileError(line: 1, message: "no column \"\(name)\" (a GTFS stops.txt has it)")
            }
            return index
        }
        let id = try column("stop_id")
        let name = try column("stop_name")
        let lat = try column("stop_lat")
        let lon = try column("stop_lon")
        let type = header.firstIndex(of: "location_type")
        let parent = header.firstIndex(of: "parent_station")
        var stations: [(id: String, name: String, point: GeoPoint)] = []
        var platformNames: [String: String] = [:]
        var corners: [Corner] = []
        for record in records.dropFirst() {
            func field(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                return record.fields[index].trimmed
            }
            if record.fields.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            let point = try coordinates(line: record.line, latitude: field(lat), longitude: field(lon))
            let stopName = field(name)
            switch (field(type), field(parent)) {
            case ("1", _):
                stations.append((field(id), stopName, point))
            case ("0", let station), ("", let station):
                if !station.isEmpty {
                    if platformNames[station] == nil { platformNames[station] = stopName }
                } else if let corner = corner(named: stopName, at: point) {
                    corners.append(corner)
                }
            default:
                continue  // entrances, generic nodes, boarding areas
            }
        }
        let landmarks = stations.map { station in
            Landmark(kind: .metro, name: platformNames[station.id] ?? station.name, point: station.point)
        }
        return (landmarks, corners)
    }

    /// The named street lines of a GeoJSON FeatureCollection of LineString (or MultiLineString) features; features
    /// without a name (service lanes) are left out.
    public static func streets(geoJSON data: Data, nameProperty: String) throws(PlaceFileError) -> [StreetLine] {
        let features = try features(data)
        var lines: [StreetLine] = []
        for (offset, feature) in features.enumerated() {
            let index = offset + 1
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let name = (properties[nameProperty] as? String)?.trimmed, !name.isEmpty else { continue }
            guard let geometry = feature["geometry"] as? [String: Any] else {
                throw PlaceFileError(line: index, message: "no geometry")
            }
            let parts: [Any]
            switch geometry["type"] as? String {
            case "LineString": parts = [geometry["coordinates"] as Any]
            case "MultiLineString": parts = geometry["coordinates"] as? [Any] ?? []
            default: throw PlaceFileError(line: index, message: "not a LineString")
            }
            for part in parts {
                guard let positions = part as? [[Double]], positions.count >= 2 else {
                    throw PlaceFileError(line: index, message: "a line needs two positions or more")
                }
                var vertices: [GeoPoint] = []
                for position in positions {
                    guard position.count >= 2, let point = try? GeoPoint(latitude: position[1], longitude: position[0])
                    else { throw PlaceFileError(line: index, message: "a position is out of range") }
                    vertices.append(point)
                }
                lines.append(StreetLine(name: name, vertices: vertices))
            }
        }
        return lines
    }

    /// The corners where lines of different streets share a vertex, one per pair of streets (at the first vertex
    /// found, in the lines' order).
    public static func intersections(of lines: [StreetLine]) -> [Corner] {
        struct Vertex: Hashable {
            let x: Int64
            let y: Int64
        }
        var streetsAt: [Vertex: [String]] = [:]
        var points: [Vertex: GeoPoint] = [:]
        var order: [Vertex] = []
        for line in lines {
            for point in line.vertices {
                let vertex = Vertex(
                    x: Int64((point.longitude * 10_000_000).rounded()),
                    y: Int64((point.latitude * 10_000_000).rounded()))
                if points[vertex] == nil {
                    points[vertex] = point
                    order.append(vertex)
                }
                if !(streetsAt[vertex]?.contains(line.name) ?? false) {
                    streetsAt[vertex, default: []].append(line.name)
                }
            }
        }
        var seen: Set<StreetPair> = []
        var corners: [Corner] = []
        for vertex in order {
            guard let names = streetsAt[vertex], names.count > 1, let point = points[vertex] else { continue }
            for (i, a) in names.enumerated() {
                for b in names[(i + 1)...] {
                    let corner = Corner(first: a, second: b, point: point)
                    guard corner.keys.first != corner.keys.second, seen.insert(corner.keys).inserted else { continue }
                    corners.append(corner)
                }
            }
        }
        return corners
    }

    /// Street lines sketched from corners alone, for a map where no street file was imported: each street's corners
    /// (one per pair of streets) in order along the street's main direction, joined where they are at most
    /// `maximumGap` metres apart. Straight between corners: a schematic, not a survey.
    public static func sketchedStreets(from corners: [Corner], maximumGap: Double = 700) -> [StreetLine] {
        var byStreet: [String: (name: String, points: [GeoPoint])] = [:]
        var seen: Set<StreetPair> = []
        for corner in corners where seen.insert(corner.keys).inserted {
            for (name, key) in [(corner.first, corner.keys.first), (corner.second, corner.keys.second)] {
                byStreet[key, default: (name, [])].points.append(corner.point)
            }
        }
        var lines: [StreetLine] = []
        for key in byStreet.keys.sorted() {
            guard let street = byStreet[key], street.points.count >= 2 else { continue }
            let ordered = alongMainDirection(street.points)
            var run: [GeoPoint] = [ordered[0]]
            for point in ordered.dropFirst() {
                if let last = run.last, metres(last, point) > maximumGap {
                    if run.count >= 2 { lines.append(StreetLine(name: street.name, vertices: run, sketched: true)) }
                    run = []
                }
                run.append(point)
            }
            if run.count >= 2 { lines.append(StreetLine(name: street.name, vertices: run, sketched: true)) }
        }
        return lines
    }

    /// Points sorted by their position along their principal axis (on a local flat projection).
    static func alongMainDirection(_ points: [GeoPoint]) -> [GeoPoint] {
        let latitude = points.map(\.latitude).reduce(0, +) / Double(points.count)
        let squeeze = cos(latitude * .pi / 180)
        let xs = points.map { $0.longitude * squeeze }
        let ys = points.map(\.latitude)
        let mx = xs.reduce(0, +) / Double(xs.count)
        let my = ys.reduce(0, +) / Double(ys.count)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for index in points.indices {
            let dx = xs[index] - mx
            let dy = ys[index] - my
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        let angle = 0.5 * atan2(2 * sxy, sxx - syy)
        let (ux, uy) = (cos(angle), sin(angle))
        return points.indices.sorted {
            (xs[$0] - mx) * ux + (ys[$0] - my) * uy < (xs[$1] - mx) * ux + (ys[$1] - my) * uy
        }
        .map { points[$0] }
    }

    /// The distance in metres between two points (equirectangular: exact enough across a city).
    static func metres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let squeeze = cos((a.latitude + b.latitude) / 2 * .pi / 180)
        let dx = (a.longitude - b.longitude) * squeeze * 111_320
        let dy = (a.latitude - b.latitude) * 110_574
        return (dx * dx + dy * dy).squareRoot()
    }

    /// A bus stop's corner, when its name is "Street / Street".
    static func corner(named name: String, at point: GeoPoint) -> Corner? {
        // "Station Mont-Royal (Berri / du Mont-Royal)": the corner is in the brackets.
        var name = Substring(name)
        if let open = name.firstIndex(of: "(") {
            guard let close = name[open...].firstIndex(of: ")") else { return nil }
            name = name[name.index(after: open)..<close]
        }
        let sides = name.split(separator: "/", omittingEmptySubsequences: false).map { String($0).trimmed }
        guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else { return nil }
        let corner = Corner(first: sides[0], second: sides[1], point: point)
        return corner.keys.first.isEmpty || corner.keys.second.isEmpty ? nil : corner
    }

    private static func address(
        line: Int, id: String, number: String, street: String, unit: String, city: String, postcode: String,
        latitude: String, longitude: String
    ) throws(PlaceFileError) -> AddressPoint {
        let point = try coordinates(line: line, latitude: latitude, longitude: longitude)
        return try address(
            line: line, id: id, number: number, street: street, unit: unit, city: city, postcode: postcode,
            point: point)
    }

    private static func address(
        line: Int, id: String, number: String, street: String, unit: String, city: String, postcode: String,
        point: GeoPoint
    ) throws(PlaceFileError) -> AddressPoint {
        guard !number.isEmpty, number.count <= 20 else {
            throw PlaceFileError(line: line, message: "a civic number is missing or longer than 20 characters")
        }
        guard !street.isEmpty, street.count <= 200, !PlaceText.streetKey(street).isEmpty else {
            throw PlaceFileError(line: line, message: "a street name is missing or longer than 200 characters")
        }
        let fallback = "\(number) \(street) \(unit) \(point.latitude) \(point.longitude)"
        return AddressPoint(
            id: id.isEmpty ? fallback : String(id.prefix(200)), number: PlaceText.words(number).joined(),
            street: street, unit: String(unit.prefix(50)), city: String(city.prefix(100)),
            postcode: String(postcode.prefix(20)), point: point)
    }

    private static func coordinates(line: Int, latitude: String, longitude: String) throws(PlaceFileError) -> GeoPoint {
        guard let lat = Double(latitude), let lon = Double(longitude) else {
            throw PlaceFileError(line: line, message: "coordinates are not numbers")
        }
        do { return try GeoPoint(latitude: lat, longitude: lon) } catch {
            throw PlaceFileError(line: line, message: "coordinates are out of range")
        }
    }

    private static func features(_ data: Data) throws(PlaceFileError) -> [[String: Any]] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            root["type"] as? String == "FeatureCollection", let features = root["features"] as? [[String: Any]]
        else { throw PlaceFileError(line: 0, message: "not a GeoJSON FeatureCollection") }
        return features
    }

    /// Each Point feature with its number (from 1), point and properties.
    private static func points(geoJSON data: Data) throws(PlaceFileError) -> [(Int, GeoPoint, [String: Any])] {
        var found: [(Int, GeoPoint, [String: Any])] = []
        for (offset, feature) in try features(data).enumerated() {
            guard let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
                let position = geometry["coordinates"] as? [Double], position.count >= 2
            else { throw PlaceFileError(line: offset + 1, message: "not a Point feature") }
            guard let point = try? GeoPoint(latitude: position[1], longitude: position[0]) else {
                throw PlaceFileError(line: offset + 1, message: "coordinates are out of range")
            }
            found.append((offset + 1, point, feature["properties"] as? [String: Any] ?? [:]))
        }
        return found
    }
}
