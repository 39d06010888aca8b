import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Objects for the Deployment controller tests, and a tiny cluster that applies actions.
private enum DeployFixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let labels = ["app": "web"]

    static func stamp(_ secondsAgo: Int) -> String {
        Timestamp.format(now.addingTimeInterval(-TimeInterval(secondsAgo)))
    }

    /// A defaulted template, as the API server stores it.
    static func template(image: String) -> PodTemplateSpec {
        var template = PodTemplateSpec(metadata: ObjectMeta(labels: labels),
                                       spec: PodSpec(containers: [Container(name: "web", image: image)]))
        template.applyDefaults()
        return template
    }

    static func deployment(
        replicas: Int32 = 3, image: String = "nginx:1", surge: IntOrString = .string("25%"),
        unavailable: IntOrString = .string("25%"), recreate: Bool = false
    ) -> Deployment {
        var d = Deployment(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: DeploymentSpec(replicas: replicas, selector: LabelSelector(matchLabels: labels),
                                 template: template(image: image)))
        d.spec.strategy = recreate
            ? DeploymentStrategy(type: "Recreate")
            : DeploymentStrategy(type: "RollingUpdate",
                                 rollingUpdate: RollingUpdateDeployment(maxUnavailable: unavailable, maxSurge: surge))
        d.applyDefaults()
        d.metadata.uid = "d-uid"
        d.metadata.generation = 1
        return d
    }

    /// A ReplicaSet owned by `d` for `image`, fully running `replicas` pods.
    static func replicaSet(
        _ name: String, of d: Deployment, image: String, replicas: Int32, revision: Int, createdAgo: Int
    ) -> ReplicaSet {
        var template = template(image: image)
        template.metadata.labels?["pod-template-hash"] = name
        var rs = ReplicaSet(
            metadata: ObjectMeta(
                name: name, namespace: "default", labels: template.metadata.labels,
                annotations: ["deployment.kubernetes.io/revision": String(revision),
                              "deployment.kubernetes.io/desired-replicas": String(d.spec.replicas ?? 1),
                              "deployment.kubernetes.io/max-replicas":
                                String((d.spec.replicas ?? 1) + DeploymentRollout.maxSurge(d))],
                ownerReferences: [OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: d.name,
                                                 uid: "d-uid", controller: true, blockOwnerDeletion: true)]),
            spec: ReplicaSetSpec(replicas: replicas,
                                 selector: LabelSelector(matchLabels: template.metadata.labels),
                                 template: template))
        rs.metadata.uid = "uid-\(name)"
        rs.metadata.creationTimestamp = stamp(createdAgo)
        rs.metadata.generation = 1
        runAll(&rs)
        return rs
    }

    /// What the ReplicaSet controller and kubelets would report once every pod runs and is available.
    static func runAll(_ rs: inout ReplicaSet) {
        let replicas = rs.spec.replicas ?? 1
        rs.status.replicas = replicas
        rs.status.readyReplicas = replicas
        rs.status.availableReplicas = replicas
        rs.status.observedGeneration = rs.metadata.generation
    }

    static func events(_ actions: [DeploymentAction]) -> [String] {
        actions.compactMap { if case .event(_, let reason, let message) = $0 { "\(reason): \(message)" } else { nil } }
    }

    static func created(_ actions: [DeploymentAction]) -> [ReplicaSet] {
        actions.compactMap { if case .createReplicaSet(let rs) = $0 { rs } else { nil } }
    }

    static func updated(_ actions: [DeploymentAction]) -> [ReplicaSet] {
        actions.compactMap { if case .updateReplicaSet(let rs) = $0 { rs } else { nil } }
    }

    static func status(_ actions: [DeploymentAction]) -> DeploymentStatus? {
        actions.compactMap { if case .updateStatus(let status) = $0 { status } else { nil } }.first
    }

    static func condition(_ status: DeploymentStatus?, _ type: String) -> DeploymentCondition? {
        status?.conditions?.first { $0.type == type }
    }

    /// Applies `actions` to `d` and `sets`; `settle` then lets the ReplicaSet controller catch up.
    static func apply(_ actions: [DeploymentAction], to d: inout Deployment, _ sets: inout [ReplicaSet],
                      settle: Bool = true) {
        for action in actions {
            switch action {
            case .createReplicaSet(var rs):
                rs.metadata.uid = "uid-\(rs.name)"
                rs.metadata.creationTimestamp = stamp(0)
                rs.metadata.generation = 1
                sets.append(rs)
            case .updateReplicaSet(let rs):
                if let index = sets.firstIndex(where: { $0.name == rs.name }) { sets[index] = rs }
            case .deleteReplicaSet(let name):
                sets.removeAll { $0.name == name }
            case .updateAnnotations(let annotations):
                d.metadata.annotations = annotations
            case .updateStatus(let status):
                d.status = status
            case .event, .requeue:
                break
            }
        }
        if settle {
            for index in sets.indices { runAll(&sets[index]) }
        }
    }
}

