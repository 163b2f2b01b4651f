import Foundation
import Logging
import Testing

@testable import RelaisWeb

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    @Test("a line holds the level, the message and the request id as fields, and ends the line")
    func line() throws {
        var handler = JSONLogHandler(label: "relais.test", logLevel: .info)
        handler[metadataKey: "request-id"] = "R-1"
        let event = LogEvent(
            level: .warning, message: "sign-in throttled", error: nil, metadata: ["attempts": "5"], source: "RelaisWeb",
            file: #fileID, function: #function, line: #line)
        let data = try #require(handler.line(for: event))
        #expect(data.last == 0x0A)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["message"] as? String == "sign-in throttled")
        #expect(object["request-id"] as? String == "R-1")
        #expect(object["attempts"] as? String == "5")
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }
}
