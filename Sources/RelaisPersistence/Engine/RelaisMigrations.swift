import Fluent

/// Every migration, in the order it runs. Never edit a shipped migration: add the next number.
public enum RelaisMigrations {
    /// The migrations; those that rewrite sealed or chained data use the keys of `stores`.
    public static func all(stores: StoreEnvironment) -> [any Migration] {
        [
            CreateOrganisations(),  // 0001
            CreateUsers(),  // 0002
            CreateWebSessions(),  // 0003
            CreateAPITokens(),  // 0004
            CreateAuditEvents(),  // 0005
            CreateSignInFailures(),  // 0006
            CreateTerritories(),  // 0007
            CreateServiceRequests(),  // 0008
            CreateMobileTeams(),  // 0009
            AddTokenScopes(),  // 0010
            CreateResourceDirectory(),  // 0011
            LinkResourceOrganizations(),  // 0012
            CreateInterventions(),  // 0013
            GridIndexResourcePositions(),  // 0014
            AddResourceTranslations(),  // 0015
            CreateAuditChainEnd(),  // 0016
            CreateAuditChainCheck(),  // 0017
            KeyAuditChain(stores: stores),  // 0018
            SealPoliceEventNumbers(stores: stores),  // 0019
            CreateMemberships(),  // 0020
            CreateMeetings(),  // 0021
            CreatePersons(),  // 0022
            CreatePlaces(),  // 0023
            CreateOutbox(),  // 0024
            AddTerritoryParent(),  // 0025
        ]
    }
}
