extension String {
    /// The text without the white space and line breaks around it, as Foundation's `.whitespacesAndNewlines` trims
    /// (Unicode's white space and the zero-width space), without going through `NSString`: every form field of
    /// every request is trimmed.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isBlank($0) }),
            let last = scalars.lastIndex(where: { !Self.isBlank($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}

extension Optional<String> {
    /// The trimmed text, or nil when empty.
    public var trimmedNonEmpty: String? {
        guard let text = self?.trimmed, !text.isEmpty else { return nil }
        return text
    }
}
