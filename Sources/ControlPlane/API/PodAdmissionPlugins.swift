import KubeAPI
import Wire

/// The mutating admission plugins Kubernetes runs on pods after defaulting. Pure.
///
/// - `ServiceAccount` (create): `spec.serviceAccountName` defaults to `default` (and the deprecated
///   `spec.serviceAccount` mirrors it, as the v1 API writes it), and the account's token is mounted
///   (``ServiceAccountTokenMount``) unless the pod sets `automountServiceAccountToken: false`, or leaves it unset and
///   its account sets it false; a pod without `imagePullSecrets` gets the account's. Unlike Kubernetes, a pod naming
///   a ServiceAccount that does not exist is admitted.
/// - `DefaultTolerationSeconds` (create and update): a pod that does not tolerate `node.kubernetes.io/not-ready` or
///   `node.kubernetes.io/unreachable` with effect `NoExecute` (a toleration with that key or an empty one, and
///   effect `NoExecute` or empty) gets `{key, operator: Exists, effect: NoExecute, tolerationSeconds: 300}` for it.
///   DaemonSet pods already tolerate both forever, so they get nothing more.
enum PodAdmissionPlugins {
    static let notReadyTaint = "node.kubernetes.io/not-ready"
    static let unreachableTaint = "node.kubernetes.io/unreachable"
    /// `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`.
    static let defaultTolerationSeconds: Int64 = 300

    /// Reads the ServiceAccount `name` in `namespace` (nil: no such account).
    typealias ServiceAccountLookup = @Sendable (_ namespace: String, _ name: String) -> ServiceAccount?

    /// What the plugins do to a pod being created; `serviceAccount` reads the account the pod names (the API server
    /// reads its store; by default there is none).
    static func admitCreate(_ pod: inout Pod, serviceAccount: ServiceAccountLookup = { _, _ in nil }) {
        defaultServiceAccount(&pod.spec)
        let account = serviceAccount(pod.metadata.namespace ?? "", pod.spec.serviceAccountName ?? "default")
        addImagePullSecrets(&pod.spec, from: account)
        ServiceAccountTokenMount.mount(
            &pod.spec, accountAutomount: account?.automountServiceAccountToken, suffix: NameSuffix.random())
        addDefaultTolerations(&pod.spec)
    }

    /// What the plugins do to a pod being updated.
    static func admitUpdate(_ pod: inout Pod) {
        addDefaultTolerations(&pod.spec)
    }

    /// `ServiceAccount`: `serviceAccountName: default` when empty; `serviceAccount` mirrors it.
    static func defaultServiceAccount(_ spec: inout PodSpec) {
        if (spec.serviceAccountName ?? "").isEmpty { spec.serviceAccountName = "default" }
        spec.serviceAccount = spec.serviceAccountName
    }

    /// `ServiceAccount`: a pod without `imagePullSecrets` gets its account's.
    static func addImagePullSecrets(_ spec: inout PodSpec, from account: ServiceAccount?) {
        guard (spec.imagePullSecrets?.arrayValue ?? []).isEmpty, let secrets = account?.imagePullSecrets,
            !secrets.isEmpty
        else { return }
        spec.imagePullSecrets = .array(secrets)
    }

    /// `DefaultTolerationSeconds`: the not-ready and unreachable `NoExecute` tolerations, unless tolerated already.
    static func addDefaultTolerations(_ spec: inout PodSpec) {
        var tolerations = spec.tolerations ?? []
        for taint in [notReadyTaint, unreachableTaint] where !tolerates(tolerations, taint) {
            tolerations.append(
                Toleration(
                    key: taint, operator: "Exists", effect: "NoExecute", tolerationSeconds: defaultTolerationSeconds))
        }
        spec.tolerations = tolerations
    }

    /// Whether some toleration has key `taint` (or none) and effect `NoExecute` (or none).
    private static func tolerates(_ tolerations: [Toleration], _ taint: String) -> Bool {
        tolerations.contains { toleration in
            let key = toleration.key ?? ""
            let effect = toleration.effect ?? ""
            return (key == taint || key.isEmpty) && (effect == "NoExecute" || effect.isEmpty)
        }
    }
}
