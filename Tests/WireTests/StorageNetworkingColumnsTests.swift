import Foundation
import Testing

@testable import KubeAPI

/// The tables of NetworkPolicies, Ingresses, IngressClasses, StorageClasses, CSIDrivers, PersistentVolumes and
/// PersistentVolumeClaims: kubectl 1.32's columns and cells.
@Suite struct StorageNetworkingColumnsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let meta: JSONValue = ["name": "x", "creationTimestamp": .string(Timestamp.format(now.addingTimeInterval(-300)))]

    static func object(_ fields: [String: JSONValue], name: String = "x", annotations: [String: String] = [:]) -> JSONValue {
        var object = fields
        var meta = Self.meta
        meta["name"] = .string(name)
        if !annotations.isEmpty { meta["annotations"] = .object(annotations.mapValues(JSONValue.string)) }
        object["metadata"] = meta
        return .object(object)
    }

    static func headers(_ kind: String) -> [String] {
        TableConvertor.columns(forKind: kind).columns.filter { $0.priority == 0 }.map { $0.name.uppercased() }
    }

    @Test func headers_areKubectls() {
        #expect(Self.headers("NetworkPolicy") == ["NAME", "POD-SELECTOR", "AGE"])
        #expect(Self.headers("Ingress") == ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"])
        #expect(Self.headers("IngressClass") == ["NAME", "CONTROLLER", "PARAMETERS", "AGE"])
        #expect(Self.headers("StorageClass") == [
            "NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE",
        ])
        #expect(Self.headers("CSIDriver") == [
            "NAME", "ATTACHREQUIRED", "PODINFOONMOUNT", "STORAGECAPACITY", "TOKENREQUESTS", "REQUIRESREPUBLISH", "MODES",
            "AGE",
        ])
        #expect(Self.headers("PersistentVolume") == [
            "NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS",
            "VOLUMEATTRIBUTESCLASS", "REASON", "AGE",
        ])
        #expect(Self.headers("PersistentVolumeClaim") == [
            "NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE",
        ])
        #expect(PersistentVolumeColumns.columns.last?.name == "VolumeMode" && PersistentVolumeColumns.columns.last?.priority == 1)
        for kind in ["NetworkPolicy", "Ingress", "IngressClass", "StorageClass", "CSIDriver", "PersistentVolume",
                     "PersistentVolumeClaim"]
        {
            let provider = TableConvertor.columns(forKind: kind)
            #expect(provider.cells(for: Self.object([:]), now: Self.now).count == provider.columns.count, "\(kind)")
        }
    }

    @Test func networkPolicy_selector() {
        let policy = Self.object(["spec": ["podSelector": ["matchLabels": ["b": "2", "a": "1"]]]])
        #expect(NetworkPolicyColumns.cells(for: policy, now: Self.now) == ["x", "a=1,b=2", "5m"])
        #expect(NetworkPolicyColumns.cells(for: Self.object(["spec": ["podSelector": [:]]]), now: Self.now)[1] == "<none>")
    }

    @Test func ingress_classHostsAddressPorts() {
        let rules: [JSONValue] = ["a.io", "b.io", "", "c.io", "d.io"].map { ["host": .string($0)] }
        let ingress = Self.object([
            "spec": ["ingressClassName": "nginx", "rules": .array(rules), "tls": [["hosts": ["a.io"]]]],
            "status": ["loadBalancer": ["ingress": [["ip": "10.0.0.9"], ["hostname": "lb.example.com"], ["ip": "10.0.0.9"]]]],
        ])
        #expect(IngressColumns.cells(for: ingress, now: Self.now) == [
            "x", "nginx", "a.io,b.io,c.io + 2 more...", "10.0.0.9,lb.example.com", "80, 443", "5m",
        ])
        #expect(IngressColumns.cells(for: Self.object(["spec": ["rules": [["http": [:]]]]]), now: Self.now) == [
            "x", "<none>", "*", "", "80", "5m",
        ])
        #expect(IngressColumns.address([["ip": "10.0.0.1"], ["ip": "10.0.0.2"], ["ip": "10.0.0.3"]], wide: false) == "10.0.0.1,10.0...")
    }

    @Test func ingressClass_parameters() {
        let cls = Self.object([
            "spec": ["controller": "k8s.io/ingress-nginx", "parameters": ["apiGroup": "k8s.example.com", "kind": "Params", "name": "p"]],
        ])
        #expect(IngressClassColumns.cells(for: cls, now: Self.now) == ["x", "k8s.io/ingress-nginx", "Params.k8s.example.com/p", "5m"])
        #expect(IngressClassColumns.cells(for: Self.object(["spec": ["controller": "a.io/b"]]), now: Self.now)[2] == "<none>")
    }

    @Test func storageClass_defaultMarkerAndDefaults() {
        let sc = Self.object(
            ["provisioner": "rancher.io/local-path", "volumeBindingMode": "WaitForFirstConsumer"], name: "local-path",
            annotations: ["storageclass.kubernetes.io/is-default-class": "true"])
        #expect(StorageClassColumns.cells(for: sc, now: Self.now) == [
            "local-path (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", false, "5m",
        ])
    }

    @Test func csiDriver_flagsTokensModes() {
        let driver = Self.object([
            "spec": ["attachRequired": false, "volumeLifecycleModes": ["Persistent", "Ephemeral"], "tokenRequests": [["audience": "vault"], ["audience": ""]]],
        ])
        #expect(CSIDriverColumns.cells(for: driver, now: Self.now) == [
            "x", false, false, false, "vault,", false, "Persistent,Ephemeral", "5m",
        ])
        #expect(CSIDriverColumns.cells(for: Self.object(["spec": [:]]), now: Self.now) == [
            "x", true, false, false, "<unset>", false, "<none>", "5m",
        ])
    }

    @Test func persistentVolume_andClaim() {
        let pv = Self.object([
            "spec": [
                "capacity": ["storage": "10Gi"], "accessModes": ["ReadWriteMany", "ReadWriteOnce", "ReadWriteOnce"],
                "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "manual",
                "claimRef": ["namespace": "default", "name": "data"], "volumeMode": "Filesystem",
            ],
            "status": ["phase": "Bound"],
        ], name: "pv1")
        #expect(PersistentVolumeColumns.cells(for: pv, now: Self.now) == [
            "pv1", "10Gi", "RWO,RWX", "Retain", "Bound", "default/data", "manual", "<unset>", "", "5m", "Filesystem",
        ])
        let pending = Self.object([
            "spec": ["resources": ["requests": ["storage": "1Gi"]], "accessModes": ["ReadWriteOnce"], "storageClassName": "local-path"],
            "status": ["phase": "Pending"],
        ], name: "data")
        #expect(PersistentVolumeClaimColumns.cells(for: pending, now: Self.now) == [
            "data", "Pending", "", "", "", "local-path", "<unset>", "5m", "<unset>",
        ])
        let bound = Self.object([
            "spec": ["volumeName": "pv1", "storageClassName": "manual", "volumeMode": "Filesystem"],
            "status": ["phase": "Bound", "capacity": ["storage": "10Gi"], "accessModes": ["ReadWriteOnce"]],
        ], name: "data")
        #expect(PersistentVolumeClaimColumns.cells(for: bound, now: Self.now) == [
            "data", "Bound", "pv1", "10Gi", "RWO", "manual", "<unset>", "5m", "Filesystem",
        ])
    }
}
