import Foundation
import RelaisCore
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("RÉSO: officers' photos", .tags(.database))
struct ResoPhotoTests {
    /// Posts `bytes` as the photo field of the upload form.
    static func upload(_ bytes: [UInt8], name: String, to officer: SectorOfficer.ID, as browser: TestBrowser)
        async throws -> BrowserResponse
    {
        let boundary = "relais-\(UUID().uuidString)"
        var body = ByteBuffer()
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.cookie("relais_csrf") ?? "")\r\n"
        )
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\(name)\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await browser.send(.POST, "/reso/agents/\(officer)/photo", headers: headers, body: body)
    }

    @Test(
        "an upload is judged by its content, resized to the card's sizes, and keeps no metadata",
        arguments: TestDatabase.available)
    func photos(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            let officer = scene.dayOfficer
            // a text file named like a photo
            var refused = try await Self.upload(
                Array("not an image".utf8), name: "photo.jpg", to: officer, as: scene.supervisor)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("data-testid=\"photo-error\""))
            #expect(refused.text.contains("pas une photo JPEG ou PNG"))
            // a PNG cut short, one too small
            let png = TestImages.png(width: 300, height: 200, comment: "GPS 45.4500 -73.5000 secret")
            refused = try await Self.upload(Array(png.prefix(400)), name: "cut.png", to: officer, as: scene.supervisor)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("illisible"))
            refused = try await Self.upload(
                TestImages.png(width: 60, height: 60, comment: ""), name: "tiny.png", to: officer, as: scene.supervisor)
            #expect(refused.text.contains("au moins 128 pixels"))
            #expect(try await app.store.sectorOfficers.officer(officer)?.photoVersion == 0)

            // a PNG with a text chunk becomes two square JPEGs without it
            let saved = try await Self.upload(png, name: "portrait.png", to: officer, as: scene.supervisor)
            #expect(saved.status == .seeOther)
            let card = try #require(try await app.store.sectorOfficers.photo(officer, size: "card"))
            let large = try #require(try await app.store.sectorOfficers.photo(officer, size: "large"))
            #expect(Array(card.bytes.prefix(3)) == [0xFF, 0xD8, 0xFF] && card.version == 1)
            #expect(Self.jpegSide(Array(card.bytes)) == 128 && Self.jpegSide(Array(large.bytes)) == 200)
            #expect(!String(decoding: large.bytes, as: UTF8.self).contains("secret"))
            // a JPEG carrying EXIF (GPS) comes out without it
            let withEXIF = TestImages.withEXIF(Array(large.bytes), text: "GPSLatitude 45.45 secret-exif")
            #expect(
                try await Self.upload(withEXIF, name: "camera.jpg", to: officer, as: scene.supervisor).status
                    == .seeOther)
            let again = try #require(try await app.store.sectorOfficers.photo(officer, size: "large"))
            #expect(again.version == 2 && !String(decoding: again.bytes, as: UTF8.self).contains("secret-exif"))
            #expect(!again.bytes.contains(0xE1) || !Self.hasAPP1(Array(again.bytes)))

            // served with its version in the address, kept for a year; the card shows it
            let path = "/reso/photos/\(officer)/2/card.jpg"
            let served = try await scene.resident.get(path)
            #expect(
                served.status == .ok
                    && served.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(served.headers.contentType == .jpeg)
            #expect(try await scene.resident.get("/reso/photos/\(officer)/1/card.jpg").status == .notFound)
            #expect(try await scene.resident.get("/reso/photos/\(officer)/2/huge.jpg").status == .notFound)
            let page = try await scene.resident.get("/reso/secteurs/BRO-1")
            #expect(page.text.contains(path))
            // an officer cannot change a photo; one over 8 MB is refused (a real server stops a 40 MB body at the
            // door: the browser test sends one)
            #expect(try await Self.upload(png, name: "p.png", to: officer, as: scene.day).status == .forbidden)
            let huge = try await Self.upload(
                [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 8 * 1024 * 1024 + 16), name: "huge.jpg",
                to: officer, as: scene.supervisor)
            #expect(
                huge.status == .unprocessableEntity && huge.text.contains("dépasse 8 Mo"), "\(huge.text.prefix(300))")
            #expect(try await app.store.sectorOfficers.officer(officer)?.photoVersion == 2)
        }
    }

    /// The width of a baseline JPEG, from its SOF0 segment.
    static func jpegSide(_ bytes: [UInt8]) -> Int? {
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if marker == 0xC0 || marker == 0xC2 { return Int(bytes[index + 7]) << 8 | Int(bytes[index + 8]) }
            index += 2 + length
        }
        return nil
    }

    /// Whether the JPEG has an APP1 (EXIF, XMP) segment before its image data.
    static func hasAPP1(_ bytes: [UInt8]) -> Bool {
        var index = 2
        while index + 3 < bytes.count, bytes[index] == 0xFF, bytes[index + 1] != 0xDA {
            if bytes[index + 1] == 0xE1 { return true }
            index += 2 + (Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]))
        }
        return false
    }
}
