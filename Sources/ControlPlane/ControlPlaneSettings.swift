import Foundation

/// Everything `controlplane` is configured with, as a value.
struct ControlPlaneSettings: Sendable {
    var dataDirectory: URL
    var listenAddress: String
    var port: Int
    var advertiseAddresses: [String]
    var maxFrameBytes: Int
    var helloTimeout: Duration
    var watchWindow: Int
    /// Port of the bootstrap (join) listener; 0 picks a free one.
    var bootstrapPort: Int = 6444
    /// Node lifecycle timing (grace before NotReady, timeout before a silent node has left).
    var nodeLifecycle = NodeLifecycleSettings()
    /// HTTPS API: how long a request may take to arrive whole (a client that never finishes its headers is closed).
    var httpRequestTimeout: Duration = .seconds(30)
    /// HTTPS API: how long one write of a watch, log or exec may wait for a client that does not read.
    var stalledWriteTimeout: Duration = .seconds(60)
}
