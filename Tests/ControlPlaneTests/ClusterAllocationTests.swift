import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct ClusterAllocationTests {
    @Test func newNode_getsLowestFreePodCIDR_andTheNotReadyTaint() {
        let existing: [JSONValue] = [
            ["spec": ["podCIDR": "10.244.1.0/24"]], ["spec": ["podCIDR": "10.244.3.0/24"]],
        ]
        let node = ClusterAllocation.registerNode(["metadata": ["name": "n"], "spec": [:]], existingNodes: existing)
        #expect(node[path: ["spec", "podCIDR"]] == "10.244.2.0/24")
        #expect(node[path: ["spec", "podCIDRs"]] == ["10.244.2.0/24"])
        #expect(node[path: ["spec", "taints"]] == [["key": "node.kubernetes.io/not-ready", "effect": "NoSchedule"]])
    }

    @Test func nodeWithCIDRAndTaint_keepsThem() {
        let given: JSONValue = ["spec": ["podCIDR": "10.244.9.0/24", "taints": [ClusterAllocation.notReadyTaint]]]
        let node = ClusterAllocation.registerNode(given, existingNodes: [])
        #expect(node[path: ["spec", "podCIDR"]] == "10.244.9.0/24")
        #expect(node[path: ["spec", "taints"]]?.arrayValue?.count == 1)
    }

    @Test func service_getsAFreeClusterIPInTheServiceNetwork_andNodePortsWhenAsked() throws {
        var generator = SystemRandomNumberGenerator()
        let service: JSONValue = ["metadata": ["name": "s"], "spec": ["type": "NodePort", "ports": [["port": 80]]]]
        let existing: [JSONValue] = [["spec": ["clusterIP": "10.96.0.1", "ports": [["port": 1, "nodePort": 30000]]]]]
        let allocated = try ClusterAllocation.allocateService(service, existing: existing, using: &generator)
        let ip = try #require(allocated[path: ["spec", "clusterIP"]]?.stringValue)
        #expect(ip.hasPrefix("10.") && ip != "10.96.0.1")
        let octets = ip.split(separator: ".").compactMap { Int($0) }
        #expect(octets.count == 4 && octets[1] >= 96 && octets[1] <= 111)
        #expect(allocated[path: ["spec", "ports"]]?.arrayValue?.first?["nodePort"] == 30001)
    }

    @Test func headlessService_keepsNone_andATakenIPIsRefused() throws {
        var generator = SystemRandomNumberGenerator()
        let headless = try ClusterAllocation.allocateService(
            ["spec": ["clusterIP": "None"]], existing: [], using: &generator)
        #expect(headless[path: ["spec", "clusterIP"]] == "None")
        #expect(throws: Status.self) {
            try ClusterAllocation.allocateService(
                ["metadata": ["name": "x"], "spec": ["clusterIP": "10.96.0.1"]],
                existing: [["spec": ["clusterIP": "10.96.0.1"]]], using: &generator)
        }
    }
}
