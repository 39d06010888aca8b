import Foundation
import Testing
import Wire

@testable import kctl

@Suite struct ClusterContextTests {
    static let access = ClusterAccess(
        server: ServerAddress(host: "127.0.0.1", port: 40123), caPEM: "CA", certPEM: "CERT", keyPEM: "KEY")

    @Test func merged_addsContextClusterAndUser_andMakesItCurrent() throws {
        let other = Kubeconfig.make(
            clusterName: "prod", server: ServerAddress(host: "10.0.0.1", port: 6443), caPEM: "P", userName: "me",
            certPEM: "C", keyPEM: "K")
        let merged = ClusterContext.merged(other, cluster: "t1", access: Self.access)
        #expect(merged.currentContext == "kcluster-t1")
        #expect(merged.contexts.map(\.name) == ["prod", "kcluster-t1"])
        let resolved = try merged.resolvedContext(named: nil)
        #expect(resolved.clusterName == "kcluster-t1" && resolved.userName == "kcluster-t1-admin")
        #expect(resolved.server == Self.access.server)
        #expect(resolved.caPEM == "CA" && resolved.certPEM == "CERT" && resolved.keyPEM == "KEY")
        // Again (a re-created cluster): replaced, not duplicated.
        let again = ClusterContext.merged(merged, cluster: "t1", access: Self.access)
        #expect(again.contexts.count == 2 && again.clusters.count == 2 && again.users.count == 2)
    }

    @Test func removed_dropsOnlyThatCluster() {
        let base = Kubeconfig.make(
            clusterName: "prod", server: ServerAddress(host: "10.0.0.1", port: 6443), caPEM: "P", userName: "me",
            certPEM: "C", keyPEM: "K")
        let both = ClusterContext.merged(
            ClusterContext.merged(base, cluster: "a", access: Self.access),
            cluster: "b", access: Self.access)
        let removed = ClusterContext.removed(both, cluster: "b")
        #expect(removed.contexts.map(\.name) == ["prod", "kcluster-a"])
        #expect(removed.users.map(\.name) == ["me", "kcluster-a-admin"])
        #expect(removed.currentContext == "")
        #expect(ClusterContext.removed(removed, cluster: "zzz") == removed)
    }

    @Test func defaultCluster_followsTheCurrentContextWhenItIsOurs() {
        let config = ClusterContext.merged(Kubeconfig(), cluster: "t1", access: Self.access)
        #expect(ClusterContext.defaultCluster(config: config, contextName: nil, existing: ["t1"]) == "t1")
        #expect(ClusterContext.defaultCluster(config: config, contextName: nil, existing: []) == "kcluster")
        #expect(ClusterContext.defaultCluster(config: nil, contextName: nil, existing: ["t1"]) == "kcluster")
        #expect(ClusterContext.defaultCluster(config: config, contextName: "other", existing: ["t1"]) == "kcluster")
        let foreign = Kubeconfig.make(
            clusterName: "prod", server: ServerAddress(host: "10.0.0.1", port: 6443), caPEM: "P", userName: "me",
            certPEM: "C", keyPEM: "K")
        #expect(ClusterContext.defaultCluster(config: foreign, contextName: nil, existing: ["prod"]) == "kcluster")
    }

    @Test func stepPrinter_onATerminal_showsStepsAndTheHint() {
        let printer = StepPrinter(isTerminal: true)
        #expect(printer.header(cluster: "t1") == "Creating cluster \"t1\" ...\n")
        #expect(printer.started(StepPrinter.startingControlPlane) == " • Starting control plane 🕹️  ...")
        #expect(printer.finished(StepPrinter.joiningNodes(3), success: true) == "\r\u{1B}[K ✓ Joining nodes (3)\n")
        #expect(
            printer.finished(StepPrinter.waitingForReady, success: false)
                == "\r\u{1B}[K ✗ Waiting for nodes to be Ready\n")
        let done = printer.done(context: "kcluster-t1")
        #expect(done.hasPrefix("Set kubectl context to \"kcluster-t1\"\n"))
        #expect(done.contains("kctl get nodes --context kcluster-t1"))
    }

    @Test func stepPrinter_offATerminal_printsOnlyTheContextLine() {
        let printer = StepPrinter(isTerminal: false)
        let text =
            printer.header(cluster: "t1") + printer.started("x") + printer.finished("x", success: true)
            + printer.done(context: "kcluster-t1")
        #expect(text == "Set kubectl context to \"kcluster-t1\"\n")
    }
}
