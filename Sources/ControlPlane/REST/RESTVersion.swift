import KubeAPI
import Wire

/// `GET /version`: the Kubernetes release whose API the REST front door emulates, with this build in gitVersion's
/// suffix. The minor is what the machines' kubectl dispatcher picks its kubectl by (32: kubectl 1.32). Pure.
enum RESTVersion {
    /// The emulated Kubernetes API level (``KubernetesAPILevel``).
    static let major = String(KubernetesAPILevel.major)
    static let minor = String(KubernetesAPILevel.minor)

    /// `v1.32.0-kcluster.0.1.0`: the API level, then our build (``WireVersion/softwareVersion``).
    static var gitVersion: String { WireVersion.softwareVersion }

    /// The version document.
    static var document: JSONValue {
        [
            "major": .string(major), "minor": .string(minor), "gitVersion": .string(gitVersion),
            "gitCommit": "", "gitTreeState": "clean", "buildDate": "1970-01-01T00:00:00Z",
            "goVersion": "swift", "compiler": "swiftc", "platform": .string(platform),
        ]
    }

    private static var platform: String {
        #if arch(arm64)
        return "linux/arm64"
        #else
        return "linux/amd64"
        #endif
    }
}
