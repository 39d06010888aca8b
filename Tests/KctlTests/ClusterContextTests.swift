import Foundation
import KubeAPI
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

    @Test func target_followsTheChosenContextWhenItIsOurs_elseTheDefaultName() {
        let config = ClusterContext.merged(Kubeconfig(), cluster: "t1", access: Self.access)
        #expect(
            ClusterContext.target(explicit: nil, config: config, contextName: nil)
                == ClusterTarget(name: "t1", origin: .context("kcluster-t1", current: true)))
        #expect(
            ClusterContext.target(explicit: "x", config: config, contextName: nil)
                == ClusterTarget(name: "x", origin: .named))
        #expect(
            ClusterContext.target(explicit: nil, config: nil, contextName: nil)
                == ClusterTarget(name: "kcluster", origin: .defaultName(context: "", current: true)))
        #expect(
            ClusterContext.target(explicit: nil, config: config, contextName: "other")
                == ClusterTarget(name: "kcluster", origin: .defaultName(context: "other", current: false)))
        let foreign = Kubeconfig.make(
            clusterName: "prod", server: ServerAddress(host: "10.0.0.1", port: 6443), caPEM: "P", userName: "me",
            certPEM: "C", keyPEM: "K")
        #expect(
            ClusterContext.target(explicit: nil, config: foreign, contextName: nil)
                == ClusterTarget(name: "kcluster", origin: .defaultName(context: "prod", current: true)))
    }

    @Test func clusterNotFound_saysWhichNameWasLookedFor_andHowItWasChosen() {
        let fromContext = ClusterNotFound(
            target: ClusterTarget(name: "d1", origin: .context("kcluster-d1", current: true)), existing: ["demo"])
        #expect(
            fromContext.description == """
                cluster "d1" not found (from the current context "kcluster-d1")
                Local clusters: demo. Choose one with --cluster NAME, or make it current with \
                'kctl config use-context kcluster-NAME'.
                """)
        let byDefault = ClusterNotFound(
            target: ClusterTarget(name: "kcluster", origin: .defaultName(context: "prod", current: true)), existing: [])
        #expect(
            byDefault.description == """
                cluster "kcluster" not found (the default name: no --cluster, and the current context "prod" is not \
                a local cluster's)
                There are no local clusters: create one with 'kctl cluster create NAME'.
                """)
        let named = ClusterNotFound(target: ClusterTarget(name: "x", origin: .named), existing: ["a", "b"])
        #expect(
            named.description.hasPrefix("cluster \"x\" not found (as named on the command line)\nLocal clusters: a, b.")
        )
        let flag = ClusterNotFound(
            target: ClusterTarget(name: "kcluster", origin: .defaultName(context: "", current: true)), existing: [])
        #expect(
            flag.description.hasPrefix(
                "cluster \"kcluster\" not found (the default name: no --cluster, and no current context is set)"))
    }

    @Test func removed_switchesToTheNewestOtherClusterWithAContext_orSaysNoneIsCurrent() {
        func state(_ name: String, _ created: String) -> ClusterState {
            ClusterState(
                name: name, runtime: .process, createdAt: created, timing: .defaults, subnet: 1, kubeconfigPath: "")
        }
        let older = state("a", "2026-12-07T10:00:00Z")
        let newer = state("b", "2026-12-07T11:00:00Z")
        let withoutContext = state("c", "2026-12-07T12:00:00Z")
        var config = Kubeconfig()
        for name in ["a", "b", "d"] { config = ClusterContext.merged(config, cluster: name, access: Self.access) }
        // d is current; c has no context in this file.
        let (switched, change) = ClusterContext.removed(
            config, cluster: "d", remaining: [older, newer, withoutContext])
        #expect(change == .switched(context: "kcluster-b", cluster: "b"))
        #expect(switched.currentContext == "kcluster-b")
        #expect(change.notice == "Switched to context \"kcluster-b\" (cluster \"b\").")

        // Removing a cluster that is not current changes nothing else.
        let (kept, unchanged) = ClusterContext.removed(switched, cluster: "a", remaining: [newer])
        #expect(unchanged == .unchanged && kept.currentContext == "kcluster-b" && unchanged.notice == nil)

        // The last local cluster: other contexts stay, none is current, and the notice says how to choose one.
        let foreign = Kubeconfig.make(
            clusterName: "prod", server: ServerAddress(host: "10.0.0.1", port: 6443), caPEM: "P", userName: "me",
            certPEM: "C", keyPEM: "K")
        let last = ClusterContext.merged(foreign, cluster: "b", access: Self.access)
        let (cleared, none) = ClusterContext.removed(last, cluster: "b", remaining: [])
        #expect(none == .cleared(remaining: ["prod"]) && cleared.currentContext == "")
        #expect(
            none.notice
                == "No current context is set. Choose one with 'kctl config use-context NAME' (contexts: prod).")
        #expect(
            ClusterContext.CurrentContextChange.cleared(remaining: []).notice
                == "No current context is set: no contexts remain. Create a local cluster with 'kctl cluster create'.")
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
