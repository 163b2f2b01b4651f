import Foundation
import RelaisCore
import Testing

@Suite("Session lifetime")
struct SessionPolicyTests {
    let policy = SessionPolicy()
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a session used within 30 minutes stays active")
    func active() {
        #expect(
            policy.state(
                createdAt: start, lastSeenAt: start.addingTimeInterval(3600),
                now: start.addingTimeInterval(3600 + 29 * 60)) == .active)
    }

    @Test("30 minutes without activity ends it")
    func idle() {
        #expect(
            policy.state(createdAt: start, lastSeenAt: start, now: start.addingTimeInterval(30 * 60)) == .idleExpired)
    }

    @Test("12 hours after sign-in ends it even when in use")
    func absolute() {
        let now = start.addingTimeInterval(12 * 3600)
        #expect(policy.state(createdAt: start, lastSeenAt: now.addingTimeInterval(-10), now: now) == .absoluteExpired)
    }

    @Test("last-seen is written at most once a minute")
    func touch() {
        #expect(!policy.shouldTouch(lastSeenAt: start, now: start.addingTimeInterval(59)))
        #expect(policy.shouldTouch(lastSeenAt: start, now: start.addingTimeInterval(60)))
    }
}
