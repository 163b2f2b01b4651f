/// HSDS 3.0's tabular form (a Tabular Data Package: one CSV per object, linked by ids) to and from the nested JSON
/// form, driven by the specification's `datapackage.json` for tables, columns and column types.
public struct HSDSTabular: Sendable {
    /// One table of the package: the object it holds, its file and its columns with their types.
    public struct Table: Sendable {
        public let object: String
        public let path: String
        public let columns: [String]
        let types: [String: String]
    }

    /// The objects nested in each object, as HSDS's JSON schemas nest them: property, object, one-to-many.
    static let nesting: [String: [(property: String, object: String, many: Bool)]] = {
        let common: [(String, String, Bool)] = [("attributes", "attribute", true), ("metadata", "metadata", true)]
        return [
            "service": [
                ("phones", "phone", true), ("schedules", "schedule", true), ("service_areas", "service_area", true),
                ("service_at_locations", "service_at_location", true), ("languages", "language", true),
                ("organization", "organization", false), ("funding", "funding", true),
                ("cost_options", "cost_option", true), ("program", "program", false),
                ("required_documents", "required_document", true), ("contacts", "contact", true),
            ] + common,
            "organization": [
                ("funding", "funding", true), ("contacts", "contact", true), ("phones", "phone", true),
                ("locations", "location", true), ("programs", "program", true),
                ("organization_identifiers", "organization_identifier", true),
            ] + common,
            "service_at_location": [
                ("contacts", "contact", true), ("phones", "phone", true), ("schedules", "schedule", true),
                ("location", "location", false),
            ] + common,
            "location": [
                ("languages", "language", true), ("addresses", "address", true), ("contacts", "contact", true),
                ("accessibility", "accessibility", true), ("phones", "phone", true), ("schedules", "schedule", true),
            ] + common,
            "contact": [("phones", "phone", true)] + common,
            "phone": [("languages", "language", true)] + common,
            "attribute": [("taxonomy_term", "taxonomy_term", false), ("metadata", "metadata", true)],
            "taxonomy_term": [("taxonomy_detail", "taxonomy", false), ("metadata", "metadata", true)],
            "taxonomy": [("metadata", "metadata", true)],
            "metadata": [],
        ]
    }()

    public let tables: [Table]

    /// Reads the package descriptor.
    public init(datapackage: JSONValue) {
        tables = (datapackage["resources"]?.array ?? []).compactMap { resource in
            guard let object = resource["name"]?.text, let path = resource["path"]?.text else { return nil }
            let fields = resource["schema"]?["fields"]?.array ?? []
            return Table(
                object: object, path: path, columns: fields.compactMap { $0["name"]?.text },
                types: Dictionary(
                    fields.compactMap { field in field["name"]?.text.map { ($0, field["type"]?.text ?? "string") } },
                    uniquingKeysWith: { first, _ in first }))
        }
    }

    func table(_ object: String) -> Table? { tables.first { $0.object == object } }

    private static func children(of object: String) -> [(property: String, object: String, many: Bool)] {
        nesting[object] ?? [("attributes", "attribute", true), ("metadata", "metadata", true)]
    }

    /// The column of a child row that names its parent.
    private static func parentColumn(child: String, parent: String) -> String {
        switch child {
        case "attribute": "link_id"
        case "metadata": "resource_id"
        default: "\(parent)_id"
        }
    }

    /// The column of a row that names a one-to-one object nested in it.
    private static func referenceColumn(property: String, object: String) -> String {
        property == "taxonomy_detail" ? "taxonomy_id" : "\(object)_id"
    }

    // MARK: Nested → tables

    /// The rows of every table (header first) for these HSDS objects of kind `object` (service, organization…).
    public func flatten(_ objects: [(object: String, value: JSONValue)]) -> [String: [[String]]] {
        var rows: [String: [[String: String]]] = [:]
        var seen: [String: Set<String>] = [:]
        func emit(_ value: JSONValue, _ object: String, parent: (object: String, id: String)?) -> String? {
            guard let members = value.object, let table = table(object) else { return nil }
            let id = members["id"]?.text ?? ""
            var row: [String: String] = [:]
            for column in table.columns { if let cell = Self.cell(members[column]) { row[column] = cell } }
            if let parent {
                let column = Self.parentColumn(child: object, parent: parent.object)
                if table.columns.contains(column), row[column] == nil { row[column] = parent.id }
                if object == "attribute", row["link_entity"] == nil { row["link_entity"] = parent.object }
                if object == "metadata", row["resource_type"] == nil { row["resource_type"] = parent.object }
            }
            for child in Self.children(of: object) {
                guard let nested = members[child.property] else { continue }
                if child.many {
                    for item in nested.array ?? [] { _ = emit(item, child.object, parent: (object, id)) }
                } else if let childID = emit(nested, child.object, parent: nil) {
                    let column = Self.referenceColumn(property: child.property, object: child.object)
                    if table.columns.contains(column), row[column] == nil { row[column] = childID }
                }
            }
            if !id.isEmpty, seen[object, default: []].insert(id).inserted { rows[object, default: []].append(row) }
            return id
        }
        for (object, value) in objects { _ = emit(value, object, parent: nil) }
        var files: [String: [[String]]] = [:]
        for table in tables {
            let sorted = (rows[table.object] ?? []).sorted { ($0["id"] ?? "") < ($1["id"] ?? "") }
            files[table.path] = [table.columns] + sorted.map { row in table.columns.map { row[$0] ?? "" } }
        }
        return files
    }

