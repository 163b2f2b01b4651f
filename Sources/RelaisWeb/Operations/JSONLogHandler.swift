import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

/// Writes one JSON object per line to standard output (`RELAIS_LOG_FORMAT=json`): time, level, logger, message
/// and metadata (the request id among them), for log collectors. Relais never puts personal data in a log.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    private static let output = Output()

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        if let line = line(for: event) { Self.output.write(line) }
    }

    /// The JSON line for an event, newline included.
    func line(for event: LogEvent) -> Data? {
        var fields: [String: Any] = [
            "time": Date().ISO8601Format(
                .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)),
            "level": event.level.rawValue,
            "logger": label,
            "message": event.message.description,
            "source": event.source,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = Self.plain(value)
        }
        if let error = event.error { fields["error-type"] = String(reflecting: type(of: error)) }
        guard var data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return nil }
        data.append(0x0A)
        return data
    }

    private static func plain(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    /// Serialises writes so that lines from several threads never interleave.
    private final class Output: Sendable {
        private let lock = NIOLock()

        func write(_ data: Data) {
            lock.withLock { FileHandle.standardOutput.write(data) }
        }
    }
}

/// Chooses the log format at start: Vapor's readable console format, or JSON lines.
public enum RelaisLogging {
    /// Bootstraps logging from `RELAIS_LOG_FORMAT` (`text`, the default, or `json`) and Vapor's `LOG_LEVEL`.
    public static func bootstrap(from environment: inout Environment) throws {
        guard ProcessInfo.processInfo.environment["RELAIS_LOG_FORMAT"]?.lowercased() == "json" else {
            try LoggingSystem.bootstrap(from: &environment)
            return
        }
        let level = try Logger.Level.detect(from: &environment)
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, logLevel: level) }
    }
}
