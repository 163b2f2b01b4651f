import Foundation
import Vapor

/// Serves the files of the public folder (styles, scripts) to `GET` and `HEAD` requests under its folders, and lets
/// every other request through without looking at the disk: Vapor's `FileMiddleware` looks every path up, API writes
/// included, a trip to the file system's thread pool per request.
struct PublicFilesMiddleware: AsyncMiddleware {
    private let files: FileMiddleware
    /// What the public folder holds at its top ("css", "js"): the first path components worth a look.
    private let entries: Set<Substring>

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []
        entries = Set(names.filter { !$0.hasPrefix(".") }.map { Substring($0) })
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD,
            let first = request.url.path.split(separator: "/", maxSplits: 1).first, entries.contains(first)
        else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
