/// The Kubernetes release whose API this cluster emulates: one constant for `/version`, the OpenAPI documents'
/// `info.version`, and the software version that kubelets report and `kctl version` prints. Its minor is what the
/// machines' kubectl dispatcher picks its kubectl by (32: kubectl 1.32).
public enum KubernetesAPILevel {
    public static let major = 1
    public static let minor = 32
    public static let patch = 0

    /// `v1.32.0`.
    public static var release: String { "v\(major).\(minor).\(patch)" }
}
