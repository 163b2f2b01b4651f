import Fluent
import Metrics
import Prometheus
import RelaisCore
import RelaisPersistence
import Vapor

/// `/health` (the process answers), `/ready` (the database answers) and `/metrics` (Prometheus text).
struct OperationsController {
    let registry: PrometheusCollectorRegistry

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "health", access: .public, use: health)
        routes.on(.GET, "ready", access: .public, use: ready)
        routes.on(.GET, "metrics", access: .public, use: metrics)
    }

    struct Status: Content {
        let status: String
    }

    @Sendable func health(_ request: Request) async throws -> Status {
        Status(status: "ok")
    }

    @Sendable func ready(_ request: Request) async throws -> Response {
        let reachable = await request.store.ping()
        return try await Status(status: reachable ? "ready" : "unavailable")
            .encodeResponse(status: reachable ? .ok : .serviceUnavailable, for: request)
    }

    @Sendable func metrics(_ request: Request) async throws -> Response {
        let start = ContinuousClock.now
        let reachable = await request.store.ping()
        let elapsed = ContinuousClock.now - start
        registry.makeGauge(
            descriptor: .init(
                namespace: "relais", subsystem: "database", metricName: "up", unitName: "",
                helpText: "1 when the database answered the last check")
        )
        .set(reachable ? 1.0 : 0.0)
        registry.makeGauge(
            descriptor: .init(
                namespace: "relais", subsystem: "database", metricName: "ping", unitName: "seconds",
                helpText: "Duration of the last database check")
        )
        .set(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let loops = request.application.eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }
        registry.makeGauge(
            descriptor: .init(
                namespace: "relais", subsystem: "database", metricName: "pool_connections", unitName: "max",
                helpText: "Connections the pools may open in all (per event loop times event loops)")
        )
        .set(Double(request.relais.config.connectionsPerEventLoop * loops))
        let response = Response(status: .ok, body: .init(string: registry.emitToString()))
        response.headers.contentType = HTTPMediaType(
            type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}
