import Metrics
import Prometheus

/// The process-wide Prometheus registry behind swift-metrics (Vapor records request counts and latencies by route).
enum PrometheusSetup {
    private static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The registry, bootstrapping swift-metrics with it the first time (once per process).
    static func bootstrap() -> PrometheusCollectorRegistry { registry }
}
