import Foundation
import KubeAPI
import Wire

/// Everything `kubeletd` is configured with, as a value.
struct AgentSettings: Sendable {
    var nodeName: String
    var dataDirectory: URL
    /// The bootstrap endpoint for the first join (nil when credentials already exist).
    var bootstrapServer: ServerAddress?
    var token: String?
    var caHash: String?
    /// Overrides the API address learned at join.
    var apiServer: ServerAddress?
    var internalIP: String
    /// Whether connections to the control plane leave from `internalIP`.
    var bindNodeIP: Bool
    var labels: [String: String]
    var taints: [Taint]
    var heartbeatInterval: Duration
    var imagePullDelay: Duration
    var backoffScale: Double
    /// The kubelet endpoint's port on `internalIP` (0: any free port).
    var kubeletPort: Int = KubeletPKI.defaultPort
}
