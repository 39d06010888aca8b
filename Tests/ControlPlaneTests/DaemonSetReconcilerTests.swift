import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

// MARK: - Fixtures (shared by the DaemonSet*Tests files)

/// Small factories for DaemonSet reconcile tests; suites conform to get them unqualified.
protocol DaemonSetTestFixtures {}

extension DaemonSetTestFixtures {
    /// The fixed "now" of every test.
    var now: Date { Date(timeIntervalSince1970: 1_800_000_000) }

    func makeNode(
        _ name: String, labels: [String: String] = [:], taints: [Taint] = [], ready: Bool = true,
        unschedulable: Bool? = nil
    ) -> Node {
        Node(
            metadata: ObjectMeta(name: name, labels: labels),
            spec: NodeSpec(unschedulable: unschedulable, taints: taints),
            status: NodeStatus(conditions: [NodeCondition(type: "Ready", status: ready ? "True" : "Unknown")]))
    }

    func makeDaemonSet(
        name: String = "ds", image: String = "busybox:1.36", nodeSelector: [String: String]? = nil,
        tolerations: [Toleration]? = nil, strategy: DaemonSetUpdateStrategy? = nil, minReadySeconds: Int32? = nil,
        generation: Int64 = 1, edit: (inout DaemonSet) -> Void = { _ in }
    ) -> DaemonSet {
        let labels = ["app": name]
        var spec = PodSpec(containers: [Container(name: "main", image: image)], nodeSelector: nodeSelector,
                           tolerations: tolerations)
        spec.terminationGracePeriodSeconds = 30
        var ds = DaemonSet(
            metadata: ObjectMeta(name: name, namespace: "default",
                                 annotations: ["deprecated.daemonset.template.generation": String(generation)]),
            spec: DaemonSetSpec(selector: LabelSelector(matchLabels: labels),
                                template: PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: spec),
                                updateStrategy: strategy ?? DaemonSetUpdateStrategy(),
                                minReadySeconds: minReadySeconds))
        ds.metadata.uid = "\(name)-uid"
        ds.metadata.generation = generation
        ds.status.observedGeneration = generation
        edit(&ds)
        ds.applyDefaults()
        return ds
    }

    /// The current revision hash of a DaemonSet's template.
    func hash(of ds: DaemonSet) -> String {
        DaemonSetRevisionHash.hash(patch: DaemonSetHistory.patch(for: ds.spec.template), collisionCount: nil)
    }

    /// The revision the controller would have created for `ds`'s template, numbered `number`.
    func makeRevision(of ds: DaemonSet, number: Int64) -> ControllerRevision {
        let hash = hash(of: ds)
        return ControllerRevision(
            metadata: ObjectMeta(
                name: "\(ds.name)-\(hash)", namespace: "default",
                labels: ["app": ds.name, "controller-revision-hash": hash],
                ownerReferences: [ownerRef(ds)]),
            data: DaemonSetHistory.patch(for: ds.spec.template), revision: number)
    }

    func ownerRef(_ ds: DaemonSet) -> OwnerReference {
        OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: ds.name, uid: ds.metadata.uid ?? "",
                       controller: true, blockOwnerDeletion: true)
    }

    /// A pod of `ds` (owned, labelled with `hash`, default: the current one) on `node`.
    /// - Parameters:
    ///   - readyFor: seconds since the pod became Ready (nil: not ready).
    ///   - age: seconds since creation.
    func makePod(
        _ name: String, on node: String?, of ds: DaemonSet, hash: String? = nil, phase: String = "Running",
        readyFor: Int? = 3600, age: Int = 7200, deleting: Bool = false, owned: Bool = true,
        scheduled: Bool = true
    ) -> Pod {
        var labels = ds.spec.template.metadata.labels ?? [:]
        labels["controller-revision-hash"] = hash ?? self.hash(of: ds)
        var pod = Pod(metadata: ObjectMeta(name: name, namespace: "default", labels: labels,
                                           ownerReferences: owned ? [ownerRef(ds)] : nil),
                      spec: ds.spec.template.spec)
        pod.metadata.creationTimestamp = Timestamp.format(now.addingTimeInterval(TimeInterval(-age)))
        if deleting { pod.metadata.deletionTimestamp = Timestamp.format(now) }
        if let node {
            if scheduled {
                pod.spec.nodeName = node
            } else {
                let requirement = NodeSelectorRequirement(key: "metadata.name", operator: "In", values: [node])
                pod.spec.affinity = Affinity(nodeAffinity: NodeAffinity(
                    requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(
                        nodeSelectorTerms: [NodeSelectorTerm(matchFields: [requirement])])))
            }
        }
        let ready = readyFor.map { seconds in
            PodCondition(type: "Ready", status: "True",
                         lastTransitionTime: Timestamp.format(now.addingTimeInterval(TimeInterval(-seconds))))
        } ?? PodCondition(type: "Ready", status: "False")
        pod.status = PodStatus(phase: phase, conditions: [ready])
        return pod
    }

    /// One sync with the current revision already present (unless `revisions` is given).
    func sync(
        _ ds: DaemonSet, nodes: [Node], pods: [Pod] = [], revisions: [ControllerRevision]? = nil,
        at time: Date? = nil, backoff: inout FailedPodBackoff, burst: Int = 250
    ) -> [DaemonSetAction] {
        let snapshot = DaemonSetSnapshot(
            daemonSet: ds, nodes: nodes, pods: pods, revisions: revisions ?? [makeRevision(of: ds, number: 1)],
            now: time ?? now)
        return DaemonSetReconciler(burstReplicas: burst).reconcile(snapshot, backoff: &backoff)
    }

    /// One sync with a fresh backoff.
    func sync(
        _ ds: DaemonSet, nodes: [Node], pods: [Pod] = [], revisions: [ControllerRevision]? = nil, burst: Int = 250
    ) -> [DaemonSetAction] {
        var backoff = FailedPodBackoff()
        return sync(ds, nodes: nodes, pods: pods, revisions: revisions, backoff: &backoff, burst: burst)
    }

    // MARK: Reading actions

    func createdPods(_ actions: [DaemonSetAction]) -> [Pod] {
        actions.compactMap { if case .createPod(let pod) = $0 { pod } else { nil } }
    }

    /// The node each created pod is pinned to (by its matchFields affinity).
    func createdNodes(_ actions: [DaemonSetAction]) -> [String] {
        createdPods(actions).compactMap(DaemonPods.targetNodeName)
    }

    func deletedPods(_ actions: [DaemonSetAction]) -> [String] {
        actions.compactMap { if case .deletePod(let name) = $0 { name } else { nil } }
    }

    func updatedPods(_ actions: [DaemonSetAction]) -> [Pod] {
        actions.compactMap { if case .updatePod(let pod) = $0 { pod } else { nil } }
    }

    func statusUpdate(_ actions: [DaemonSetAction]) -> DaemonSetStatus? {
        actions.compactMap { if case .updateStatus(let status) = $0 { status } else { nil } }.last
    }

    func events(_ actions: [DaemonSetAction]) -> [String] {
        actions.compactMap {
            if case .event(let type, let reason, let message) = $0 { "\(type) \(reason) \(message)" } else { nil }
        }
    }

    func requeues(_ actions: [DaemonSetAction]) -> [Duration] {
        actions.compactMap { if case .requeue(let after) = $0 { after } else { nil } }
    }
}

