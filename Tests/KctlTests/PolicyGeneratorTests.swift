import KubeAPI
import Testing

@testable import kctl

/// What `kctl create poddisruptionbudget|priorityclass` build, and kubectl's refusals. Pure.
@Suite struct PolicyGeneratorTests {
    @Test func aBudgetWithEqualityAndSetSelectors() throws {
        let budget = try PolicyGenerator.podDisruptionBudget(
            name: "web", namespace: "prod", selector: "app=web,tier in (front,edge),!canary", minAvailable: "50%",
            maxUnavailable: nil)
        #expect(budget[path: ["spec", "minAvailable"]] == "50%")
        #expect(budget[path: ["spec", "selector", "matchLabels"]] == ["app": "web"])
        #expect(budget[path: ["spec", "selector", "matchExpressions"]] == [
            ["key": "canary", "operator": "DoesNotExist"],
            ["key": "tier", "operator": "In", "values": ["edge", "front"]],
        ])
        #expect(budget[path: ["metadata", "namespace"]] == "prod")
        let byCount = try PolicyGenerator.podDisruptionBudget(
            name: "web", namespace: nil, selector: "app=web", minAvailable: nil, maxUnavailable: "1")
        #expect(byCount[path: ["spec", "maxUnavailable"]] == 1)
    }

    @Test func refusals() {
        #expect(throws: PolicyGenerator.Refusal(description: "error: one of min-available or max-unavailable must be specified")) {
            try PolicyGenerator.podDisruptionBudget(name: "w", namespace: nil, selector: "a=b", minAvailable: nil, maxUnavailable: nil)
        }
        #expect(throws: PolicyGenerator.Refusal(description: "error: min-available and max-unavailable cannot be both specified")) {
            try PolicyGenerator.podDisruptionBudget(name: "w", namespace: nil, selector: "a=b", minAvailable: "1", maxUnavailable: "1")
        }
        #expect(throws: PolicyGenerator.Refusal(description: "error: a selector must be specified")) {
            try PolicyGenerator.podDisruptionBudget(name: "w", namespace: nil, selector: nil, minAvailable: "1", maxUnavailable: nil)
        }
    }

    @Test func aPriorityClass() {
        let priorityClass = PolicyGenerator.priorityClass(
            name: "high", value: 1000, globalDefault: false, description: "", preemptionPolicy: "PreemptLowerPriority")
        #expect(priorityClass["value"] == 1000 && priorityClass["globalDefault"] == false)
        #expect(priorityClass["preemptionPolicy"] == "PreemptLowerPriority" && priorityClass["apiVersion"] == "scheduling.k8s.io/v1")
    }
}
