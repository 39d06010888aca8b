import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// PodDisruptionBudgets: the disruption controller's status computation (``DisruptionBudgetStatus``), the eviction
/// verdict (``APIServer/evictionVerdict(pod:budget:)``) and the budget's validation. Pure.
@Suite struct DisruptionBudgetTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let labels = ["app": "web"]

    static func pod(_ name: String, ready: Bool = true, phase: String = "Running", owner: String? = "rs-1",
                    labels: [String: String] = labels, deleting: Bool = false) -> Pod {
        var meta = ObjectMeta(name: name, namespace: "default", labels: labels)
        meta.uid = "uid-\(name)"
        if let owner {
            meta.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: owner, controller: true)]
        }
        if deleting { meta.deletionTimestamp = "2026-01-01T00:00:00Z" }
        let status = PodStatus(phase: phase, conditions: [PodCondition(type: "Ready", status: ready ? "True" : "False")])
        return Pod(metadata: meta, spec: PodSpec(), status: status)
    }

    static func budget(min: IntOrString? = nil, max: IntOrString? = nil, generation: Int64 = 1) -> PodDisruptionBudget {
        var meta = ObjectMeta(name: "web-pdb", namespace: "default")
        meta.generation = generation
        return PodDisruptionBudget(
            metadata: meta, spec: PodDisruptionBudgetSpec(
                minAvailable: min, maxUnavailable: max, selector: LabelSelector(matchLabels: labels)))
    }

    static func status(_ budget: PodDisruptionBudget, _ pods: [Pod], scale: Int32? = 3) -> PodDisruptionBudgetStatus {
        DisruptionBudgetStatus.compute(budget, pods: pods, scale: { _ in scale }, now: now)
    }

    @Test func minAvailableCountsHealthyPods() {
        let pods = [Self.pod("a"), Self.pod("b"), Self.pod("c", ready: false), Self.pod("d", deleting: true),
                    Self.pod("other", labels: ["app": "db"])]
        let status = Self.status(Self.budget(min: .int(1)), pods)
        #expect(status.currentHealthy == 2)
        #expect(status.desiredHealthy == 1)
        #expect(status.expectedPods == 4)
        #expect(status.disruptionsAllowed == 1)
        #expect(status.observedGeneration == 1)
        let condition = status.conditions?.first
        #expect(condition?["type"] == "DisruptionAllowed" && condition?["status"] == "True")
        #expect(condition?["reason"] == "SufficientPods")
    }

    @Test func maxUnavailableAndPercentagesReadTheControllersScale() {
        let pods = [Self.pod("a"), Self.pod("b"), Self.pod("c")]
        let byMax = Self.status(Self.budget(max: .int(1)), pods, scale: 3)
        #expect(byMax.expectedPods == 3 && byMax.desiredHealthy == 2 && byMax.disruptionsAllowed == 1)
        // 50% of 3, rounded up: 2 wanted healthy.
        let byPercent = Self.status(Self.budget(min: .string("50%")), pods, scale: 3)
        #expect(byPercent.desiredHealthy == 2 && byPercent.disruptionsAllowed == 1)
        // A pod without a scalable controller: fail safe, no disruption.
        let orphan = Self.status(Self.budget(max: .int(1)), pods + [Self.pod("lone", owner: nil)])
        #expect(orphan.disruptionsAllowed == 0)
        let blocked = Self.status(Self.budget(min: .int(3)), pods)
        #expect(blocked.disruptionsAllowed == 0)
        #expect(blocked.conditions?.first?["reason"] == "InsufficientPods")
    }

    @Test func anEvictedPodStopsCountingUntilItGoesOrTwoMinutesPass() {
        var budget = Self.budget(min: .int(1))
        budget.status.disruptedPods = ["a": Timestamp.format(Self.now.addingTimeInterval(-60))]
        let pods = [Self.pod("a"), Self.pod("b")]
        let status = Self.status(budget, pods)
        #expect(status.currentHealthy == 1 && status.disruptionsAllowed == 0)
        #expect(status.disruptedPods == ["a": Timestamp.format(Self.now.addingTimeInterval(-60))])
        budget.status.disruptedPods = ["a": Timestamp.format(Self.now.addingTimeInterval(-121))]
        let later = Self.status(budget, pods)
        #expect(later.currentHealthy == 2 && later.disruptedPods == nil)
    }

    @Test func theConditionKeepsItsTransitionTimeWhileUnchanged() {
        let first = DisruptionBudgetStatus.condition(allowed: true, generation: 1, previous: nil, now: Self.now)
        let same = DisruptionBudgetStatus.condition(
            allowed: true, generation: 1, previous: [first], now: Self.now.addingTimeInterval(60))
        #expect(same["lastTransitionTime"] == first["lastTransitionTime"])
        let flipped = DisruptionBudgetStatus.condition(
            allowed: false, generation: 1, previous: [first], now: Self.now.addingTimeInterval(60))
        #expect(flipped["lastTransitionTime"] == .string(Timestamp.format(Self.now.addingTimeInterval(60))))
    }

    @Test func evictionsSpendABudget_orAreTooManyRequests() throws {
        var budget = Self.budget(min: .int(2))
        budget.status = Self.status(budget, [Self.pod("a"), Self.pod("b"), Self.pod("c")])
        #expect(try APIServer.evictionVerdict(pod: Self.pod("a"), budget: budget) == .spend)
        budget.status.disruptionsAllowed = 0
        #expect(throws: APIServer.tooManyRequests("The disruption budget web-pdb needs 2 healthy pods and has 3 currently")) {
            try APIServer.evictionVerdict(pod: Self.pod("a"), budget: budget)
        }
        // An unready pod goes without spending while the budget is met.
        #expect(try APIServer.evictionVerdict(pod: Self.pod("x", ready: false), budget: budget) == .deleteWithoutSpending)
        var stale = budget
        stale.metadata.generation = 2
        #expect(throws: APIServer.tooManyRequests("The disruption budget web-pdb is still being processed by the server.")) {
            try APIServer.evictionVerdict(pod: Self.pod("a"), budget: stale)
        }
        #expect(APIServer.evictionIgnoresBudgets(Self.pod("p", phase: "Pending")))
        #expect(APIServer.evictionIgnoresBudgets(Self.pod("d", deleting: true)))
        #expect(!APIServer.evictionIgnoresBudgets(Self.pod("a")))
        let refusal = APIServer.tooManyRequests("x")
        #expect(refusal.code == 429 && refusal.reason == .tooManyRequests)
        #expect(refusal.message == "Cannot evict pod as it would violate the pod's disruption budget.")
    }

    @Test func validation() {
        #expect(Self.budget(min: .int(1)).validateCreate().isEmpty)
        let both = ValidationFixtures.lines(Self.budget(min: .int(1), max: .int(1)).validateCreate())
        #expect(both.count == 1 && both[0].hasSuffix("minAvailable and maxUnavailable cannot be both set"))
        #expect(ValidationFixtures.lines(Self.budget(min: .string("150%")).validateCreate())
            == [#"spec.minAvailable: Invalid value: "150%": must not be greater than 100%"#])
        #expect(ValidationFixtures.lines(Self.budget(max: .int(-1)).validateCreate())
            == ["spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"])
    }
}
