import Foundation

/// A neighbourhood police station (poste de quartier) where committees meet: its number, name, civic address and
/// position.
public struct Station: Sendable, Equatable, Codable {
    public let number: String
    public let name: String
    public let address: String
    public let latitude: Double
    public let longitude: Double

    public init(number: String, name: String, address: String, latitude: Double, longitude: Double) {
        self.number = number
        self.name = name
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// Reads the stations file the SPVM publishes (GeoJSON points with `DESC_LIEU`, `NO_CIV_LIE`, `PREFIX_TEM`,
/// `NOM_TEMP`, `DIR_TEMP`, `MUN_TEMP`) and writes each address as it is written in Québec (`1033, rue Rachel Est,
/// Montréal`).
public enum StationFile {
    /// Why a stations file is refused.
    public struct Refusal: Error, Equatable, Sendable {
        public let reason: String
    }

    public static let maximumBytes = 4 << 20
    public static let maximumStations = 500

    /// The stations of `data`, by number.
    /// - Throws: ``Refusal`` naming what is wrong (not GeoJSON, a feature without a number or a point, too many).
    public static func parse(_ data: Data) throws(Refusal) -> [Station] {
        guard data.count <= maximumBytes else { throw Refusal(reason: "the file is over 4 MB") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let features = root["features"] as? [Any]
        else { throw Refusal(reason: "not a GeoJSON FeatureCollection") }
        guard features.count <= maximumStations else { throw Refusal(reason: "more than 500 stations") }
        var stations: [String: Station] = [:]
        for (index, element) in features.enumerated() {
            guard let feature = element as? [String: Any], let properties = feature["properties"] as? [String: Any],
                let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
                let coordinates = geometry["coordinates"] as? [Any], coordinates.count >= 2,
                let longitude = (coordinates[0] as? NSNumber)?.doubleValue,
                let latitude = (coordinates[1] as? NSNumber)?.doubleValue,
                (-90...90).contains(latitude), (-180...180).contains(longitude)
            else { throw Refusal(reason: "feature \(index + 1) is not a point with properties") }
            let label = (properties["DESC_LIEU"] as? String) ?? ""
            let number = String(label.filter(\.isASCII).filter(\.isNumber).prefix(6))
            guard !number.isEmpty else { throw Refusal(reason: "feature \(index + 1) has no station number") }
            let name = label.uppercased().hasPrefix("POSTE DE QUARTIER") ? "Poste de quartier \(number)" : title(label)
            stations[number] = Station(
                number: number, name: name, address: address(properties), latitude: latitude,
                longitude: longitude)
        }
        return stations.values.sorted { ($0.number.count, $0.number) < ($1.number.count, $1.number) }
    }

    static let streetTypes = [
        "BOUL": "boulevard", "RUE": "rue", "AVEN": "avenue", "STRE": "rue", "CH": "chemin", "PLAC": "place",
        "AV": "avenue", "BD": "boulevard", "CHEM": "chemin", "MONT": "montée", "ROUT": "route",
    ]
    static let directions = ["E": "Est", "O": "Ouest", "N": "Nord", "S": "Sud", "W": "Ouest"]
    static let municipalities = [
        "MTL": "Montréal", "DDO": "Dollard-Des Ormeaux", "MTN": "Montréal-Nord", "PCL": "Pointe-Claire",
        "WES": "Westmount", "VSL": "Saint-Laurent", "KIR": "Kirkland", "LAC": "Lachine", "ANJ": "Anjou",
        "CSL": "Côte-Saint-Luc", "LAS": "LaSalle", "VER": "Verdun", "PRF": "Pierrefonds", "STL": "Saint-Léonard",
    ]
    static let particles = ["DE LA", "DE L'", "DES", "DU", "DE", "D'", "LA", "LE", "L'"]

    /// `4 139`, `BOUL`, `SOURCES DES`, nil, `DDO` → `4139, boulevard des Sources, Dollard-Des Ormeaux`.
    static func address(_ properties: [String: Any]) -> String {
        func text(_ key: String) -> String {
            ((properties[key] as? String) ?? "").trimmingCharacters(in: .whitespaces).prefix(100).description
        }
        let number = text("NO_CIV_LIE").filter { $0.isNumber || $0 == "-" }
        var name = text("NOM_TEMP").uppercased()
        var particle = ""
        for candidate in particles where name.hasSuffix(" " + candidate) {
            particle = candidate.lowercased()
            name = String(name.dropLast(candidate.count + 1))
            break
        }
        let type = streetTypes[text("PREFIX_TEM").uppercased()] ?? text("PREFIX_TEM").lowercased()
        let joined =
            particle.hasSuffix("'")
            ? particle + title(name)
            : [particle, title(name)].filter { !$0.isEmpty }
                .joined(separator: " ")
        let street = [type, joined, directions[text("DIR_TEMP").uppercased()] ?? ""].filter { !$0.isEmpty }
            .joined(separator: " ")
        let city = municipalities[text("MUN_TEMP").uppercased()] ?? text("MUN_TEMP")
        return [number.isEmpty ? street : number + ", " + street, city].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// `POSTE DE QUARTIER 4` → `Poste de quartier 4`; `O'BRIEN` → `O'Brien`; `ST-JEAN` → `St-Jean`.
    static func title(_ text: String) -> String {
        let small: Set<String> = ["de", "du", "des", "la", "le", "l'"]
        var words: [String] = []
        for (index, word) in text.lowercased().split(separator: " ").enumerated() {
            let lower = String(word)
            if index > 0 && small.contains(lower) {
                words.append(lower)
                continue
            }
            var result = ""
            var capitalise = true
            for character in lower {
                result += capitalise ? character.uppercased() : String(character)
                capitalise = character == "-" || character == "'"
            }
            words.append(result)
        }
        return words.joined(separator: " ")
    }
}
