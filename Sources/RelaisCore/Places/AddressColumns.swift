/// Which column (or GeoJSON property) holds each part of an address point, so a city's own export loads without
/// conversion. Written `lon=LONGITUDE,lat=LATITUDE,number=CIVIQUE,street=RUE` (unnamed parts keep their default).
public struct AddressColumns: Sendable, Equatable {
    public var longitude = "LON"
    public var latitude = "LAT"
    public var number = "NUMBER"
    public var street = "STREET"
    public var unit = "UNIT"
    public var city = "CITY"
    public var postcode = "POSTCODE"
    public var id = "ID"

    /// The OpenAddresses CSV layout (`LON, LAT, NUMBER, STREET, UNIT, CITY, DISTRICT, REGION, POSTCODE, ID`).
    public static let openAddresses = AddressColumns()
    /// OpenAddresses' GeoJSON layout (Point features with lowercase properties).
    public static let openAddressesGeoJSON = AddressColumns(
        longitude: "", latitude: "", number: "number", street: "street", unit: "unit", city: "city",
        postcode: "postcode", id: "id")

    public init(
        longitude: String = "LON", latitude: String = "LAT", number: String = "NUMBER", street: String = "STREET",
        unit: String = "UNIT", city: String = "CITY", postcode: String = "POSTCODE", id: String = "ID"
    ) {
        self.longitude = longitude
        self.latitude = latitude
        self.number = number
        self.street = street
        self.unit = unit
        self.city = city
        self.postcode = postcode
        self.id = id
    }

    /// A mapping written `part=COLUMN,…` over `base`.
    /// - Throws: ``PlaceFileError`` naming an unknown part or a part without a column.
    public init(mapping: String, over base: AddressColumns) throws(PlaceFileError) {
        self = base
        for pair in mapping.split(separator: ",") {
            let sides = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            guard sides.count == 2, !sides[1].isEmpty else {
                throw PlaceFileError(line: 0, message: "column mapping: \"\(pair)\" is not part=COLUMN")
            }
            switch sides[0].lowercased() {
            case "lon", "longitude": longitude = sides[1]
            case "lat", "latitude": latitude = sides[1]
            case "number": number = sides[1]
            case "street": street = sides[1]
            case "unit": unit = sides[1]
            case "city": city = sides[1]
            case "postcode": postcode = sides[1]
            case "id": id = sides[1]
            default:
                throw PlaceFileError(
                    line: 0,
                    message:
                        "column mapping: unknown part \"\(sides[0])\" (lon, lat, number, street, unit, city, postcode, id)"
                )
            }
        }
    }
}

/// Why a place file could not be read; nothing of it is imported.
public struct PlaceFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line (CSV) or feature number (GeoJSON, from 1) at fault; 0 for the file as a whole.
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
