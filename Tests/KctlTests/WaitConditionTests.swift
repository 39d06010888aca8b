import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl wait --for=...`: parsing and checking as kubectl 1.32 does.
struct WaitConditionTests {
    func pod(phase: String, ready: String, generation: Int64? = nil, observed: Int64? = nil) -> JSONValue {
        var condition: [String: JSONValue] = ["type": "Ready", "status": .string(ready)]
        if let observed { condition["observedGeneration"] = .int(observed) }
        var metadata: [String: JSONValue] = ["name": "x"]
        if let generation { metadata["generation"] = .int(generation) }
        return .object([
            "metadata": .object(metadata),
            "status": .object(["phase": .string(phase), "conditions": .array([.object(condition)])]),
        ])
    }

    @Test func deleteAndCreate() throws {
        #expect(try WaitCondition.parse("delete").isMet(by: nil))
        #expect(try !WaitCondition.parse("Delete").isMet(by: pod(phase: "Running", ready: "True")))
        #expect(try WaitCondition.parse("create").isMet(by: pod(phase: "Running", ready: "True")))
        #expect(try !WaitCondition.parse("create").isMet(by: nil))
    }

    @Test func condition_caseInsensitive_defaultTrue_andExplicitValue() throws {
        let ready = pod(phase: "Running", ready: "True")
        #expect(try WaitCondition.parse("condition=Ready").isMet(by: ready))
        #expect(try WaitCondition.parse("condition=ready").isMet(by: ready))
        #expect(try !WaitCondition.parse("condition=Ready=false").isMet(by: ready))
        #expect(try WaitCondition.parse("condition=Ready=False").isMet(by: pod(phase: "Pending", ready: "False")))
        #expect(try !WaitCondition.parse("condition=Available").isMet(by: ready))
        #expect(try !WaitCondition.parse("condition=Ready").isMet(by: nil))
    }

    @Test func condition_olderThanGeneration_isNotMet() throws {
        let stale = pod(phase: "Running", ready: "True", generation: 3, observed: 2)
        #expect(try !WaitCondition.parse("condition=Ready").isMet(by: stale))
        let current = pod(phase: "Running", ready: "True", generation: 3, observed: 3)
        #expect(try WaitCondition.parse("condition=Ready").isMet(by: current))
    }

    @Test func jsonPath_valueExistenceAndFilters() throws {
        let running = pod(phase: "Running", ready: "True")
        #expect(try WaitCondition.parse("jsonpath={.status.phase}=Running").isMet(by: running))
        #expect(try WaitCondition.parse("jsonpath=.status.phase=Running").isMet(by: running))
        #expect(try WaitCondition.parse("jsonpath={.status.phase}='Running'").isMet(by: running))
        #expect(try !WaitCondition.parse("jsonpath={.status.phase}=Pending").isMet(by: running))
        #expect(try WaitCondition.parse(#"jsonpath={.status.conditions[?(@.type=="Ready")].status}=True"#)
            .isMet(by: running))
        #expect(try WaitCondition.parse("jsonpath={.status.phase}").isMet(by: running))
        #expect(try !WaitCondition.parse("jsonpath={.status.podIP}").isMet(by: running))
    }

    @Test func jsonPath_nestedResult_isAnError() throws {
        let condition = try WaitCondition.parse("jsonpath={.status.conditions}=x")
        #expect(throws: WaitCondition.Failure(
            description: "jsonpath leads to a nested object or list which is not supported")) {
            try condition.isMet(by: pod(phase: "Running", ready: "True"))
        }
    }

    @Test func badValues_inKubectlsWords() {
        #expect(throws: WaitCondition.Failure(description: #"unrecognized condition: "bogus""#)) {
            try WaitCondition.parse("bogus")
        }
        #expect(throws: WaitCondition.Failure(description: #"unrecognized condition: """#)) {
            try WaitCondition.parse("")
        }
        #expect(throws: WaitCondition.Failure(
            description: "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'"
        )) { try WaitCondition.parse("jsonpath={.a}=x=y") }
        #expect(throws: WaitCondition.Failure(
            description: "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3"
        )) { try WaitCondition.parse("jsonpath={.a}=") }
        #expect(throws: WaitCondition.Failure(description: "jsonpath expression cannot be empty")) {
            try WaitCondition.parse("jsonpath=")
        }
        #expect(throws: WaitCondition.Failure(
            description: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
        )) { try WaitCondition.parse("jsonpath={.status") }
    }
}
