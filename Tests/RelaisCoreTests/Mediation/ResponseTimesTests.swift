import Foundation
import Testing

@testable import RelaisCore

@Suite("Response times")
struct ResponseTimesTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00 UTC

    func request(_ borough: String?, receivedAfter hours: Double, dispatch: Double?, scene: Double?) -> TimedRequest {
        let received = start.addingTimeInterval(hours * 3600)
        return TimedRequest(
            territoryCode: borough,
            timeline: ResponseTimeline(
                receivedAt: received, dispatchedAt: dispatch.map { received.addingTimeInterval($0) },
                onSceneAt: scene.map { received.addingTimeInterval($0) }))
    }

    @Test("nearest-rank percentiles")
    func percentiles() {
        let values = (1...10).map(Double.init)
        #expect(ResponseTimes.percentile(50, of: values) == 5)
        #expect(ResponseTimes.percentile(90, of: values) == 9)
        #expect(ResponseTimes.percentile(90, of: [42]) == 42)
        #expect(ResponseTimes.percentile(50, of: []) == nil)
    }

    @Test("by borough: medians and 90th percentiles of each interval, counting only requests that reached it")
    func byBorough() {
        let requests = [
            request("VM", receivedAfter: 0, dispatch: 60, scene: 600),
            request("VM", receivedAfter: 1, dispatch: 120, scene: 900),
            request("VM", receivedAfter: 2, dispatch: 180, scene: nil),
            request("SO", receivedAfter: 0, dispatch: nil, scene: nil),
        ]
        let rows = ResponseTimes.byBorough(requests)
        #expect(rows.map(\.code) == ["SO", "VM"])
        let villeMarie = rows[1].summary
        #expect(villeMarie.requests == 3)
        #expect(villeMarie.toDispatch == .init(count: 3, median: 120, p90: 180))
        #expect(villeMarie.toScene == .init(count: 2, median: 600, p90: 900))
        #expect(rows[0].summary.toDispatch == .init(count: 0, median: nil, p90: nil))
    }

    @Test("by hour of day in the deployment's time zone")
    func byHour() {
        let requests = [
            request("VM", receivedAfter: 0, dispatch: 60, scene: nil),  // 08:00 UTC = 03:00 in Montréal
            request("VM", receivedAfter: 0.5, dispatch: 60, scene: nil),
            request("VM", receivedAfter: 14, dispatch: 60, scene: nil),  // 22:00 UTC = 17:00
        ]
        let rows = ResponseTimes.byHour(requests, timeZone: TimeZone(identifier: "America/Toronto")!)
        #expect(rows.map(\.hour) == [3, 17])
        #expect(rows.map(\.summary.requests) == [2, 1])
    }
}
