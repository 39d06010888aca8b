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
}
