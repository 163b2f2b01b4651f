import Fluent
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("Accounts store", .tags(.database))
struct AccountStoreTests {
    @Test(
        "finds an account by e-mail in any case; e-mail and name are not stored in clear",
        arguments: TestDatabase.available)
    func sealedIdentity(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let account = try await tests.makeAccount(role: .dispatcher, email: "Camille.Tremblay@emmis.example")
            let found = try await tests.store.accounts.credentials(email: "camille.tremblay@EMMIS.example")
            #expect(found?.user.id == account.id)
            #expect(found?.user.email == "camille.tremblay@emmis.example")

            let sql = try #require(tests.database as? any SQLDatabase)
            let rows = try await sql.select().column("email_sealed").column("display_name_sealed").from("users").all()
            for row in rows {
                let email = try row.decode(column: "email_sealed", as: String.self)
                let name = try row.decode(column: "display_name_sealed", as: String.self)
                #expect(!email.lowercased().contains("camille"))
                #expect(!name.contains("Test"))
            }
        }
    }

    @Test("a second account with the same e-mail is refused and nothing is written", arguments: TestDatabase.available)
    func duplicateEmail(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            _ = try await tests.makeAccount(role: .dispatcher, email: "same@test.example")
            await #expect(throws: StoreError.duplicate(field: "email")) {
                _ = try await tests.makeAccount(role: .analyst, email: "SAME@test.example")
            }
            #expect(try await tests.store.accounts.countUsers() == 1)
        }
    }

    @Test("an account in an organisation that does not exist is refused", arguments: TestDatabase.available)
    func missingOrganisation(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            await #expect(throws: StoreError.missingReference(field: "organisation")) {
                _ = try await tests.store.accounts.createUser(
                    email: "x@test.example", displayName: "X", role: .analyst, organisationID: Organisation.ID(UUID()),
                    passwordHash: "x")
            }
        }
    }

    @Test("organisation names are unique", arguments: TestDatabase.available)
    func duplicateOrganisation(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            _ = try await tests.store.accounts.createOrganisation(name: "Accueil Bonneau", kind: .communityOrganisation)
            await #expect(throws: StoreError.duplicate(field: "name")) {
                _ = try await tests.store.accounts.createOrganisation(name: "Accueil Bonneau", kind: .agency)
            }
        }
    }
}
