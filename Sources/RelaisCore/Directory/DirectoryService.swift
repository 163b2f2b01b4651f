/// A service of the resource directory as search sees it, with the HSDS document it was read from.
public struct DirectoryService: Sendable, Equatable {
    public let id: String
    public let organizationID: String
    public let name: String
    public let description: String
    /// Its name and description in other languages (Relais's `translations` extension).
    public let translations: ResourceTranslations
    public let status: String
    public let needs: Set<Need>
    /// Lower-case ISO 639 codes of the languages the service is offered in.
    public let languages: Set<String>
    public let latitude: Double?
    public let longitude: Double?
    public let address: String?
    public let phone: String?
    public let hours: OpeningHours
    /// Folded words of everything a worker may type to find it (names, description, terms, needs, place).
    public let searchText: String
    /// The HSDS service, fully nested, without its organization (kept once per organization).
    public let document: JSONValue
}

/// An organization of the directory, with its HSDS document (one-to-one fields and its own locations, phones…).
public struct DirectoryOrganization: Sendable, Equatable {
    public let id: String
    public let name: String
    public let document: JSONValue
}

/// Everything read from HSDS files before it is written: organizations, services, taxonomy terms and what was
/// wrong with which record.
public struct DirectoryImport: Sendable {
    public var organizations: [DirectoryOrganization] = []
    public var services: [DirectoryService] = []
    /// Taxonomies and taxonomy terms, as HSDS objects.
    public var taxonomies: [JSONValue] = []
    public var taxonomyTerms: [JSONValue] = []
    public var problems: [HSDSProblem] = []
    /// What was imported differently than written (for example without a position), reported but not blocking.
    public var notes: [HSDSProblem] = []

    public init() {}
}
