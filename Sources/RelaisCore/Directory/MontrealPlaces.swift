/// Turns the Ville de Montréal's "Lieux d'intérêt" GeoJSON into HSDS organizations with one service each, for the
/// kinds of places workers refer people to (community organisations, CLSCs, hospitals, clinics, police stations,
/// courts). The data has no hours, phones or languages; hospitals are open around the clock.
public enum MontrealPlaces {
    /// The place types kept, with the needs they meet.
    static let needsByType: [String: [Need]] = [
        "Organisme communautaire et centre de loisirs": [.community],
        "Service communautaire": [.community],
        "CLSC": [.medical, .mentalHealth],
        "CSSS": [.medical, .mentalHealth],
        "Hôpital": [.medical, .mentalHealth],
        "Clinique": [.medical],
        "Centre de réadaptation": [.medical, .addiction],
        "Police de quartier": [.safety],
        "Palais de justice / cour": [.legal],
    ]

    /// HSDS organizations (each with its service nested) for the kept features, in file order.
    public static func organizations(from collection: JSONValue) -> [JSONValue] {
        (collection["features"]?.array ?? []).compactMap(organization)
    }

    private static func organization(_ feature: JSONValue) -> JSONValue? {
        guard let properties = feature["properties"], let type = properties["Type"]?.text,
            let needs = needsByType[type], let number = properties["ID"]?.number,
            let name = properties["Nom français"]?.text,
            let latitude = properties["Latitude"]?.number, let longitude = properties["Longitude"]?.number,
            // a place's number, whole and within reach (1e300 would trap)
            let place = Int(exactly: number), place >= 0
        else { return nil }
        let borough = properties["Arrondissement"]?.text ?? ""
        let street = [properties["Numéro"]?.text, properties["rue"]?.text].compactMap { $0 }.joined(separator: " ")
        let address: JSONValue = .object([
            "id": .string(id(4, place)), "location_id": .string(id(3, place)), "address_1": .string(street),
            "city": .string(properties["Ville"]?.text ?? "Montréal"), "region": .string(borough),
            "state_province": .string("QC"), "postal_code": .string(properties["Code postal"]?.text ?? ""),
            "country": .string("CA"), "address_type": .string("physical"),
        ])
        let location: JSONValue = .object([
            "id": .string(id(3, place)), "location_type": .string("physical"), "name": .string(name),
            "organization_id": .string(id(1, place)), "latitude": .number(latitude), "longitude": .number(longitude),
            "external_identifier": .string(String(place)),
            "external_identifier_type": .string("Ville de Montréal, Lieux d'intérêt"),
            "addresses": .array([address]),
        ])
        var service: [String: JSONValue] = [
            "id": .string(id(2, place)), "organization_id": .string(id(1, place)), "name": .string(name),
            "description": .string(
                [type, properties["Catégorie"]?.text, borough].compactMap { $0 }.joined(separator: " — ")),
            "status": .string("active"),
            "service_at_locations": .array([
                .object(["id": .string(id(5, place)), "service_id": .string(id(2, place)), "location": location])
            ]),
            "attributes": .array(
                needs.enumerated().map { index, need in
                    .object([
                        "id": .string(id(6 + index, place)), "link_id": .string(id(2, place)),
                        "link_type": .string("service"), "link_entity": .string("service"),
                        "taxonomy_term_id": .string(need.termID), "taxonomy_term": NeedTaxonomy.term(need),
                    ])
                }),
        ]
        if type == "Hôpital" {
            service["schedules"] = .array([
                .object([
                    "id": .string(id(9, place)), "service_id": .string(id(2, place)), "freq": .string("WEEKLY"),
                    "byday": .string("MO,TU,WE,TH,FR,SA,SU"), "opens_at": .string("00:00"),
                    "closes_at": .string("24:00"), "description": .string("Urgence ouverte 24 heures sur 24"),
                ])
            ])
        }
        return .object([
            "id": .string(id(1, place)), "name": .string(name),
            "description": .string("\(type), \(borough) (Ville de Montréal, Lieux d'intérêt)"),
            "services": .array([.object(service)]),
        ])
    }

    /// A stable UUID for a place's record of a kind (1 organization, 2 service, 3 location, …).
    private static func id(_ kind: Int, _ place: Int) -> String {
        let digits = String(place, radix: 16)
        return "4d4c4945-0000-4000-800\(kind)-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}