@Suite struct DeploymentReconcilerTests {
    @Test func firstSync_createsReplicaSetWithHashRevisionAndEvent() throws {
        let d = DeployFixture.deployment(replicas: 1)
        let actions = DeploymentReconciler.reconcile(d, replicaSets: [], pods: [], now: DeployFixture.now)
        let hash = PodTemplateHash.compute(d.spec.template, collisionCount: nil)
        let rs = try #require(DeployFixture.created(actions).first)
        #expect(rs.name == "web-\(hash)")
        #expect(rs.labels == ["app": "web", "pod-template-hash": hash])
        #expect(rs.spec.selector?.matchLabels == ["app": "web", "pod-template-hash": hash])
        #expect(rs.spec.template.metadata.labels == ["app": "web", "pod-template-hash": hash])
        #expect(rs.spec.replicas == 1)
        #expect(rs.metadata.annotations == ["deployment.kubernetes.io/revision": "1",
                                            "deployment.kubernetes.io/desired-replicas": "1",
                                            "deployment.kubernetes.io/max-replicas": "2"])
        #expect(rs.metadata.ownerReferences?.first?.uid == "d-uid")
        #expect(rs.metadata.ownerReferences?.first?.controller == true)
        #expect(DeployFixture.events(actions) == ["ScalingReplicaSet: Scaled up replica set web-\(hash) from 0 to 1"])
        #expect(actions.contains(.updateAnnotations(["deployment.kubernetes.io/revision": "1"])))
        let status = DeployFixture.status(actions)
        #expect(status?.observedGeneration == 1)
        #expect(status?.unavailableReplicas == 1)
        let progressing = DeployFixture.condition(status, "Progressing")
        #expect(progressing?.reason == "NewReplicaSetCreated")
        #expect(progressing?.message == "Created new replica set \"web-\(hash)\"")
        let available = DeployFixture.condition(status, "Available")
        #expect(available?.status == "False")
        #expect(available?.reason == "MinimumReplicasUnavailable")
        #expect(available?.message == "Deployment does not have minimum availability.")
    }

    @Test func rolledOut_reportsCompleteConditionsThenSettles() throws {
        var d = DeployFixture.deployment(replicas: 3)
        var sets: [ReplicaSet] = []
        for _ in 0..<3 {
            let actions = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [], now: DeployFixture.now)
            DeployFixture.apply(actions, to: &d, &sets)
        }
        #expect(d.status.replicas == 3 && d.status.updatedReplicas == 3 && d.status.availableReplicas == 3)
        #expect(d.status.readyReplicas == 3 && d.status.unavailableReplicas == nil)
        let available = DeployFixture.condition(d.status, "Available")
        #expect(available?.reason == "MinimumReplicasAvailable")
        #expect(available?.message == "Deployment has minimum availability.")
        let progressing = DeployFixture.condition(d.status, "Progressing")
        #expect(progressing?.reason == "NewReplicaSetAvailable")
        #expect(progressing?.message == "ReplicaSet \"\(sets[0].name)\" has successfully progressed.")
        #expect(DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [], now: DeployFixture.now).isEmpty)
    }

    @Test func templateChange_rollsWithinSurgeAndUnavailable() throws {
        var d = DeployFixture.deployment(replicas: 4, surge: .int(1), unavailable: .int(0))
        var sets = [DeployFixture.replicaSet("web-old", of: d, image: "nginx:1", replicas: 4, revision: 1,
                                             createdAgo: 500)]
        d.spec.template = DeployFixture.template(image: "nginx:2")
        d.metadata.generation = 2

        let first = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [], now: DeployFixture.now)
        let newRS = try #require(DeployFixture.created(first).first)
        #expect(newRS.spec.replicas == 1)
        #expect(newRS.metadata.annotations?["deployment.kubernetes.io/revision"] == "2")
        #expect(DeployFixture.events(first) == ["ScalingReplicaSet: Scaled up replica set \(newRS.name) from 0 to 1"])
        #expect(first.contains(.updateAnnotations(["deployment.kubernetes.io/revision": "2"])))
        DeployFixture.apply(first, to: &d, &sets)

        let second = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [], now: DeployFixture.now)
        #expect(DeployFixture.events(second) == ["ScalingReplicaSet: Scaled down replica set web-old from 4 to 3"])

        var steps = 1
        var actions = second
        while !actions.isEmpty && steps < 30 {
            DeployFixture.apply(actions, to: &d, &sets)
            let total = sets.reduce(0) { $0 + ($1.spec.replicas ?? 1) }
            #expect(total <= 5 && total >= 4, "step \(steps): \(total) replicas")
            actions = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [], now: DeployFixture.now)
            steps += 1
        }
        #expect(actions.isEmpty)
        #expect(sets.first { $0.name == "web-old" }?.spec.replicas == 0)
        #expect(sets.first { $0.name == newRS.name }?.spec.replicas == 4)
        #expect(DeployFixture.condition(d.status, "Progressing")?.reason == "NewReplicaSetAvailable")
    }

    @Test func surgeZero_firstScalesOldDownWithinMaxUnavailable() throws {
        var d = DeployFixture.deployment(replicas: 4, surge: .int(0), unavailable: .int(1))
        let sets = [DeployFixture.replicaSet("web-old", of: d, image: "nginx:1", replicas: 4, revision: 1,
                                             createdAgo: 500)]
        d.spec.template = DeployFixture.template(image: "nginx:2")
        let actions = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [], now: DeployFixture.now)
        let newRS = try #require(DeployFixture.created(actions).first)
        #expect(newRS.spec.replicas == 0)
        #expect(DeployFixture.updated(actions).map { "\($0.name)=\($0.spec.replicas ?? -1)" } == ["web-old=3"])
        #expect(DeployFixture.events(actions) == ["ScalingReplicaSet: Scaled down replica set web-old from 4 to 3"])
    }

    @Test func fenceposts_roundSurgeUpUnavailableDown() {
        let d = DeployFixture.deployment(replicas: 10)
        #expect(DeploymentRollout.fenceposts(d) == (surge: 3, unavailable: 2))
        let zero = DeployFixture.deployment(replicas: 3, surge: .int(0), unavailable: .string("25%"))
        #expect(DeploymentRollout.fenceposts(zero) == (surge: 0, unavailable: 1))
        #expect(DeploymentRollout.maxSurge(DeployFixture.deployment(recreate: true)) == 0)
        #expect(DeploymentRollout.maxUnavailable(DeployFixture.deployment(replicas: 2, unavailable: .int(5))) == 2)
    }

    @Test func recreate_scalesOldToZeroWaitsForPodsThenCreates() throws {
        var d = DeployFixture.deployment(replicas: 3, recreate: true)
        var sets = [DeployFixture.replicaSet("web-old", of: d, image: "nginx:1", replicas: 3, revision: 1,
                                             createdAgo: 500)]
        d.spec.template = DeployFixture.template(image: "nginx:2")

        let first = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [], now: DeployFixture.now)
        #expect(DeployFixture.created(first).isEmpty)
        #expect(DeployFixture.events(first) == ["ScalingReplicaSet: Scaled down replica set web-old from 3 to 0"])
        DeployFixture.apply(first, to: &d, &sets, settle: false)

        // The old ReplicaSet still reports pods, and one of its pods still runs.
        var oldPod = Pod(metadata: ObjectMeta(name: "web-old-x", namespace: "default", labels: ["app": "web"],
                                              ownerReferences: [OwnerReference(apiVersion: "apps/v1",
                                                kind: "ReplicaSet", name: "web-old", uid: "uid-web-old",
                                                controller: true)]))
        oldPod.status.phase = "Running"
        let waiting = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [oldPod], now: DeployFixture.now)
        #expect(DeployFixture.created(waiting).isEmpty)
        DeployFixture.runAll(&sets[0])
        let stillRunning = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [oldPod], now: DeployFixture.now)
        #expect(DeployFixture.created(stillRunning).isEmpty)

        oldPod.status.phase = "Succeeded"
        let last = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [oldPod], now: DeployFixture.now)
        let newRS = try #require(DeployFixture.created(last).first)
        #expect(newRS.spec.replicas == 3)
        #expect(DeployFixture.events(last) == ["ScalingReplicaSet: Scaled up replica set \(newRS.name) from 0 to 3"])
    }

    @Test func scale_singleActiveReplicaSetTakesAllReplicas() throws {
        var d = DeployFixture.deployment(replicas: 3)
        let current = DeployFixture.replicaSet("web-cur", of: d, image: "nginx:1", replicas: 3, revision: 1,
                                               createdAgo: 500)
        d.spec.replicas = 5
        let actions = DeploymentReconciler.reconcile(d, replicaSets: [current], pods: [], now: DeployFixture.now)
        let scaled = try #require(DeployFixture.updated(actions).first)
        #expect(scaled.spec.replicas == 5)
        #expect(scaled.metadata.annotations?["deployment.kubernetes.io/desired-replicas"] == "5")
        #expect(scaled.metadata.annotations?["deployment.kubernetes.io/max-replicas"] == "7")
        #expect(DeployFixture.events(actions) == ["ScalingReplicaSet: Scaled up replica set web-cur from 3 to 5"])
    }

    @Test func scale_midRolloutIsProportional() {
        var d = DeployFixture.deployment(replicas: 3, surge: .int(1), unavailable: .int(0))
        let old = DeployFixture.replicaSet("web-old", of: d, image: "nginx:1", replicas: 2, revision: 1, createdAgo: 500)
        d.spec.template = DeployFixture.template(image: "nginx:2")
        let new = DeployFixture.replicaSet("web-new", of: d, image: "nginx:2", replicas: 2, revision: 2, createdAgo: 50)
        d.spec.replicas = 6
        let actions = DeploymentReconciler.reconcile(d, replicaSets: [old, new], pods: [], now: DeployFixture.now)
        #expect(DeployFixture.events(actions) == [
            "ScalingReplicaSet: Scaled up replica set web-new from 2 to 4",
            "ScalingReplicaSet: Scaled up replica set web-old from 2 to 3",
        ])
    }

    @Test func paused_doesNotRollButReportsPaused() {
        var d = DeployFixture.deployment(replicas: 2)
        let current = DeployFixture.replicaSet("web-cur", of: d, image: "nginx:1", replicas: 2, revision: 1,
                                               createdAgo: 500)
        d.spec.template = DeployFixture.template(image: "nginx:2")
        d.spec.paused = true
        let actions = DeploymentReconciler.reconcile(d, replicaSets: [current], pods: [], now: DeployFixture.now)
        #expect(DeployFixture.created(actions).isEmpty)
        #expect(DeployFixture.updated(actions).isEmpty)
        let progressing = DeployFixture.condition(DeployFixture.status(actions), "Progressing")
        #expect(progressing?.status == "Unknown")
        #expect(progressing?.reason == "DeploymentPaused")
        #expect(progressing?.message == "Deployment is paused")
    }

    @Test func completeRollout_deletesHistoryBeyondLimit() {
        var d = DeployFixture.deployment(replicas: 2)
        d.spec.revisionHistoryLimit = 1
        let sets = [
            DeployFixture.replicaSet("web-r1", of: d, image: "nginx:0", replicas: 0, revision: 1, createdAgo: 400),
            DeployFixture.replicaSet("web-r3", of: d, image: "nginx:3", replicas: 0, revision: 3, createdAgo: 200),
            DeployFixture.replicaSet("web-r2", of: d, image: "nginx:9", replicas: 0, revision: 2, createdAgo: 300),
            DeployFixture.replicaSet("web-r4", of: d, image: "nginx:1", replicas: 2, revision: 4, createdAgo: 100),
        ]
        d.spec.template = DeployFixture.template(image: "nginx:1")
        d.status.replicas = 2
        d.status.updatedReplicas = 2
        d.status.availableReplicas = 2
        d.status.observedGeneration = 1
        let actions = DeploymentReconciler.reconcile(d, replicaSets: sets, pods: [], now: DeployFixture.now)
        let deleted = actions.compactMap { if case .deleteReplicaSet(let name) = $0 { name } else { nil } }
        #expect(deleted == ["web-r1", "web-r2"])
    }

    @Test func orphanReplicaSet_isAdoptedAndAnnotatedInOneUpdate() throws {
        let d = DeployFixture.deployment(replicas: 2)
        var orphan = DeployFixture.replicaSet("web-abc", of: d, image: "nginx:1", replicas: 2, revision: 1,
                                              createdAgo: 100)
        orphan.metadata.ownerReferences = nil
        orphan.metadata.annotations = nil
        let actions = DeploymentReconciler.reconcile(d, replicaSets: [orphan], pods: [], now: DeployFixture.now)
        let updates = DeployFixture.updated(actions)
        #expect(updates.count == 1)
        let adopted = try #require(updates.first)
        #expect(adopted.metadata.controllerRef?.uid == "d-uid")
        #expect(adopted.metadata.annotations?["deployment.kubernetes.io/revision"] == "1")
        #expect(DeployFixture.created(actions).isEmpty)
    }

    @Test func hashCollision_bumpsCollisionCount() {
        let d = DeployFixture.deployment(replicas: 1)
        let hash = PodTemplateHash.compute(d.spec.template, collisionCount: nil)
        var squatter = ReplicaSet(metadata: ObjectMeta(name: "web-\(hash)", namespace: "default",
                                                       labels: ["app": "other"]))
        squatter.metadata.uid = "squatter"
        let actions = DeploymentReconciler.reconcile(d, replicaSets: [squatter], pods: [], now: DeployFixture.now)
        #expect(DeployFixture.created(actions).isEmpty)
        #expect(DeployFixture.status(actions)?.collisionCount == 1)
        #expect(PodTemplateHash.compute(d.spec.template, collisionCount: 1) != hash)
    }

    @Test func emptySelector_warnsSelectingAll() {
        var d = DeployFixture.deployment()
        d.spec.selector = LabelSelector()
        let actions = DeploymentReconciler.reconcile(d, replicaSets: [], pods: [], now: DeployFixture.now)
        #expect(DeployFixture.events(actions)
                == ["SelectingAll: This deployment is selecting all pods. A non-empty selector is required."])
        #expect(DeployFixture.status(actions)?.observedGeneration == 1)
    }

    @Test func stuckRollout_requeuesThenTimesOut() throws {
        var d = DeployFixture.deployment(replicas: 2)
        var rs = DeployFixture.replicaSet("web-cur", of: d, image: "nginx:1", replicas: 2, revision: 1, createdAgo: 900)
        rs.status.availableReplicas = nil
        rs.status.readyReplicas = nil
        d.metadata.annotations = ["deployment.kubernetes.io/revision": "1"]
        var settled = d
        settled.status = DeploymentSync(d, replicaSets: [rs], now: DeployFixture.now)
            .calculateStatus(all: [rs], new: rs)
        let progressing = DeploymentCondition(type: "Progressing", status: "True",
                                              lastUpdateTime: DeployFixture.stamp(100),
                                              lastTransitionTime: DeployFixture.stamp(100),
                                              reason: "ReplicaSetUpdated", message: "ReplicaSet \"web-cur\" is progressing.")
        settled.status.conditions = [progressing] + (settled.status.conditions ?? [])
        let waiting = DeploymentReconciler.reconcile(settled, replicaSets: [rs], pods: [], now: DeployFixture.now)
        #expect(waiting == [.requeue(after: .seconds(501))])

        let later = DeployFixture.now.addingTimeInterval(501)
        let timedOut = DeploymentReconciler.reconcile(settled, replicaSets: [rs], pods: [], now: later)
        let condition = DeployFixture.condition(DeployFixture.status(timedOut), "Progressing")
        #expect(condition?.status == "False")
        #expect(condition?.reason == "ProgressDeadlineExceeded")
        #expect(condition?.message == "ReplicaSet \"web-cur\" has timed out progressing.")
    }
}

