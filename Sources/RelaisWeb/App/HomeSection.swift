/// One part of a person's home page: what is waiting for them in a programme or on the platform today.
struct HomeSection: Encodable, Sendable {
    /// A line: a fact or a thing to do, linked to where it is done.
    struct Item: Encodable, Sendable {
        let text: String
        var link: String? = nil
        /// Whether it asks for attention now (shown first, marked).
        var urgent = false
    }

    let title: String
    let items: [Item]
    /// What the section says when there is nothing.
    let empty: String
    var hasItems: Bool { !items.isEmpty }

    enum CodingKeys: CodingKey { case title, items, empty, hasItems }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(items, forKey: .items)
        try container.encode(empty, forKey: .empty)
        try container.encode(hasItems, forKey: .hasItems)
    }
}
