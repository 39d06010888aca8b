import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// PriorityClass rules (`ValidatePriorityClass`), defaults, and the `Priority` admission plugin on pods.
@Suite struct PriorityClassTests {
    static func priorityClass(_ name: String, _ value: Int32, globalDefault: Bool? = nil) -> PriorityClass {
        var priorityClass = PriorityClass(metadata: ObjectMeta(name: name), value: value, globalDefault: globalDefault)
        priorityClass.applyDefaults()
        return priorityClass
    }

    @Test func defaultsAndAValidClass() {
        let high = Self.priorityClass("high", 1000)
        #expect(high.preemptionPolicy == "PreemptLowerPriority")
        #expect(high.validateCreate().isEmpty)
        for system in PriorityClass.systemClasses {
            #expect(Self.priorityClass(system.name, system.value).validateCreate().isEmpty)
        }
    }

    @Test func systemNamesAndValuesAreReserved() {
        #expect(ValidationFixtures.lines(Self.priorityClass("system-mine", 10).validateCreate()) == [
            "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. "
                + "error: system-mine is not a known system priority class",
        ])
        #expect(ValidationFixtures.lines(Self.priorityClass("system-node-critical", 10).validateCreate()) == [
            "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. "
                + "error: value of system-node-critical PriorityClass must be 2000001000",
        ])
        #expect(ValidationFixtures.lines(Self.priorityClass("huge", 1_000_000_001).validateCreate())
            == ["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"])
        var never = Self.priorityClass("p", 1)
        never.preemptionPolicy = "Sometimes"
        #expect(ValidationFixtures.lines(never.validateCreate())
            == [#"preemptionPolicy: Unsupported value: "Sometimes": supported values: "Never", "PreemptLowerPriority""#])
    }

    @Test func valueAndPolicyNeverChange() {
        let old = Self.priorityClass("p", 1)
        var changed = old
        changed.value = 2
        changed.preemptionPolicy = "Never"
        #expect(ValidationFixtures.lines(changed.validateUpdate(old: old)) == [
            "value: Forbidden: may not be changed in an update.",
            #"preemptionPolicy: Invalid value: "Never": field is immutable"#,
        ])
        var described = old
        described.description = "now described"
        #expect(described.validateUpdate(old: old).isEmpty)
    }

    // MARK: - Priority admission

    static let classes = [priorityClass("high", 1000), priorityClass("batch", 10, globalDefault: true)]

    static func admit(_ className: String?, priority: Int32? = nil, policy: String? = nil,
                      classes: [PriorityClass] = classes) throws -> PodPriorityAdmission.Outcome {
        try PodPriorityAdmission.admit(
            className: className, priority: priority, preemptionPolicy: policy, podName: "web-",
            lookup: { name in classes.first { $0.metadata.name == name } }, classes: { classes })
    }

    @Test func aNamedClassGivesItsValue_andTheGlobalDefaultServesTheRest() throws {
        #expect(try Self.admit("high") == .init(className: "high", priority: 1000, preemptionPolicy: "PreemptLowerPriority"))
        #expect(try Self.admit(nil) == .init(className: "batch", priority: 10, preemptionPolicy: "PreemptLowerPriority"))
        #expect(try Self.admit(nil, classes: [Self.priorityClass("high", 1000)])
            == .init(className: nil, priority: 0, preemptionPolicy: "PreemptLowerPriority"))
        #expect(try Self.admit("high", priority: 1000) .priority == 1000)
    }

    @Test func aMissingClassOrAConflictingPriorityIsForbidden() {
        #expect(throws: Status.forbidden("pods \"web-\" is forbidden: no PriorityClass with name gold was found")) {
            try Self.admit("gold")
        }
        #expect(throws: Status.forbidden(
            "pods \"web-\" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority "
                + "admission controller computed 1000 from the given PriorityClass name")) {
            try Self.admit("high", priority: 5)
        }
    }
}
