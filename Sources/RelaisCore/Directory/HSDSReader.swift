import Foundation

/// Reads HSDS 3.0 JSON into the directory's records, naming each bad record by its path. Accepts one service, one
/// organization (with its services), one taxonomy or taxonomy term, an array of any of them, or an API page
/// (`{"contents": [...]}`).
public struct HSDSReader: Sendable {
    static let statuses = ["active", "inactive", "defunct", "temporarily closed"]

    /// Taxonomy terms already known (for example from the database), by id, to resolve `taxonomy_term_id`.
    public var knownTerms: [String: JSONValue]

    public init(knownTerms: [String: JSONValue] = [:]) {
        self.knownTerms = knownTerms
    }

    /// What an object is, when the caller knows (the tabular form says it by file).
    public enum Kind: Sendable {
        case service, organization, taxonomy, taxonomyTerm
    }

    /// Reads every HSDS object of `documents` (each with the name to report its problems under, and its kind when
    /// known; otherwise the fields tell).
    public func read(_ documents: [(source: String, value: JSONValue)], kinds: [Kind?] = []) -> DirectoryImport {
        var found = Found()
        for (index, document) in documents.enumerated() {
            found.collect(document.value, path: document.source, kind: index < kinds.count ? kinds[index] : nil)
        }
        var result = DirectoryImport()
        result.problems = found.problems
        result.notes = found.notes
        result.taxonomies = found.taxonomies
        result.taxonomyTerms = found.terms
        var terms = knownTerms
        for term in found.terms + found.nestedTerms { if let id = term["id"]?.text { terms[id] = term } }
        var organizationNames: [String: String] = [:]
        for (path, value) in found.organizations {
            if let organization = Self.organization(value, path: path, problems: &result.problems) {
                result.organizations.append(organization)
                organizationNames[organization.id] = organization.name
            }
        }
        for (path, value, organizationID) in found.services {
            var nested: DirectoryOrganization?
            if let service = Self.service(
                value, path: path, organizationID: organizationID, organizationNames: organizationNames,
                terms: terms, nested: &nested, problems: &result.problems, notes: &result.notes)
            {
                result.services.append(service)
            }
            if let nested, organizationNames[nested.id] == nil {
                result.organizations.append(nested)
                organizationNames[nested.id] = nested.name
            }
        }
        result.services = Self.fullestOfEach(
            result.services, id: \.id, document: \.document, kind: "service", notes: &result.notes)
        result.organizations = Self.fullestOfEach(
            result.organizations, id: \.id, document: \.document, kind: "organization", notes: &result.notes)
        return result
    }

    /// Objects sorted by kind while walking the documents.
    private struct Found {
        var organizations: [(String, JSONValue)] = []
        var services: [(String, JSONValue, String?)] = []
        var taxonomies: [JSONValue] = []
        var terms: [JSONValue] = []
        var nestedTerms: [JSONValue] = []
        var problems: [HSDSProblem] = []
        var notes: [HSDSProblem] = []

        mutating func collect(_ value: JSONValue, path: String, kind: Kind? = nil) {
            switch kind {
            case .service?:
                services.append((path, value, nil))
                collectNestedTerms(value)
                return
            case .organization?:
                organizations.append((path, value))
                return
            case .taxonomy?:
                taxonomies.append(value)
                return
            case .taxonomyTerm?:
                terms.append(value)
                return
            case nil: break
            }
            if let items = value.array {
                for (index, item) in items.enumerated() { collect(item, path: "\(path)[\(index)]") }
                return
            }
            guard let members = value.object else {
                problems.append(HSDSProblem(path: path, message: "expected an HSDS object or an array of them"))
                return
            }
            if let contents = members["contents"]?.array, members["id"] == nil {
                for (index, item) in contents.enumerated() { collect(item, path: "\(path).contents[\(index)]") }
            } else if members.keys.contains(where: { $0.hasSuffix(".csv") }) {
                notes.append(HSDSProblem(path: path, message: "tabular data (CSV tables): not read yet, skipped"))
            } else if members["openapi_url"] != nil, members["id"] == nil {
                notes.append(HSDSProblem(path: path, message: "an API description: nothing to import"))
            } else if case .object(var service)? = members["service"] {
                // A service at a location: the service, with this link and location among its own.
                var link = members
                link["service"] = nil
                link["service_id"] = service["id"]
                service["service_at_locations"] = .array(
                    (service["service_at_locations"]?.array ?? []) + [.object(link)])
                services.append((path, .object(service), nil))
                collectNestedTerms(.object(service))
            } else if members["location_type"] != nil {
                notes.append(HSDSProblem(path: path, message: "a location on its own: kept only with its services"))
            } else if members["status"] != nil || members["service_at_locations"] != nil {
                services.append((path, value, nil))
                collectNestedTerms(value)
            } else if members["taxonomy_id"] != nil || members["code"] != nil || members["term_uri"] != nil
                || members["parent_id"] != nil
            {
                terms.append(value)
            } else if members["services"] != nil || members["website"] != nil || members["locations"] != nil
                || members["legal_status"] != nil || members["year_incorporated"] != nil
            {
                organizations.append((path, value))
                let organizationID = members["id"]?.text
                for (index, service) in (members["services"]?.array ?? []).enumerated() {
                    services.append(("\(path).services[\(index)]", service, organizationID))
                    collectNestedTerms(service)
                }
            } else if members["name"] != nil, members["description"] != nil, members["id"] != nil {
                // Both have only these required: the file's name tells (taxonomy.json), else an organization.
                if path.lowercased().contains("taxonom") {
                    taxonomies.append(value)
                } else {
                    organizations.append((path, value))
                }
            } else {
                problems.append(
                    HSDSProblem(path: path, message: "not an HSDS service, organization, taxonomy or taxonomy term"))
            }
        }

