import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("Session and token stores", .tags(.database))
struct SessionStoreTests {
    @Test(
        "a session is found by its token, never by its hash, and is purged when expired",
        arguments: TestDatabase.available)
    func sessions(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withStore(engine, clock: clock) { tests in
            let account = try await tests.makeAccount(role: .mobileWorker)
            let token = try await tests.store.sessions.create(for: account.id, secondFactorPending: false)
            #expect(try await tests.store.sessions.find(token: token)?.userID == account.id)
            #expect(try await tests.store.sessions.find(token: SecretToken.hash(token)) == nil)

            clock.advance(by: 31 * 60)
            try await tests.store.sessions.purgeExpired(policy: SessionPolicy())
            #expect(try await tests.store.sessions.find(token: token) == nil)
        }
    }

    @Test("an API token works until it expires", arguments: TestDatabase.available)
    func tokens(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withStore(engine, clock: clock) { tests in
            let account = try await tests.makeAccount(role: .analyst)
            let token = try await tests.makeToken(for: account, expiresAt: clock.now.addingTimeInterval(3600))
            #expect(try await tests.store.tokens.user(for: token)?.id == account.id)
            #expect(try await tests.store.tokens.user(for: token + "x") == nil)
            clock.advance(by: 3601)
            #expect(try await tests.store.tokens.user(for: token) == nil)

            // Remembered or not, a token stops working when it expires.
            let brief = try await tests.makeToken(for: account, expiresAt: clock.now.addingTimeInterval(2))
            #expect(try await tests.store.tokens.user(for: brief)?.id == account.id)
            clock.advance(by: 3)
            #expect(try await tests.store.tokens.user(for: brief) == nil)
        }
    }

    @Test(
        "a token's account is remembered a few seconds: changes through the stores show at once, others after that",
        arguments: TestDatabase.available)
    func rememberedTokens(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withStore(engine, clock: clock) { tests in
            let account = try await tests.makeAccount(role: .dispatcher)
            let token = try await tests.makeToken(for: account)
            #expect(try await tests.store.tokens.user(for: token)?.language == .french)

            try await tests.store.accounts.setLanguage(.english, for: account.id)
            #expect(try await tests.store.tokens.user(for: token)?.language == .english)

            // A scope this version does not know opens nothing.
            let unknown = try await tests.makeToken(for: account)
            let sql = try #require(tests.database as? any SQLDatabase)
            try await sql.update("api_tokens").set("scope", to: "future").where(
                "token_hash", .equal, SecretToken.hash(unknown)
            )
            .run()
            #expect(try await tests.store.tokens.user(for: unknown) == nil)
            #expect(try await tests.store.tokens.user(for: unknown, scope: .open311) == nil)

            // Revoked by hand in the database: seen once the remembered answer is too old.
            try await sql.update("api_tokens").set("revoked_at", to: clock.now).run()
            #expect(try await tests.store.tokens.user(for: token) != nil)
            clock.advance(by: 5)
            #expect(try await tests.store.tokens.user(for: token) == nil)
        }
    }
}
