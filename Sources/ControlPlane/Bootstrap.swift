import Foundation
import KubeAPI
import Wire

/// What a fresh control plane writes besides its store: the admin kubeconfig. (The built-in objects are the API
/// server's, ``APIServer/ensureBuiltIns()``.)
enum Bootstrap {
    /// Writes `admin.kubeconfig` for the address the server actually listens on (0600).
    static func writeAdminKubeconfig(pki: ControlPlanePKI, server: ServerAddress, directory: URL) throws {
        let config = Kubeconfig.make(
            clusterName: "kcluster", server: server, caPEM: pki.caCertificatePEM, userName: "kubernetes-admin",
            certPEM: pki.adminCertificatePEM, keyPEM: pki.adminPrivateKeyPEM, namespace: nil)
        try KubeconfigLoader.write(config, to: directory.appendingPathComponent("admin.kubeconfig"))
    }
}
