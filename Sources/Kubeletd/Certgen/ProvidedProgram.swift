/// A program the runtime itself provides, implemented in kubeletd, for an image in the ``ImageCatalogue`` whose
/// real program is not on the node: it runs in kubeletd (``ProvidedProgramDriver``), talking to the API server as
/// the pod's ServiceAccount.
enum ProvidedProgram: String, Sendable, Hashable, CaseIterable {
    /// ingress-nginx's `kube-webhook-certgen` (``Certgen``): `create` and `patch` of an admission webhook's CA.
    case kubeWebhookCertgen = "kube-webhook-certgen"
}