    private static func cell(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): text
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    // MARK: Tables → nested

    /// What the tables hold, nested as HSDS JSON: organizations (with their locations, phones…), services (with
    /// everything but their organization, which comes from its own table), taxonomies and taxonomy terms; each with
    /// the file and line it was read from, and the cells that could not be read.
    public func nest(_ files: [String: [CSV.Record]]) -> (
        documents: [(source: String, value: JSONValue)], kinds: [HSDSReader.Kind?], problems: [HSDSProblem]
    ) {
        var problems: [HSDSProblem] = []
        var rows: [String: [(line: Int, cells: [String: String])]] = [:]
        for table in tables {
            guard let records = files[table.path], let header = records.first else { continue }
            for record in records.dropFirst() {
                if record.fields.count != header.fields.count {
                    problems.append(
                        HSDSProblem(
                            path: "\(table.path):\(record.line)",
                            message: "\(record.fields.count) fields where the header has \(header.fields.count)"))
                    continue
                }
                var cells: [String: String] = [:]
                for (name, value) in zip(header.fields, record.fields) where !value.isEmpty { cells[name] = value }
                rows[table.object, default: []].append((record.line, cells))
            }
        }
        var byID: [String: [String: (line: Int, cells: [String: String])]] = [:]
        var byColumn: [String: [String: [String: [(line: Int, cells: [String: String])]]]] = [:]
        let linkColumns = Set(["link_id", "resource_id"] + tables.flatMap(\.columns).filter { $0.hasSuffix("_id") })
        for (object, list) in rows {
            for row in list {
                if let id = row.cells["id"] { byID[object, default: [:]][id] = row }
                for column in linkColumns {
                    if let value = row.cells[column] {
                        byColumn[object, default: [:]][column, default: [:]][value, default: []].append(row)
                    }
                }
            }
        }
        func build(_ object: String, _ row: (line: Int, cells: [String: String]), skipping: Set<String>) -> JSONValue {
            let table = table(object)
            let path = "\(table?.path ?? object):\(row.line)"
            var members: [String: JSONValue] = [:]
            for (column, text) in row.cells {
                switch table?.types[column] {
                case "number", "integer":
                    if let number = Double(text) {
                        members[column] = .number(number)
                    } else {
                        problems.append(HSDSProblem(path: "\(path).\(column)", message: "\"\(text)\" is not a number"))
                    }
                case "boolean": members[column] = .bool(text == "true" || text == "1")
                default: members[column] = .string(text)
                }
            }
            let id = row.cells["id"] ?? ""
            for child in Self.children(of: object) where !skipping.contains(child.object) {
                if child.many {
                    let column = Self.parentColumn(child: child.object, parent: object)
                    let items = byColumn[child.object]?[column]?[id] ?? []
                    if !items.isEmpty {
                        members[child.property] = .array(
                            items.map { build(child.object, $0, skipping: skipping.union([object])) })
                    }
                } else if let reference = row.cells[
                    Self.referenceColumn(property: child.property, object: child.object)],
                    let target = byID[child.object]?[reference]
                {
                    members[child.property] = build(child.object, target, skipping: skipping.union([object]))
                }
            }
            return .object(members)
        }
        var documents: [(source: String, value: JSONValue)] = []
        var kinds: [HSDSReader.Kind?] = []
        let order: [(String, HSDSReader.Kind)] = [
            ("taxonomy", .taxonomy), ("taxonomy_term", .taxonomyTerm), ("organization", .organization),
            ("service", .service),
        ]
        for (object, kind) in order {
            for row in rows[object] ?? [] {
                let skipping: Set<String> = object == "service" ? ["organization"] : []
                documents.append(
                    ("\(table(object)?.path ?? object):\(row.line)", build(object, row, skipping: skipping)))
                kinds.append(kind)
            }
        }
        return (documents, kinds, problems)
    }
}
