import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl cluster-info`: where the control plane runs and the cluster services (Services labelled
/// `kubernetes.io/cluster-service=true` in `kube-system`, or `-n`), as kubectl prints them.
///
/// kubectl ends with a hint to `kubectl cluster-info dump`; kctl has no dump (the API serves no pod logs, which a
/// dump holds), so the hint is left out rather than pointing to a command that does not exist.
struct ClusterInfo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-info", abstract: "Display addresses of the control plane and cluster services.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let namespace = global.namespace ?? "kube-system"
        do {
            let server = try serverAddress()
            let text = try await APIClient.with(global) { client in
                let services = try await client.list(
                    .service, namespace: namespace, labelSelector: ClusterInfoText.clusterServiceSelector)
                return ClusterInfoText.render(server: server, services: services?["items"]?.arrayValue ?? [])
            }
            print(text, terminator: "")
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
    }

    /// The server of the kubeconfig context in use, as the kubeconfig writes it (kubectl prints its REST config's
    /// host).
    private func serverAddress() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let path = KubeconfigLoader.path(
            explicit: global.kubeconfig, environment: environment,
            homeDirectory: ClusterPaths.homeDirectory(environment: environment).path)
        let config = try KubeconfigLoader.load(path: path)
        let context = try config.resolvedContext(named: global.context)
        let written = config.clusters.first { $0.name == context.clusterName }?.cluster.server
        return written ?? context.server.description
    }
}