// MARK: - Tests

@Suite struct DaemonSetReconcilerTests: DaemonSetTestFixtures {
    let threeNodes = ["n1", "n2", "n3"]

    @Test func threeNodes_createsOnePodPerNode_shapedAsKubernetesDoes() throws {
        let ds = makeDaemonSet()
        let actions = sync(ds, nodes: threeNodes.map { makeNode($0) })
        let pods = createdPods(actions)
        #expect(createdNodes(actions) == threeNodes)
        let pod = try #require(pods.first)
        #expect(pod.metadata.generateName == "ds-")
        #expect(pod.metadata.name == nil)
        #expect(pod.metadata.namespace == "default")
        #expect(pod.labels == ["app": "ds", "controller-revision-hash": hash(of: ds), "pod-template-generation": "1"])
        #expect(pod.metadata.ownerReferences == [ownerRef(ds)])
        #expect(pod.spec.nodeName == nil)
        let terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
        #expect(terms == [NodeSelectorTerm(matchFields: [
            NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["n1"])])])
        let tolerated = (pod.spec.tolerations ?? []).map { "\($0.key ?? ""):\($0.effect ?? ""):\($0.operator ?? "")" }
        #expect(tolerated == [
            "node.kubernetes.io/not-ready:NoExecute:Exists", "node.kubernetes.io/unreachable:NoExecute:Exists",
            "node.kubernetes.io/disk-pressure:NoSchedule:Exists",
            "node.kubernetes.io/memory-pressure:NoSchedule:Exists",
            "node.kubernetes.io/pid-pressure:NoSchedule:Exists", "node.kubernetes.io/unschedulable:NoSchedule:Exists",
        ])
        #expect(pod.spec.tolerations?.allSatisfy { $0.tolerationSeconds == nil } == true)
        #expect(pod.spec.containers == ds.spec.template.spec.containers)
        #expect(deletedPods(actions).isEmpty)
    }

    @Test func firstSync_writesStatusWithDesiredAndObservedGeneration() throws {
        let ds = makeDaemonSet(generation: 3) { $0.status.observedGeneration = 1 }
        let status = try #require(statusUpdate(sync(ds, nodes: threeNodes.map { makeNode($0) })))
        #expect(status.desiredNumberScheduled == 3)
        #expect(status.currentNumberScheduled == 0)
        #expect(status.numberUnavailable == 3)
        #expect(status.observedGeneration == 3)
    }

    @Test func templateAffinity_isReplacedByNodePin_preferredKept() throws {
        let required = NodeSelector(nodeSelectorTerms: [NodeSelectorTerm(matchExpressions: [
            NodeSelectorRequirement(key: "role", operator: "In", values: ["worker"])])])
        let preferred: JSONValue = [["weight": 1]]
        let ds = makeDaemonSet {
            $0.spec.template.spec.affinity = Affinity(nodeAffinity: NodeAffinity(
                requiredDuringSchedulingIgnoredDuringExecution: required,
                preferredDuringSchedulingIgnoredDuringExecution: preferred))
        }
        let actions = sync(ds, nodes: [makeNode("w1", labels: ["role": "worker"]), makeNode("m1")])
        let pod = try #require(createdPods(actions).first)
        #expect(createdNodes(actions) == ["w1"])
        let nodeAffinity = pod.spec.affinity?.nodeAffinity
        #expect(nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms.count == 1)
        #expect(nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms.first?.matchExpressions
            == nil)
        #expect(nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution == preferred)
    }

    @Test func templateTolerations_mergedWithoutDuplicates_hostNetworkAddsNetworkUnavailable() throws {
        let own = [
            Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute",
                       tolerationSeconds: 30),
            Toleration(key: "dedicated", operator: "Equal", value: "logs", effect: "NoSchedule"),
        ]
        let ds = makeDaemonSet(tolerations: own) { $0.spec.template.spec.hostNetwork = true }
        let pod = try #require(createdPods(sync(ds, nodes: [makeNode("n1")])).first)
        let tolerations = pod.spec.tolerations ?? []
        #expect(tolerations.count == 8)
        #expect(tolerations[0] == Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists",
                                             effect: "NoExecute"))
        #expect(tolerations[1].key == "dedicated")
        #expect(tolerations.last?.key == "node.kubernetes.io/network-unavailable")
    }

    @Test func untoleratedNoSchedule_noNewPod_existingStaysMisscheduled() throws {
        let ds = makeDaemonSet()
        let tainted = makeNode("n2", taints: [Taint(key: "dedicated", value: "db", effect: "NoSchedule")])
        let fresh = sync(ds, nodes: [makeNode("n1"), tainted])
        #expect(createdNodes(fresh) == ["n1"])

        let pods = [makePod("a", on: "n1", of: ds), makePod("b", on: "n2", of: ds)]
        let actions = sync(ds, nodes: [makeNode("n1"), tainted], pods: pods)
        #expect(deletedPods(actions).isEmpty)
        #expect(createdPods(actions).isEmpty)
        let status = try #require(statusUpdate(actions))
        #expect(status.desiredNumberScheduled == 1)
        #expect(status.numberMisscheduled == 1)
        #expect(status.currentNumberScheduled == 1)
    }

    @Test func toleratedTaint_andPreferNoSchedule_doNotBlock() {
        let ds = makeDaemonSet(tolerations: [Toleration(key: "dedicated", operator: "Exists")])
        let nodes = [
            makeNode("n1", taints: [Taint(key: "dedicated", value: "db", effect: "NoSchedule")]),
            makeNode("n2", taints: [Taint(key: "soft", effect: "PreferNoSchedule")]),
            makeNode("n3", unschedulable: true).with(taint: Taint(key: "node.kubernetes.io/unschedulable",
                                                                   effect: "NoSchedule")),
        ]
        #expect(createdNodes(sync(ds, nodes: nodes)) == ["n1", "n2", "n3"])
    }

    @Test func untoleratedNoExecute_deletesThePod() {
        let ds = makeDaemonSet()
        let node = makeNode("n1", taints: [Taint(key: "evict", effect: "NoExecute")])
        let actions = sync(ds, nodes: [node], pods: [makePod("a", on: "n1", of: ds)])
        #expect(deletedPods(actions) == ["a"])
        #expect(createdPods(actions).isEmpty)
        #expect(statusUpdate(actions)?.numberMisscheduled == 1)
    }

    @Test func notReadyAndUnreachableNoExecute_tolerated_butUnreachableNoSchedule_dropsDesired() throws {
        let ds = makeDaemonSet()
        let noExecute = makeNode("n1", taints: [
            Taint(key: "node.kubernetes.io/not-ready", effect: "NoExecute"),
            Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute"),
        ])
        let first = sync(ds, nodes: [noExecute], pods: [makePod("a", on: "n1", of: ds)])
        #expect(deletedPods(first).isEmpty)
        #expect(statusUpdate(first)?.desiredNumberScheduled == 1)

        let lost = makeNode("n1", taints: [
            Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute"),
            Taint(key: "node.kubernetes.io/unreachable", effect: "NoSchedule"),
        ], ready: false)
        let stays = sync(ds, nodes: [lost], pods: [makePod("a", on: "n1", of: ds, readyFor: nil)])
        #expect(deletedPods(stays).isEmpty)
        let status = try #require(statusUpdate(stays))
        #expect(status.desiredNumberScheduled == 0)
        #expect(status.numberMisscheduled == 1)
        // ...and no replacement once it is gone.
        #expect(createdPods(sync(ds, nodes: [lost])).isEmpty)
    }

    @Test func templateToleratingEverything_ignoresNodeProblemTaints() {
        let ds = makeDaemonSet(tolerations: [Toleration(operator: "Exists")])
        let node = makeNode("n1", taints: [Taint(key: "node.kubernetes.io/not-ready", effect: "NoSchedule")])
        #expect(createdNodes(sync(ds, nodes: [node])) == ["n1"])
    }

    @Test func nodeSelector_relabelRemovesPod_matchingNodeGetsOne() {
        let ds = makeDaemonSet(nodeSelector: ["logs": "yes"])
        let nodes = [makeNode("n1", labels: ["logs": "yes"]), makeNode("n2", labels: ["logs": "no"])]
        let pods = [makePod("a", on: "n2", of: ds)]
        let actions = sync(ds, nodes: nodes, pods: pods)
        #expect(createdNodes(actions) == ["n1"])
        #expect(deletedPods(actions) == ["a"])
    }

    @Test func templateNodeName_restrictsToThatNode() {
        let ds = makeDaemonSet { $0.spec.template.spec.nodeName = "n2" }
        #expect(createdNodes(sync(ds, nodes: threeNodes.map { makeNode($0) })) == ["n2"])
    }

    @Test func failedPod_deletedWithEvent_thenBackoffHoldsTheNextOne() {
        let ds = makeDaemonSet()
        var backoff = FailedPodBackoff()
        let failed = makePod("a", on: "n1", of: ds, phase: "Failed", readyFor: nil)
        let first = sync(ds, nodes: [makeNode("n1")], pods: [failed], backoff: &backoff)
        #expect(deletedPods(first) == ["a"])
        #expect(events(first) == [
            "Warning FailedDaemonPod Found failed daemon pod default/a on node n1, will try to kill it"])
        #expect(createdPods(first).isEmpty, "the replacement comes in a later sync")

        let again = makePod("b", on: "n1", of: ds, phase: "Failed", readyFor: nil)
        let held = sync(ds, nodes: [makeNode("n1")], pods: [again], at: now.addingTimeInterval(0.5), backoff: &backoff)
        #expect(deletedPods(held).isEmpty)
        #expect(events(held).isEmpty)
        #expect(requeues(held) == [.seconds(1)])

        let later = sync(ds, nodes: [makeNode("n1")], pods: [again], at: now.addingTimeInterval(1.5), backoff: &backoff)
        #expect(deletedPods(later) == ["b"])
        let key = FailedPodBackoff.key(daemonSetUID: "ds-uid", observedGeneration: 1, node: "n1")
        #expect(backoff.delay(for: key) == .seconds(2))
    }

    @Test func succeededPod_deletedWithNormalEvent_noBackoff() {
        let ds = makeDaemonSet()
        var backoff = FailedPodBackoff()
        let done = makePod("a", on: "n1", of: ds, phase: "Succeeded", readyFor: nil)
        let actions = sync(ds, nodes: [makeNode("n1")], pods: [done], backoff: &backoff)
        #expect(deletedPods(actions) == ["a"])
        #expect(events(actions) == [
            "Normal SucceededDaemonPod Found succeeded daemon pod default/a on node n1, will try to delete it"])
        #expect(backoff.entries.isEmpty)
    }

    @Test func twoPodsOnANode_newestDeleted_scheduledCountsAsOlder() {
        let ds = makeDaemonSet()
        let pods = [
            makePod("young", on: "n1", of: ds, age: 10),
            makePod("old", on: "n1", of: ds, age: 1000),
            makePod("unbound", on: "n1", of: ds, age: 5000, scheduled: false),
        ]
        let actions = sync(ds, nodes: [makeNode("n1")], pods: pods)
        #expect(deletedPods(actions) == ["young", "unbound"])
    }

    @Test func terminatingPod_blocksReplacement_andIsNotDeletedAgain() throws {
        let ds = makeDaemonSet()
        let pods = [makePod("a", on: "n1", of: ds, deleting: true)]
        let actions = sync(ds, nodes: [makeNode("n1")], pods: pods)
        #expect(createdPods(actions).isEmpty)
        #expect(deletedPods(actions).isEmpty)
        #expect(try #require(statusUpdate(actions)).currentNumberScheduled == 1)
    }

    @Test func terminalPodBeingDeleted_isIgnored_soTheNodeGetsAPod() {
        let ds = makeDaemonSet()
        let pods = [makePod("a", on: "n1", of: ds, phase: "Failed", readyFor: nil, deleting: true)]
        #expect(createdNodes(sync(ds, nodes: [makeNode("n1")], pods: pods)) == ["n1"])
    }

    @Test func vanishedNode_unscheduledPodDeleted_scheduledLeftToPodGC() {
        let ds = makeDaemonSet()
        let pods = [
            makePod("pending", on: "gone", of: ds, scheduled: false),
            makePod("bound", on: "gone2", of: ds),
        ]
        #expect(deletedPods(sync(ds, nodes: [makeNode("n1")], pods: pods)) == ["pending"])
    }

    @Test func orphan_isAdopted_andCounted() throws {
        let ds = makeDaemonSet()
        let orphan = makePod("orphan", on: "n1", of: ds, owned: false)
        let actions = sync(ds, nodes: [makeNode("n1"), makeNode("n2")], pods: [orphan])
        let adopted = try #require(updatedPods(actions).first)
        #expect(adopted.name == "orphan")
        #expect(adopted.metadata.ownerReferences == [ownerRef(ds)])
        #expect(createdNodes(actions) == ["n2"])
    }

    @Test func orphanBeingDeleted_andOthersPods_areNotClaimed() {
        let ds = makeDaemonSet()
        var foreign = makePod("foreign", on: "n2", of: ds, owned: false)
        foreign.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: "other",
                                                           uid: "other-uid", controller: true)]
        let dying = makePod("dying", on: "n1", of: ds, deleting: true, owned: false)
        let actions = sync(ds, nodes: [makeNode("n1"), makeNode("n2")], pods: [dying, foreign])
        #expect(updatedPods(actions).isEmpty)
        #expect(createdNodes(actions) == ["n1", "n2"])
    }

    @Test func ownedPodNoLongerMatching_isReleased_andReplaced() throws {
        let ds = makeDaemonSet()
        var pod = makePod("a", on: "n1", of: ds)
        pod.metadata.labels?["app"] = "debugging"
        let actions = sync(ds, nodes: [makeNode("n1")], pods: [pod])
        let released = try #require(updatedPods(actions).first)
        #expect(released.metadata.ownerReferences == nil)
        #expect(released.labels["app"] == "debugging")
        #expect(createdNodes(actions) == ["n1"])
    }

    @Test func daemonSetBeingDeleted_doesNothing() {
        let ds = makeDaemonSet { $0.metadata.deletionTimestamp = "2027-01-15T08:00:00Z" }
        let orphan = makePod("orphan", on: "n1", of: ds, owned: false)
        #expect(sync(ds, nodes: [makeNode("n1"), makeNode("n2")], pods: [orphan], revisions: []).isEmpty)
    }

    @Test func emptySelector_warnsSelectingAll_andStops() {
        let ds = makeDaemonSet { $0.spec.selector = LabelSelector() }
        #expect(sync(ds, nodes: [makeNode("n1")]) == [
            .event(type: "Warning", reason: "SelectingAll",
                   message: "This daemon set is selecting all pods. A non-empty selector is required."),
        ])
    }

    @Test func burstReplicas_capsCreatesAndDeletes() {
        let ds = makeDaemonSet(nodeSelector: ["pick": "yes"])
        let nodes = (1...5).map { makeNode("p\($0)", labels: ["pick": "yes"]) } + (1...4).map { makeNode("q\($0)") }
        let pods = (1...4).map { makePod("q\($0)-pod", on: "q\($0)", of: ds) }
        let actions = sync(ds, nodes: nodes, pods: pods, burst: 2)
        #expect(createdNodes(actions) == ["p1", "p2"])
        #expect(deletedPods(actions) == ["q1-pod", "q2-pod"])
    }

    @Test func staticEntryPoint_usesDefaultBurst() {
        let ds = makeDaemonSet()
        var backoff = FailedPodBackoff()
        let snapshot = DaemonSetSnapshot(daemonSet: ds, nodes: [makeNode("n1")], pods: [],
                                         revisions: [makeRevision(of: ds, number: 1)], now: now)
        #expect(createdNodes(DaemonSetReconciler.reconcile(snapshot, backoff: &backoff)) == ["n1"])
    }
}

extension Node {
    /// This node with one more taint.
    fileprivate func with(taint: Taint) -> Node {
        var node = self
        node.spec.taints = (spec.taints ?? []) + [taint]
        return node
    }
}
