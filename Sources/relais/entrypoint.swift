import Foundation
import Logging
import NIOCore
import NIOPosix
import RelaisWeb
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        // Swift concurrency runs on NIO's event loops: no thread hop between a request's handler and its I/O.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
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
