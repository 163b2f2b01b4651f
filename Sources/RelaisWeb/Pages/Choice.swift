/// One option of a radio group, a list of checkboxes or a select, as a page's template shows it.
struct Choice: Encodable, Sendable {
    let value: String
    let label: String
    let checked: Bool
}
