import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct DaemonSetHistoryTests: DaemonSetTestFixtures {
    func createdRevisions(_ actions: [DaemonSetAction]) -> [ControllerRevision] {
        actions.compactMap { if case .createRevision(let revision) = $0 { revision } else { nil } }
    }

    func updatedRevisions(_ actions: [DaemonSetAction]) -> [ControllerRevision] {
        actions.compactMap { if case .updateRevision(let revision) = $0 { revision } else { nil } }
    }

    func deletedRevisions(_ actions: [DaemonSetAction]) -> [String] {
        actions.compactMap { if case .deleteRevision(let name) = $0 { name } else { nil } }
    }

    // MARK: - Hash

    @Test func fnvAndSafeEncoding_matchTheReferenceAlgorithms() {
        #expect(ControllerHash.fnv32a([]) == 2_166_136_261)
        #expect(ControllerHash.fnv32a(Array("a".utf8)) == 0xe40c_292c)
        #expect(ControllerHash.fnv32a(Array("foobar".utf8)) == 0xbf9c_f968)
        #expect(ControllerHash.safeEncode("0123456789") == "456789bcdf")
    }

    /// Upstream `ComputeHash` puts the collision count into an 8-byte slice (`PutUint32`, then 4 zero bytes).
    /// The DaemonSet's own copy once wrote only 4 bytes (`{}` with count 2 hashed to `64874c7875`); the
    /// values here were computed independently (Python) from upstream's byte layout.
    @Test func collisionCount_isWrittenAsUpstreamsEightBytes() {
        #expect(ControllerHash.compute(Array("{}".utf8), collisionCount: nil) == "5859f96865")
        #expect(ControllerHash.compute(Array("{}".utf8), collisionCount: 2) == "68976dd899")
        #expect(DaemonSetRevisionHash.hash(patch: .object([:]), collisionCount: 2) == "68976dd899")
    }

    @Test func canonicalJSON_sortsKeysByBytes_andEscapes() {
        let value: JSONValue = ["b": [1, true, nil], "a": "x\"y\n", "B": 2.5]
        #expect(String(decoding: DaemonSetRevisionHash.canonicalJSON(value), as: UTF8.self)
            == #"{"B":2.5,"a":"x\"y\n","b":[1,true,null]}"#)
    }

    @Test func hash_isStable_changesWithTemplateAndCollisionCount() {
        let ds = makeDaemonSet()
        let patch = DaemonSetHistory.patch(for: ds.spec.template)
        let hash = DaemonSetRevisionHash.hash(patch: patch, collisionCount: nil)
        #expect(hash == DaemonSetRevisionHash.hash(patch: DaemonSetHistory.patch(for: makeDaemonSet().spec.template),
                                                   collisionCount: nil))
        #expect((7...10).contains(hash.count))
        #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        #expect(hash != self.hash(of: makeDaemonSet(image: "busybox:1.37")))
        #expect(hash != DaemonSetRevisionHash.hash(patch: patch, collisionCount: 1))
    }

    @Test func patch_replacesTheWholeTemplate() {
        let ds = makeDaemonSet()
        let patch = DaemonSetHistory.patch(for: ds.spec.template)
        #expect(patch[path: ["spec", "template", "$patch"]] == "replace")
        #expect(patch[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.count == 1)
        #expect(patch.objectValue?.keys.sorted() == ["spec"])
    }

    // MARK: - Construction

    @Test func firstSync_createsRevisionOne() throws {
        var ds = makeDaemonSet()
        ds.metadata.annotations?["kubernetes.io/change-cause"] = "initial"
        let actions = sync(ds, nodes: [makeNode("n1")], revisions: [])
        let revision = try #require(createdRevisions(actions).first)
        let hash = hash(of: ds)
        #expect(revision.name == "ds-\(hash)")
        #expect(revision.metadata.namespace == "default")
        #expect(revision.revision == 1)
        #expect(revision.labels == ["app": "ds", "controller-revision-hash": hash])
        #expect(revision.metadata.annotations?["kubernetes.io/change-cause"] == "initial")
        #expect(revision.metadata.ownerReferences == [ownerRef(ds)])
        #expect(revision.data == DaemonSetHistory.patch(for: ds.spec.template))
        #expect(createdPods(actions).first?.labels["controller-revision-hash"] == hash)
        // Once it exists, nothing more is written for it.
        #expect(createdRevisions(sync(ds, nodes: [makeNode("n1")], revisions: [revision])).isEmpty)
    }

    @Test func templateChange_createsRevisionTwo() throws {
        let v1 = makeDaemonSet()
        let v2 = makeDaemonSet(image: "busybox:1.37", generation: 2)
        let actions = sync(v2, nodes: [makeNode("n1")], revisions: [makeRevision(of: v1, number: 1)])
        let revision = try #require(createdRevisions(actions).first)
        #expect(revision.revision == 2)
        #expect(revision.name == "ds-\(hash(of: v2))")
        #expect(hash(of: v1) != hash(of: v2))
        #expect(updatedRevisions(actions).isEmpty)
    }

    @Test func rollback_renumbersTheOldRevision() throws {
        let v1 = makeDaemonSet()
        let v2 = makeDaemonSet(image: "busybox:1.37", generation: 2)
        let back = makeDaemonSet(generation: 3)
        let revisions = [makeRevision(of: v1, number: 1), makeRevision(of: v2, number: 2)]
        let actions = sync(back, nodes: [makeNode("n1")], revisions: revisions)
        #expect(createdRevisions(actions).isEmpty)
        let renumbered = try #require(updatedRevisions(actions).first)
        #expect(renumbered.name == "ds-\(hash(of: v1))")
        #expect(renumbered.revision == 3)
        #expect(deletedRevisions(actions).isEmpty)
    }

    @Test func cleanup_keepsTheLimit_neverARevisionALivePodUses() {
        let versions = (1...5).map { makeDaemonSet(image: "busybox:1.\($0)", generation: Int64($0)) { ds in
            ds.spec.revisionHistoryLimit = 2
        } }
        let revisions = versions.enumerated().map { makeRevision(of: $1, number: Int64($0 + 1)) }
        let current = versions[4]
        let pods = [makePod("a", on: "n1", of: current, hash: hash(of: versions[1]))]
        let actions = sync(current, nodes: [makeNode("n1")], pods: pods, revisions: revisions)
        // Old: 1, 2 (live), 3, 4 → two must go, oldest first, skipping 2.
        #expect(deletedRevisions(actions) == ["ds-\(hash(of: versions[0]))", "ds-\(hash(of: versions[2]))"])
    }

    @Test func duplicateCurrentRevisions_keepHighest_relabelPods() throws {
        let ds = makeDaemonSet(generation: 2)
        var low = makeRevision(of: ds, number: 2)
        low.metadata.name = "ds-legacy"
        low.metadata.labels?["controller-revision-hash"] = "legacy"
        let high = makeRevision(of: ds, number: 5)
        let pods = [makePod("a", on: "n1", of: ds, hash: "legacy")]
        let actions = sync(ds, nodes: [makeNode("n1")], pods: pods, revisions: [low, high])
        #expect(deletedRevisions(actions) == ["ds-legacy"])
        let relabelled = try #require(updatedPods(actions).first)
        #expect(relabelled.labels["controller-revision-hash"] == hash(of: ds))
        #expect(statusUpdate(actions)?.updatedNumberScheduled == 1)
    }

    @Test func revisionWithoutHashLabel_getsItsNameAsLabel() throws {
        let ds = makeDaemonSet()
        var revision = makeRevision(of: ds, number: 1)
        revision.metadata.labels = ["app": "ds"]
        let updated = try #require(updatedRevisions(sync(ds, nodes: [], revisions: [revision])).first)
        #expect(updated.labels["controller-revision-hash"] == revision.name)
    }

    @Test func nameCollision_bumpsCollisionCount_andRetries() throws {
        let ds = makeDaemonSet()
        var squatter = makeRevision(of: makeDaemonSet(image: "other"), number: 1)
        squatter.metadata.name = "ds-\(hash(of: ds))"
        squatter.metadata.ownerReferences = nil
        squatter.metadata.labels = ["unrelated": "yes"]
        let actions = sync(ds, nodes: [makeNode("n1")], revisions: [squatter])
        #expect(createdPods(actions).isEmpty)
        #expect(statusUpdate(actions)?.collisionCount == 1)
        #expect(requeues(actions).count == 1)

        var bumped = ds
        bumped.status.collisionCount = 1
        let retry = try #require(createdRevisions(sync(bumped, nodes: [makeNode("n1")], revisions: [squatter])).first)
        #expect(retry.name != squatter.name)
        #expect(statusUpdate(sync(bumped, nodes: [makeNode("n1")], revisions: [squatter]))?.collisionCount == 1)
    }

    @Test func orphanRevision_isAdopted_andUsedAsCurrent() throws {
        let ds = makeDaemonSet()
        var orphan = makeRevision(of: ds, number: 4)
        orphan.metadata.ownerReferences = nil
        let actions = sync(ds, nodes: [makeNode("n1")], revisions: [orphan])
        let adopted = try #require(updatedRevisions(actions).first)
        #expect(adopted.metadata.ownerReferences == [ownerRef(ds)])
        #expect(createdRevisions(actions).isEmpty)
        #expect(updatedRevisions(actions).count == 1)
    }
}