@Suite struct PodTemplateHashTests {
    @Test func equalTemplatesHashAlike() {
        let a = DeployFixture.template(image: "nginx:1")
        var b = a
        b.spec.containers[0].env = []
        #expect(PodTemplateHash.compute(a, collisionCount: nil) == PodTemplateHash.compute(b, collisionCount: nil))
        #expect(PodTemplateHash.equalIgnoringHash(a, b))
    }

    @Test func differentTemplatesOrCollisionCountsDiffer() {
        let a = PodTemplateHash.compute(DeployFixture.template(image: "nginx:1"), collisionCount: nil)
        let b = PodTemplateHash.compute(DeployFixture.template(image: "nginx:2"), collisionCount: nil)
        let c = PodTemplateHash.compute(DeployFixture.template(image: "nginx:1"), collisionCount: 0)
        #expect(Set([a, b, c]).count == 3)
        let alphabet = Set("bcdfghjklmnpqrstvwxz2456789")
        #expect(a.allSatisfy(alphabet.contains) && !a.isEmpty && a.count <= 10)
    }

    @Test func hashLabelIsIgnoredWhenComparing() {
        var labelled = DeployFixture.template(image: "nginx:1")
        labelled.metadata.labels?["pod-template-hash"] = "xyz"
        #expect(PodTemplateHash.equalIgnoringHash(labelled, DeployFixture.template(image: "nginx:1")))
        #expect(!PodTemplateHash.equalIgnoringHash(labelled, DeployFixture.template(image: "nginx:2")))
    }

    @Test func primitivesMatchUpstream() {
        #expect(ControllerHash.fnv32a([]) == 0x811c_9dc5)
        #expect(ControllerHash.fnv32a(Array("a".utf8)) == 0xe40c_292c)
        #expect(ControllerHash.safeEncode("0123456789") == "456789bcdf")
    }
}
