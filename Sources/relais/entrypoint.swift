import Foundation
import Logging
import RelaisWeb
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        try RelaisLogging.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            // configure() and the commands have already said what went wrong; exit without a backtrace.
            try? await app.asyncShutdown()
            exit(1)
        }
    }
}
