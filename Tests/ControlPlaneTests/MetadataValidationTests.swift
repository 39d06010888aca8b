import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Metadata rules, the small kinds (Node, Namespace, Endpoints, Event, ControllerRevision) and the shared helpers.
@Suite struct MetadataValidationTests {
    private func node(_ edit: (inout Node) -> Void = { _ in }) -> Node {
        var node = Node(metadata: ObjectMeta(name: "w1"), spec: NodeSpec(podCIDR: "10.244.1.0/24"))
        edit(&node)
        node.applyDefaults()
        return node
    }

    private func revision(_ edit: (inout ControllerRevision) -> Void = { _ in }) -> ControllerRevision {
        var revision = ControllerRevision(metadata: ObjectMeta(name: "filebeat-ds-6d5f8c7b9", namespace: "default"),
                                          data: ["spec": ["template": ["$patch": "replace"]]], revision: 1)
        edit(&revision)
        return revision
    }

    // MARK: ObjectMeta

    @Test func metadataRules() {
        let lines = { (meta: ObjectMeta, namespaced: Bool) in ValidationFixtures.lines(meta.validate(namespaced: namespaced)) }
        #expect(lines(ObjectMeta(name: "a", namespace: "default"), true).isEmpty)
        #expect(lines(ObjectMeta(namespace: "default"), true) == ["metadata.name: Required value: name or generateName is required"])
        #expect(lines(ObjectMeta(generateName: "filebeat-ds-", namespace: "default"), true).isEmpty)
        #expect(lines(ObjectMeta(name: "a"), true) == ["metadata.namespace: Required value"])
        #expect(lines(ObjectMeta(name: "a"), false).isEmpty)
        #expect(lines(ObjectMeta(name: "a", namespace: "Default"), true).first?
            .hasPrefix(#"metadata.namespace: Invalid value: "Default": a lowercase RFC 1123 label"#) == true)
        #expect(lines(ObjectMeta(name: "a", namespace: "default", labels: ["app": "bad value!"]), true).first?
            .hasPrefix(#"metadata.labels: Invalid value: "bad value!": a valid label must"#) == true)
        var owned = ObjectMeta(name: "a", namespace: "default")
        owned.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: "ds", uid: "")]
        #expect(lines(owned, true) == [#"metadata.ownerReferences.uid: Invalid value: "": must not be empty"#])
        var finalized = ObjectMeta(name: "a", namespace: "default")
        finalized.finalizers = ["foregroundDeletion", "example.com/cleanup", "cleanup"]
        #expect(lines(finalized, true) == [
            #"metadata.finalizers[2]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified"#,
        ])
    }

    @Test func metadataUpdateRules() {
        let old = ObjectMeta(name: "a", namespace: "default")
        var new = ObjectMeta(name: "b", namespace: "kube-system")
        new.uid = "u2"
        var oldWithUID = old
        oldWithUID.uid = "u1"
        #expect(ValidationFixtures.lines(new.validateUpdate(old: oldWithUID)) == [
            #"metadata.name: Invalid value: "b": field is immutable"#,
            #"metadata.namespace: Invalid value: "kube-system": field is immutable"#,
            #"metadata.uid: Invalid value: "u2": field is immutable"#,
        ])
        #expect(old.validateUpdate(old: oldWithUID).isEmpty)
    }

    // MARK: Node and Namespace

    @Test func nodeRules() {
        #expect(node().validateCreate().isEmpty)
        #expect(ValidationFixtures.lines(node { $0.spec.taints = [Taint(key: "dedicated", effect: "Sometimes")] }.validateCreate()) == [
            #"metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute""#,
        ])
        #expect(ValidationFixtures.lines(node { $0.spec.taints = [Taint(key: "dedicated", effect: "")] }.validateCreate()) == [
            "metadata.taints[0].effect: Required value",
        ])
        #expect(node { $0.spec.taints = [Taint(key: "bad key", effect: "NoSchedule")] }.validateCreate().first?.field
            == "metadata.taints[0].key")
        let duplicated = node {
            $0.spec.taints = [Taint(key: "k", effect: "NoSchedule"), Taint(key: "k", value: "v", effect: "NoSchedule")]
        }.validateCreate()
        #expect(duplicated.map(\.field) == ["metadata.taints[1]"])
        #expect(duplicated.first?.type == .duplicate)
        #expect(ValidationFixtures.lines(node { $0.spec.podCIDR = "10.244.1.0/33" }.validateCreate()) == [
            #"spec.podCIDRs[0]: Invalid value: "10.244.1.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"#,
        ])
        #expect(node { $0.metadata.name = "W1" }.validateCreate().first?.field == "metadata.name")
    }

    @Test func nodeUpdateRules() {
        #expect(node { $0.spec.unschedulable = true }.validateUpdate(old: node()).isEmpty)
        #expect(node().validateUpdate(old: node { $0.spec.podCIDR = nil }).isEmpty)
        #expect(ValidationFixtures.lines(node { $0.spec.podCIDR = "10.244.2.0/24" }.validateUpdate(old: node())) == [
            #"spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid"#,
        ])
    }

    @Test func namespaceRules() {
        var good = Namespace(metadata: ObjectMeta(name: "kube-system"))
        good.applyDefaults()
        #expect(good.validateCreate().isEmpty)
        var bad = Namespace(metadata: ObjectMeta(name: "team.a"))
        bad.applyDefaults()
        #expect(ValidationFixtures.lines(bad.validateCreate()) == [
            #"metadata.name: Invalid value: "team.a": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
        ])
    }

    // MARK: ControllerRevision, Event, Endpoints

    @Test func controllerRevisionRules() {
        #expect(revision().validateCreate().isEmpty)
        #expect(ValidationFixtures.lines(revision {
            $0.data = nil
            $0.revision = -1
        }.validateCreate()) == [
            "data: Required value: data is mandatory",
            "revision: Invalid value: -1: must be greater than or equal to 0",
        ])
        let changed = revision { $0.data = ["spec": ["template": ["metadata": ["labels": ["app": "x"]]]]] }
            .validateUpdate(old: revision())
        #expect(changed.map(\.field) == ["data"])
        #expect(changed.first?.detail == "field is immutable")
        #expect(revision().validateUpdate(old: revision()).isEmpty)
    }

    @Test func eventNamespaceMustMatchInvolvedObject() {
        let podEvent = Event(metadata: ObjectMeta(name: "redis-1.17a3", namespace: "default"),
                             involvedObject: ObjectReference(kind: "Pod", namespace: "default", name: "redis-1"))
        #expect(podEvent.validateCreate().isEmpty)
        let nodeEvent = Event(metadata: ObjectMeta(name: "w1.17a3", namespace: "default"),
                              involvedObject: ObjectReference(kind: "Node", name: "w1"))
        #expect(nodeEvent.validateCreate().isEmpty)
        let misplaced = Event(metadata: ObjectMeta(name: "redis-1.17a3", namespace: "kube-system"),
                              involvedObject: ObjectReference(kind: "Pod", namespace: "default", name: "redis-1"))
        #expect(ValidationFixtures.lines(misplaced.validateCreate()) == [
            #"involvedObject.namespace: Invalid value: "default": does not match event.namespace"#,
        ])
    }

    @Test func endpointsRules() {
        var endpoints = Endpoints(metadata: ObjectMeta(name: "redis", namespace: "default"), subsets: [
            EndpointSubset(addresses: [EndpointAddress(ip: "10.244.1.5", nodeName: "w1")],
                           ports: [EndpointPort(port: 6379)]),
        ])
        endpoints.applyDefaults()
        #expect(endpoints.validateCreate().isEmpty)
        endpoints.subsets?[0].addresses?[0].ip = "10.244.1"
        endpoints.subsets?[0].ports?.append(EndpointPort(name: "b", port: 70000, protocol: "TCP"))
        #expect(ValidationFixtures.lines(endpoints.validateCreate()) == [
            #"subsets[0].addresses[0].ip: Invalid value: "10.244.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"#,
            "subsets[0].ports[0].name: Required value",
            "subsets[0].ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
        ])
    }

    // MARK: Helpers

    @Test func intOrPercentHelpers() {
        #expect(IntOrPercent.value(.string("25%")) == 25)
        #expect(IntOrPercent.value(.int(3)) == 3)
        #expect(IntOrPercent.value(.string("7")) == 7)
        #expect(IntOrPercent.value(.string("abc")) == 0)
        #expect(IntOrPercent.value(nil) == 0)
        #expect(IntOrPercent.percentMessages("5%").isEmpty)
        #expect(IntOrPercent.percentMessages("%") == IntOrPercent.percentMessages("5"))
        #expect(IntOrPercent.percentMessages("-5%").count == 1)
        #expect(IntOrPercent.validateNotMoreThan100Percent(.string("100%"), field: "f").isEmpty)
        #expect(IntOrPercent.validateNotMoreThan100Percent(.int(200), field: "f").isEmpty)
    }

    @Test func portNamesAndAddresses() {
        #expect(FieldRules.portNameMessages("http").isEmpty)
        #expect(FieldRules.portNameMessages("8080") == ["must contain at least one letter (a-z)"])
        #expect(FieldRules.portNameMessages("-web") == ["must not begin or end with a hyphen"])
        #expect(FieldRules.portNameMessages("a-very-long-port-name") == ["must be no more than 15 characters"])
        #expect(FieldRules.isCIDR("10.0.0.0/8"))
        #expect(FieldRules.isCIDR("2001:db8::/64"))
        #expect(!FieldRules.isCIDR("10.0.0.0"))
        #expect(!FieldRules.isCIDR("10.0.0.0/"))
        #expect(FieldRules.validIP("::1", "f").isEmpty)
    }

    @Test func semanticEqualityIgnoresEmptyCollections() {
        var a = PodSpec(containers: [Container(name: "a", image: "x")])
        var b = a
        b.tolerations = []
        b.containers[0].env = []
        #expect(SemanticEquality.equal(a, b))
        a.nodeName = "w1"
        #expect(!SemanticEquality.equal(a, b))
    }
}
