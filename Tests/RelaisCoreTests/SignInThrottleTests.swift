import Foundation
import RelaisCore
import Testing

@Suite("Sign-in throttle")
struct SignInThrottleTests {
    let throttle = SignInThrottle()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func failures(_ count: Int, minutesAgo: Double = 1) -> [Date] {
        (0..<count).map { now.addingTimeInterval(-minutesAgo * 60 - Double($0)) }
    }

    @Test("four failures on an account still allow a fifth try")
    func belowLimit() {
        #expect(throttle.decide(accountFailures: failures(4), addressFailures: failures(4), now: now) == .allowed)
    }

    @Test("five failures on an account block it until the oldest of them leaves the 15-minute window")
    func accountLimit() {
        let recent = failures(5)
        let expected = recent.min()!.addingTimeInterval(15 * 60)
        #expect(throttle.decide(accountFailures: recent, addressFailures: [], now: now) == .throttled(until: expected))
    }

    @Test("twenty failures from one address block it, across accounts")
    func addressLimit() {
        guard case .throttled = throttle.decide(accountFailures: [], addressFailures: failures(20), now: now) else {
            Issue.record("an address with 20 failures was not throttled")
            return
        }
    }

    @Test("failures older than the window do not count")
    func window() {
        #expect(
            throttle.decide(accountFailures: failures(10, minutesAgo: 16), addressFailures: [], now: now) == .allowed)
    }
}
