import Foundation

/// The risk factors a situation is described with: categories and factors, bilingual, versioned, imported and
/// exported as CSV or JSON so that a table can load the province's own list. Relais ships a default
/// (``RiskTaxonomy/relaisDefault``), labelled as such.
public struct RiskTaxonomy: Sendable, Equatable, Codable {
    public struct Factor: Sendable, Equatable, Codable {
        public let code: String
        public let french: String
        public let english: String

        public func label(_ language: Language) -> String { language == .french ? french : english }
    }

    public struct Category: Sendable, Equatable, Codable {
        public let code: String
        public let french: String
        public let english: String
        public let factors: [Factor]

        public func label(_ language: Language) -> String { language == .french ? french : english }
    }

    /// A name for this version (`relais-default-2026`, `rtd-2024`).
    public let version: String
    public let categories: [Category]

    public init(version: String, categories: [Category]) {
        self.version = version
        self.categories = categories
    }

    /// The factor with `code`, and its category.
    public func factor(_ code: String) -> (category: Category, factor: Factor)? {
        for category in categories {
            if let factor = category.factors.first(where: { $0.code == code }) { return (category, factor) }
        }
        return nil
    }

    /// The CSV columns, in order.
    public static let columns = [
        "category_code", "category_fr", "category_en", "factor_code", "factor_fr", "factor_en",
    ]

    /// One row per factor, with a header.
    public func csv() -> String {
        CSV.write(
            [Self.columns]
                + categories.flatMap { category in
                    category.factors.map {
                        [category.code, category.french, category.english, $0.code, $0.french, $0.english]
                    }
                })
    }

    /// Reads a CSV with ``columns`` as its header; categories in the order they first appear.
    /// - Throws: a ``ValidationError`` naming each faulty line: a missing label, an unknown or duplicate code.
    public static func parse(csv text: String, version: String) throws(ValidationError) -> RiskTaxonomy {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch {
            throw ValidationError([FieldProblem(field: "line \(error.line)", messageKey: "table.error.taxonomy.csv")])
        }
        guard let header = records.first, header.fields.map(\.trimmed) == columns else {
            throw ValidationError([FieldProblem(field: "line 1", messageKey: "table.error.taxonomy.header")])
        }
        let rows = records.dropFirst().filter { !$0.fields.allSatisfy(\.trimmed.isEmpty) }
        return try build(
            version: version,
            rows.map { record in
                (record.line, (0..<6).map { record.fields.indices.contains($0) ? record.fields[$0].trimmed : "" })
            })
    }

    /// Reads the JSON this type encodes to.
    public static func parse(json data: Data, version: String) throws(ValidationError) -> RiskTaxonomy {
        guard let decoded = try? JSONDecoder().decode(RiskTaxonomy.self, from: data) else {
            throw ValidationError([FieldProblem(field: "document", messageKey: "table.error.taxonomy.json")])
        }
        var rows: [(Int, [String])] = []
        for category in decoded.categories {
            for factor in category.factors {
                rows.append(
                    (
                        rows.count + 1,
                        [category.code, category.french, category.english, factor.code, factor.french, factor.english]
                    ))
            }
        }
        return try build(version: version, rows)
    }

    private static func build(version: String, _ rows: [(line: Int, fields: [String])]) throws(ValidationError)
        -> RiskTaxonomy
    {
        var problems: [FieldProblem] = []
        var categories: [(code: String, french: String, english: String, factors: [Factor])] = []
        var codes: Set<String> = []
        for (line, fields) in rows {
            let field = "line \(line)"
            guard fields.allSatisfy({ !$0.isEmpty && $0.count <= 200 }) else {
                problems.append(FieldProblem(field: field, messageKey: "table.error.taxonomy.missing"))
                continue
            }
            guard Self.isCode(fields[0]), Self.isCode(fields[3]) else {
                problems.append(FieldProblem(field: field, messageKey: "table.error.taxonomy.code"))
                continue
            }
            guard codes.insert(fields[3]).inserted else {
                problems.append(FieldProblem(field: field, messageKey: "table.error.taxonomy.duplicate"))
                continue
            }
            let factor = Factor(code: fields[3], french: fields[4], english: fields[5])
            if let index = categories.firstIndex(where: { $0.code == fields[0] }) {
                guard categories[index].french == fields[1], categories[index].english == fields[2] else {
                    problems.append(FieldProblem(field: field, messageKey: "table.error.taxonomy.category_label"))
                    continue
                }
                categories[index].factors.append(factor)
            } else {
                categories.append((fields[0], fields[1], fields[2], [factor]))
            }
        }
        if rows.isEmpty { problems.append(FieldProblem(field: "document", messageKey: "table.error.taxonomy.empty")) }
        if !isCode(version) {
            problems.append(FieldProblem(field: "version", messageKey: "table.error.taxonomy.version"))
        }
        guard problems.isEmpty else { throw ValidationError(Array(problems.prefix(20))) }
        return RiskTaxonomy(
            version: version,
            categories: categories.map {
                Category(code: $0.code, french: $0.french, english: $0.english, factors: $0.factors)
            })
    }

    /// A code: 1 to 60 lowercase letters, digits, `_`, `-` or `.`.
    static func isCode(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 60
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)
            }
    }
}
