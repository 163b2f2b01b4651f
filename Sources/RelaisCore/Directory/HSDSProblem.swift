/// One problem with one record of an HSDS file: where it is (a JSON path, or a CSV file and line) and what is wrong.
public struct HSDSProblem: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
