import Foundation
import RelaisCore
import Vapor

/// Reads a request's query string strictly: a parameter given twice is refused, and so is an empty one unless
/// empty means "all" (as in a filter form). Problems accumulate so that one answer names every bad parameter.
struct QueryParameters {
    private let items: [URLQueryItem]
    private let emptyMeansAbsent: Bool
    private(set) var problems: [FieldProblem] = []

    init(_ request: Request, emptyMeansAbsent: Bool = false) {
        items = URLComponents(string: "?" + (request.url.query ?? ""))?.queryItems ?? []
        self.emptyMeansAbsent = emptyMeansAbsent
    }

    /// The single value of `name`, or nil when it is absent (or refused, with a problem recorded).
    mutating func value(_ name: String) -> String? {
        let values = items.filter { $0.name == name }.map { $0.value ?? "" }
        if values.count > 1 {
            problems.append(.init(field: name, messageKey: "error.query.repeated"))
            return nil
        }
        guard let value = values.first else { return nil }
        if value.isEmpty {
            if !emptyMeansAbsent { problems.append(.init(field: name, messageKey: "error.query.empty")) }
            return nil
        }
        return value
    }

    /// The value of `name` converted by `parse`, recording `messageKey` when it does not convert.
    mutating func value<T>(_ name: String, invalid messageKey: String, _ parse: (String) -> T?) -> T? {
        guard let text = value(name) else { return nil }
        guard let parsed = parse(text) else {
            problems.append(.init(field: name, messageKey: messageKey))
            return nil
        }
        return parsed
    }

    /// Records that a required parameter is missing.
    mutating func require(_ name: String, present: Bool) {
        if !present && !problems.contains(where: { $0.field == name }) {
            problems.append(.init(field: name, messageKey: "error.query.missing"))
        }
    }

    /// Records that a parameter's value, though well formed, names nothing known.
    mutating func refuse(_ name: String, messageKey: String) {
        problems.append(.init(field: name, messageKey: messageKey))
    }

    /// Throws every problem found.
    /// - Throws: ``ValidationError`` when any parameter was refused.
    func check() throws {
        if !problems.isEmpty { throw ValidationError(problems) }
    }
}
