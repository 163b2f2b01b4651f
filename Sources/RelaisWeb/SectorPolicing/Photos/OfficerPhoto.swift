import CRelaisImage
import Foundation

/// An officer's photo as the cards show it: the upload is checked from its content (a JPEG or a PNG, whatever its
/// name says), turned upright, cropped to a square, scaled to the card's two sizes and encoded again as JPEG, so
/// nothing of the original file — EXIF, GPS position, comments — is kept.
enum OfficerPhoto {
    /// The sizes served, by name: the card's, and twice it for dense screens.
    static let sizes = ["card": 128, "large": 256]
    /// The largest upload accepted.
    static let maximumBytes = 8 * 1024 * 1024
    /// The most pixels decoded (a photo of 40 megapixels is refused before it is decoded).
    static let maximumPixels: UInt = 40_000_000
    /// The shortest side accepted.
    static let minimumSide: Int32 = 128

    /// Why an upload was refused.
    enum Refusal: Error, Equatable {
        case empty
        case tooLarge
        case notAnImage
        case unreadable
        case badSize

        /// The locale catalogue key of the reason.
        var messageKey: String {
            switch self {
            case .empty: "reso.error.photo_empty"
            case .tooLarge: "reso.error.photo_too_large"
            case .notAnImage: "reso.error.photo_not_an_image"
            case .unreadable: "reso.error.photo_unreadable"
            case .badSize: "reso.error.photo_size"
            }
        }
    }

    /// The photo at each size, as JPEG bytes.
    /// - Throws: ``Refusal``.
    static func prepare(_ upload: [UInt8]) throws(Refusal) -> [String: [UInt8]] {
        guard !upload.isEmpty else { throw .empty }
        guard upload.count <= maximumBytes else { throw .tooLarge }
        var result: [String: [UInt8]] = [:]
        for (name, side) in sizes {
            result[name] = try square(upload, side: Int32(side))
        }
        return result
    }

    /// One size; also what the fuzz target calls.
    static func square(_ upload: [UInt8], side: Int32) throws(Refusal) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var length: UInt = 0
        var width: Int32 = 0
        var height: Int32 = 0
        let status = upload.withUnsafeBufferPointer { buffer in
            relais_image_square(
                buffer.baseAddress, buffer.count, side, 82, maximumPixels, minimumSide, &output, &length, &width,
                &height)
        }
        defer { relais_image_free(output) }
        switch status {
        case RELAIS_IMAGE_OK:
            guard let output else { throw .unreadable }
            return Array(UnsafeBufferPointer(start: output, count: Int(length)))
        case RELAIS_IMAGE_NOT_AN_IMAGE: throw .notAnImage
        case RELAIS_IMAGE_BAD_SIZE: throw .badSize
        default: throw .unreadable
        }
    }
}
