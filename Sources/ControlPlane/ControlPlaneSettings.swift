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
}
