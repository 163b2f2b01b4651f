import Crypto
import Foundation
import RelaisCore

/// Random bearer secrets (session cookies, API tokens) and the hash under which they are stored.
public enum SecretToken {
    /// 32 random bytes from the system's secure generator, URL-safe base64 without padding.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of a token, in hex: what the database keeps, so a copy of it grants nothing.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexadecimal
    }
}