        /// Terms that services carry inside their attributes.
        mutating func collectNestedTerms(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let term = members["taxonomy_term"], term.object != nil { nestedTerms.append(term) }
                for member in members.values { collectNestedTerms(member) }
            case .array(let items): for item in items { collectNestedTerms(item) }
            default: break
            }
        }
    }

    static func organization(_ value: JSONValue, path: String, problems: inout [HSDSProblem]) -> DirectoryOrganization?
    {
        guard var members = value.object else { return nil }
        var ok = Self.requireID(members, path: path, problems: &problems)
        for field in ["name", "description"] where members[field]?.string == nil {
            problems.append(HSDSProblem(path: "\(path).\(field)", message: "required"))
            ok = false
        }
        guard ok, let id = members["id"]?.text, let name = members["name"]?.text else { return nil }
        members["services"] = nil
        return DirectoryOrganization(id: id, name: name, document: .object(members))
    }

    static func service(
        _ value: JSONValue, path: String, organizationID parentID: String?, organizationNames: [String: String],
        terms: [String: JSONValue], nested: inout DirectoryOrganization?, problems: inout [HSDSProblem],
        notes: inout [HSDSProblem]
    ) -> DirectoryService? {
        guard var members = value.object else { return nil }
        var ok = Self.requireID(members, path: path, problems: &problems)
        if members["name"]?.text == nil {
            problems.append(HSDSProblem(path: "\(path).name", message: "required"))
            ok = false
        }
        let status = members["status"]?.text ?? ""
        if !statuses.contains(status) {
            problems.append(
                HSDSProblem(
                    path: "\(path).status",
                    message: "\"\(status)\" is not one of \(statuses.joined(separator: ", "))"))
            ok = false
        }
        var organizationName: String?
        if let inner = members["organization"], inner.object != nil {
            if let organization = Self.organization(inner, path: "\(path).organization", problems: &problems) {
                members["organization_id"] = .string(organization.id)
                organizationName = organization.name
                nested = organization
            } else {
                ok = false
            }
            members["organization"] = nil
        }
        if members["organization_id"]?.text == nil, let parentID { members["organization_id"] = .string(parentID) }
        guard let organizationID = members["organization_id"]?.text else {
            problems.append(
                HSDSProblem(path: "\(path).organization_id", message: "required: the organization that runs it"))
            return nil
        }
        organizationName = organizationName ?? organizationNames[organizationID]
        let document = JSONValue.object(members)
        let places = Self.locations(document)
        let positioned = places.filter {
            Self.hasValidCoordinates($0.value, path: "\(path).\($0.path)", notes: &notes)
        }
        let schedules = Self.schedules(document, places: places.map(\.value))
        var detailProblems: [HSDSProblem] = []
        let hours = OpeningHours(schedules: schedules, path: "\(path).schedules", problems: &detailProblems)
        let translations = ResourceTranslations(
            members["translations"], path: "\(path).translations", problems: &detailProblems)
        problems += detailProblems
        ok = ok && detailProblems.isEmpty
        guard ok, let id = members["id"]?.text, let name = members["name"]?.text else { return nil }
        let serviceTerms = Self.terms(document, known: terms)
        let needs = serviceTerms.reduce(into: Set<Need>()) { needs, term in
            needs.formUnion(Need.needs(termID: term["id"]?.text, code: term["code"]?.text, name: term["name"]?.text))
        }
        let located = positioned.first { $0.value["latitude"]?.number != nil && $0.value["longitude"]?.number != nil }
        let address = places.lazy.compactMap { Self.address($0.value) }.first
        let description = members["description"]?.string ?? ""
        let named: [String?] = [name, members["alternate_name"]?.string, description, organizationName, address]
        let termWords: [String?] = serviceTerms.flatMap { [$0["name"]?.string, $0["code"]?.string] }
        let words =
            named + translations.words.map(Optional.some) + termWords + needs.flatMap(\.keywords).map(Optional.some)
        return DirectoryService(
            id: id, organizationID: organizationID, name: name, description: description, translations: translations,
            status: status,
            needs: needs, languages: Self.languages(document),
            latitude: located?.value["latitude"]?.number, longitude: located?.value["longitude"]?.number,
            address: address, phone: Self.phone(document, places: places.map(\.value)), hours: hours,
            searchText: SearchText.fold(words.compactMap { $0 }.joined(separator: " ")), document: document)
    }

    private static func requireID(_ members: [String: JSONValue], path: String, problems: inout [HSDSProblem]) -> Bool {
        guard let id = members["id"]?.text else {
            problems.append(HSDSProblem(path: "\(path).id", message: "required"))
            return false
        }
        guard UUID(uuidString: id) != nil else {
            problems.append(HSDSProblem(path: "\(path).id", message: "\"\(id)\" is not a UUID"))
            return false
        }
        return true
    }

    /// One record per id, the one with the most fields (files may show a record in several forms: full, listed…),
    /// the last read among equals.
    private static func fullestOfEach<Record>(
        _ records: [Record], id: (Record) -> String, document: (Record) -> JSONValue, kind: String,
        notes: inout [HSDSProblem]
    ) -> [Record] {
        var last: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            let key = id(record)
            if let kept = last[key],
                (document(records[kept]).object?.count ?? 0) > (document(record).object?.count ?? 0)
            {
                continue
            }
            last[key] = index
        }
        var noted = Set<String>()
        return records.enumerated().compactMap { index, record in
            let key = id(record)
            if last[key] == index { return record }
            if noted.insert(key).inserted {
                notes.append(
                    HSDSProblem(path: "\(kind) \(key)", message: "appears more than once; the fullest is kept"))
            }
            return nil
        }
    }

    /// The service's locations (through `service_at_locations`) with their paths.
    private static func locations(_ service: JSONValue) -> [(path: String, value: JSONValue)] {
        (service["service_at_locations"]?.array ?? []).enumerated().compactMap { index, link in
            link["location"].map { ("service_at_locations[\(index)].location", $0) }
        }
    }

    /// Whether a location's coordinates can place it; if not, a note says so (the service imports without a
    /// position: HSDS's own examples carry a latitude of 100).
    private static func hasValidCoordinates(_ location: JSONValue, path: String, notes: inout [HSDSProblem]) -> Bool {
        for (field, limit) in [("latitude", 90.0), ("longitude", 180.0)] {
            guard let value = location[field], value != .null else { continue }
            guard let number = value.number, abs(number) <= limit else {
                notes.append(
                    HSDSProblem(
                        path: "\(path).\(field)",
                        message: "must be a number from -\(Int(limit)) to \(Int(limit)); imported without a position"))
                return false
            }
        }
        return true
    }

    /// Every schedule of a service document: its own, its locations' links' and its locations'.
    public static func allSchedules(of service: JSONValue) -> [JSONValue] {
        schedules(service, places: locations(service).map(\.value))
    }

    private static func schedules(_ service: JSONValue, places: [JSONValue]) -> [JSONValue] {
        let links = service["service_at_locations"]?.array ?? []
        return (service["schedules"]?.array ?? []) + links.flatMap { $0["schedules"]?.array ?? [] }
            + places.flatMap { $0["schedules"]?.array ?? [] }
    }

    /// The taxonomy terms of the service's attributes, nested or referenced by id.
    private static func terms(_ service: JSONValue, known: [String: JSONValue]) -> [JSONValue] {
        (service["attributes"]?.array ?? []).compactMap { attribute in
            if let term = attribute["taxonomy_term"], term.object != nil { return term }
            return attribute["taxonomy_term_id"]?.text.flatMap { known[$0] }
        }
    }

    private static func languages(_ service: JSONValue) -> Set<String> {
        var codes = Set<String>()
        func collect(_ value: JSONValue) {
            for language in value["languages"]?.array ?? [] {
                if let code = language["code"]?.text { codes.insert(String(code.lowercased().prefix(2))) }
            }
        }
        collect(service)
        for phone in service["phones"]?.array ?? [] { collect(phone) }
        for place in locations(service) { collect(place.value) }
        return codes
    }

    private static func address(_ location: JSONValue) -> String? {
        guard let address = location["addresses"]?.array?.first else { return nil }
        let parts = [address["address_1"]?.text, address["city"]?.text].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private static func phone(_ service: JSONValue, places: [JSONValue]) -> String? {
        let phones = (service["phones"]?.array ?? []) + places.flatMap { $0["phones"]?.array ?? [] }
        return phones.lazy.compactMap { $0["number"]?.text }.first
    }
}
