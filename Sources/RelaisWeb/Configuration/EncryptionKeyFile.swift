import Foundation
import RelaisCore

/// Reads the field-encryption key from the data folder, creating it (mode 0600) on first start.
enum EncryptionKeyFile {
    static func loadOrCreate(in directory: String) throws -> [UInt8] {
        let path = directory + "/encryption.key"
        let manager = FileManager.default
        if let data = manager.contents(atPath: path) {
            guard
                let key = Data(
                    base64Encoded: String(decoding: data, as: UTF8.self).trimmed
                ),
                key.count == 32
            else {
                throw KeyFileError(path: path)
            }
            return Array(key)
        }
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        guard
            manager.createFile(
                atPath: path, contents: Data(Data(key).base64EncodedString().utf8),
                attributes: [.posixPermissions: 0o600])
        else { throw KeyFileError(path: path) }
        return key
    }

    struct KeyFileError: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "The encryption key file \(path) cannot be read or written, or is not 32 bytes of base64."
        }
    }
}
