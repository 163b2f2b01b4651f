/// Where to send a browser back to after signing in or switching language: a path on this site, never an address
/// elsewhere. Browsers drop tabs and line breaks from addresses and read `\` as `/`, so `/\t/evil.example/` and
/// `/\evil.example` would leave the site: anything with a control character, white space or a backslash is refused,
/// as is a second leading slash.
public enum LocalPath {
    /// `candidate` when it is a safe path on this site, otherwise `/`.
    public static func sanitised(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), candidate.count <= 2_000,
            !candidate.unicodeScalars.contains(where: {
                $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" || $0.properties.isWhitespace
                    || (0x80...0x9F).contains($0.value)
            })
        else { return "/" }
        return candidate
    }
}
